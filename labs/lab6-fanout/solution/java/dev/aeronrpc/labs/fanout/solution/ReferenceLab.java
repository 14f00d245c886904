package dev.aeronrpc.labs.fanout.solution;

import dev.aeronrpc.labs.fanout.lab.FanOutLab;
import dev.aeronrpc.labs.fanout.lab.Publisher;
import dev.aeronrpc.labs.fanout.lab.Subscriber;
import io.aeron.Aeron;

/**
 * Lab 6's reference solution.
 */
public final class ReferenceLab implements FanOutLab
{
    @Override
    public String ipcChannel()
    {
        return "aeron:ipc";
    }

    @Override
    public String mdcPublicationChannel(final int controlPort)
    {
        // The control endpoint is where subscribers' status messages arrive: each one adds its sender as a
        // destination. The driver then sends every frame to every destination: one offer, N datagrams.
        return "aeron:udp?control=localhost:" + controlPort + "|control-mode=dynamic";
    }

    @Override
    public String mdcSubscriptionChannel(final int controlPort, final int subscriberPort)
    {
        return "aeron:udp?endpoint=localhost:" + subscriberPort + "|control=localhost:" + controlPort +
            "|control-mode=dynamic";
    }

    @Override
    public Publisher publisher(final Aeron aeron, final String channel, final int streamId)
    {
        return new FanOutPublisher(aeron, channel, streamId);
    }

    @Override
    public Subscriber subscriber(final Aeron aeron, final String channel, final int streamId)
    {
        return new CountingSubscriber(aeron, channel, streamId);
    }
}
