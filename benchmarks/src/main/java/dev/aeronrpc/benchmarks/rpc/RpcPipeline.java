package dev.aeronrpc.benchmarks.rpc;

import dev.aeronrpc.benchmarks.LoadRig;
import dev.aeronrpc.benchmarks.Pipeline;
import dev.aeronrpc.benchmarks.Stamps;
import dev.aeronrpc.benchmarks.Transport;
import dev.aeronrpc.benchmarks.api.BenchClient;
import dev.aeronrpc.benchmarks.api.PayloadDecoder;
import dev.aeronrpc.client.ResponseListener;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.Status;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Asynchronous unary calls through the generated client, many in flight. In invoker mode the sending thread polls
 * the client and hears the answers itself; in the default setup the client's thread runs the listener and the
 * sender reads the count it keeps.
 */
final class RpcPipeline implements Pipeline, ResponseListener<PayloadDecoder>
{
    private final RpcPeers peers;
    private final RpcClient client;
    private final BenchClient bench;
    private final boolean invoker;
    private final UnsafeBuffer payload;
    private final UnsafeBuffer echoed = new UnsafeBuffer(0, 0);
    private final Histogram histogram = LoadRig.newHistogram();
    private final AtomicLong answered = new AtomicLong();
    private long taken;
    private volatile String failure;

    RpcPipeline(final Transport transport, final int payloadBytes, final int window, final boolean invoker)
    {
        peers = new RpcPeers(transport, window, invoker);
        client = peers.client();
        bench = peers.bench();
        this.invoker = invoker;
        payload = Stamps.payload(payloadBytes);
    }

    @Override
    public boolean trySend(final long stampNs)
    {
        Stamps.stamp(payload, stampNs);
        bench.echoAsync(bench.echoRequest().putData(payload, 0, payload.capacity()), this);
        checkFailure();
        return true;
    }

    @Override
    public int poll()
    {
        if (invoker)
        {
            client.poll();
        }
        checkFailure();
        final long now = answered.get();
        final int arrived = (int)(now - taken);
        taken = now;
        return arrived;
    }

    @Override
    public Histogram histogram()
    {
        return histogram;
    }

    @Override
    public void onResponse(final PayloadDecoder response)
    {
        response.wrapData(echoed);
        histogram.recordValue(System.nanoTime() - echoed.getLong(0));
        answered.lazySet(answered.get() + 1);
    }

    @Override
    public void onError(final Status status, final String message)
    {
        failure = status + ": " + message;
    }

    @Override
    public void close()
    {
        peers.close();
    }

    private void checkFailure()
    {
        if (null != failure)
        {
            throw new IllegalStateException("a pipelined call failed: " + failure);
        }
    }
}
