package dev.aeronrpc.benchmarks.aeron;

import dev.aeronrpc.benchmarks.Contender;
import dev.aeronrpc.benchmarks.ItemStream;
import dev.aeronrpc.benchmarks.LoadRig;
import dev.aeronrpc.benchmarks.Pipeline;
import dev.aeronrpc.benchmarks.RoundTrip;
import dev.aeronrpc.benchmarks.Transport;

/**
 * Plain Aeron, written against its public API with no framework in between: the limit.
 */
public final class AeronContender implements Contender
{
    @Override
    public String system()
    {
        return "aeron";
    }

    @Override
    public Transport[] transports()
    {
        return new Transport[]{Transport.IPC, Transport.UDP};
    }

    @Override
    public String threads()
    {
        return "requester: the calling thread, which also polls; responder: 1 agent thread; " +
            "driver: 1 thread (SHARED)";
    }

    @Override
    public String idleStrategy()
    {
        return LoadRig.idleStrategyName();
    }

    @Override
    public String driverThreading()
    {
        return "SHARED";
    }

    @Override
    public RoundTrip roundTrip(final Transport transport, final int payloadBytes)
    {
        return new AeronRoundTrip(transport, payloadBytes);
    }

    @Override
    public Pipeline pipeline(final Transport transport, final int payloadBytes)
    {
        return new AeronPipeline(transport, payloadBytes);
    }

    @Override
    public ItemStream itemStream(final Transport transport, final int payloadBytes)
    {
        return new AeronItemStream(transport, payloadBytes);
    }
}
