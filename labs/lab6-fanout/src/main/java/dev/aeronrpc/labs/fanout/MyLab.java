package dev.aeronrpc.labs.fanout;

import dev.aeronrpc.labs.fanout.lab.FanOutLab;
import dev.aeronrpc.labs.fanout.lab.Publisher;
import dev.aeronrpc.labs.fanout.lab.Subscriber;
import io.aeron.Aeron;

/**
 * Your submission: the channels, and the two ends.
 */
public final class MyLab implements FanOutLab
{
    @Override
    public String ipcChannel()
    {
        return "aeron:ipc";
    }

    @Override
    public String mdcPublicationChannel(final int controlPort)
    {
        // TODO step 3: a UDP channel whose publication takes subscribers dynamically on localhost:controlPort.
        return null;
    }

    @Override
    public String mdcSubscriptionChannel(final int controlPort, final int subscriberPort)
    {
        // TODO step 3: a UDP channel that receives on localhost:subscriberPort and asks the publication's control
        //  endpoint to send there.
        return null;
    }

    @Override
    public Publisher publisher(final Aeron aeron, final String channel, final int streamId)
    {
        return new MyPublisher(aeron, channel, streamId);
    }

    @Override
    public Subscriber subscriber(final Aeron aeron, final String channel, final int streamId)
    {
        return new MySubscriber(aeron, channel, streamId);
    }
}
