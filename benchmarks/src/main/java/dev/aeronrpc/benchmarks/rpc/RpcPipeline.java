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

/**
 * Asynchronous unary calls through the generated client, many in flight; the sending thread polls the client
 * (invoker mode) and so hears the answers itself.
 */
final class RpcPipeline implements Pipeline, ResponseListener<PayloadDecoder>
{
    private final RpcPeers peers;
    private final RpcClient client;
    private final BenchClient bench;
    private final UnsafeBuffer payload;
    private final UnsafeBuffer echoed = new UnsafeBuffer(0, 0);
    private final Histogram histogram = LoadRig.newHistogram();
    private int answered;
    private String failure;

    RpcPipeline(final Transport transport, final int payloadBytes, final int window)
    {
        peers = new RpcPeers(transport, window);
        client = peers.client();
        bench = peers.bench();
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
        client.poll();
        checkFailure();
        final int arrived = answered;
        answered = 0;
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
        answered++;
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
