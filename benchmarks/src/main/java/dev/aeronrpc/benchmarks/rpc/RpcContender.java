package dev.aeronrpc.benchmarks.rpc;

import dev.aeronrpc.benchmarks.Contender;
import dev.aeronrpc.benchmarks.ItemStream;
import dev.aeronrpc.benchmarks.LoadRig;
import dev.aeronrpc.benchmarks.Pipeline;
import dev.aeronrpc.benchmarks.RoundTrip;
import dev.aeronrpc.benchmarks.Transport;

/**
 * This framework: the generated client and server stub of the benchmark schema.
 */
public final class RpcContender implements Contender
{
    private final int window;
    private final int streamWindow;

    /**
     * A contender keeping the given windows.
     *
     * @param window       calls in flight when pipelined.
     * @param streamWindow credit a stream's consumer grants ahead.
     */
    public RpcContender(final int window, final int streamWindow)
    {
        this.window = window;
        this.streamWindow = streamWindow;
    }

    @Override
    public String system()
    {
        return "rpc";
    }

    @Override
    public Transport[] transports()
    {
        return new Transport[]{Transport.IPC, Transport.UDP};
    }

    @Override
    public String threads()
    {
        return "client: the calling thread, which also polls (invoker mode); server: 1 agent thread; " +
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
        return new RpcRoundTrip(transport, payloadBytes);
    }

    @Override
    public Pipeline pipeline(final Transport transport, final int payloadBytes)
    {
        return new RpcPipeline(transport, payloadBytes, window);
    }

    @Override
    public ItemStream itemStream(final Transport transport, final int payloadBytes)
    {
        return new RpcItemStream(transport, payloadBytes, streamWindow);
    }
}
