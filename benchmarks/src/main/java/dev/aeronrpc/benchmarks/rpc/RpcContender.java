package dev.aeronrpc.benchmarks.rpc;

import dev.aeronrpc.benchmarks.Burst;
import dev.aeronrpc.benchmarks.Contender;
import dev.aeronrpc.benchmarks.ItemStream;
import dev.aeronrpc.benchmarks.LoadRig;
import dev.aeronrpc.benchmarks.Pipeline;
import dev.aeronrpc.benchmarks.RoundTrip;
import dev.aeronrpc.benchmarks.Transport;
import dev.aeronrpc.benchmarks.Workload;

/**
 * This framework: the generated client and server stub of the benchmark schema.
 */
public final class RpcContender implements Contender
{
    private final int window;
    private final int streamWindow;
    private final boolean invoker;

    /**
     * A contender keeping the given windows.
     *
     * @param window       calls in flight when pipelined.
     * @param streamWindow credit a stream's consumer grants ahead.
     * @param invoker      true for a client in invoker mode (the calling thread drives it, as the raw Aeron
     *                     requester polls for itself), false for the default setup with the client's own thread.
     */
    public RpcContender(final int window, final int streamWindow, final boolean invoker)
    {
        this.window = window;
        this.streamWindow = streamWindow;
        this.invoker = invoker;
    }

    @Override
    public String system()
    {
        return invoker ? "rpc" : "rpc-agent";
    }

    @Override
    public boolean runs(final Workload workload)
    {
        return true;
    }

    @Override
    public Burst burst(final Transport transport, final int payloadBytes)
    {
        return new RpcBurst(transport, payloadBytes, invoker);
    }

    @Override
    public Transport[] transports()
    {
        return new Transport[]{Transport.IPC, Transport.UDP};
    }

    @Override
    public String threads()
    {
        return invoker ?
            "client: the calling thread, which also polls (invoker mode); server: 1 agent thread; driver: 1 thread " +
            "(SHARED)" :
            "client: the calling thread + the client's agent thread (the default); server: 1 agent thread; " +
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
        return new RpcRoundTrip(transport, payloadBytes, invoker);
    }

    @Override
    public Pipeline pipeline(final Transport transport, final int payloadBytes)
    {
        return new RpcPipeline(transport, payloadBytes, window, invoker);
    }

    @Override
    public ItemStream itemStream(final Transport transport, final int payloadBytes)
    {
        return new RpcItemStream(transport, payloadBytes, streamWindow, invoker);
    }
}
