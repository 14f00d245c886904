package dev.aeronrpc.benchmarks.rpc;

import dev.aeronrpc.benchmarks.Burst;
import dev.aeronrpc.benchmarks.Stamps;
import dev.aeronrpc.benchmarks.Transport;
import dev.aeronrpc.benchmarks.api.BenchClient;
import dev.aeronrpc.benchmarks.api.PayloadDecoder;
import dev.aeronrpc.client.ResponseListener;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.Status;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A thousand asynchronous calls of 256 KiB each, put in flight from one thread as fast as the client takes them,
 * then awaited; each answer is checked. Both directions are back pressured most of the time: the client must lose
 * none of them.
 */
final class RpcBurst implements Burst, ResponseListener<PayloadDecoder>
{
    private static final long BURST_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(120);

    private final RpcPeers peers;
    private final RpcClient client;
    private final BenchClient bench;
    private final boolean invoker;
    private final UnsafeBuffer payload;
    private final UnsafeBuffer echoed = new UnsafeBuffer(0, 0);
    private final IdleStrategy idle;
    private final AtomicLong ended = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, AtomicLong> reasons = new ConcurrentHashMap<>();
    private int expectedLength;

    RpcBurst(final Transport transport, final int payloadBytes, final boolean invoker)
    {
        // Room for a 256 KiB payload with its envelopes: the embedded driver's terms carry up to 512 KiB.
        peers = new RpcPeers(transport, 4096, invoker, 512 * 1024);
        client = peers.client();
        bench = peers.bench().withTimeout(Duration.ofSeconds(60));
        this.invoker = invoker;
        payload = Stamps.payload(payloadBytes);
        idle = dev.aeronrpc.core.RpcConfiguration.idleStrategy();
    }

    @Override
    public long burst(final int calls)
    {
        ended.set(0);
        failed.set(0);
        expectedLength = payload.capacity();
        for (int i = 0; i < calls; i++)
        {
            Stamps.stamp(payload, i);
            bench.echoAsync(bench.echoRequest().putData(payload, 0, payload.capacity()), this);
            if (invoker)
            {
                client.poll();
            }
        }
        final long deadlineNs = System.nanoTime() + BURST_TIMEOUT_NS;
        while (ended.get() < calls)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException((calls - ended.get()) + " calls of the burst never ended");
            }
            idle.idle(invoker ? client.poll() : 0);
        }
        return failed.get();
    }

    @Override
    public String failures()
    {
        return reasons.isEmpty() ? "" : new TreeMap<>(reasons).toString();
    }

    @Override
    public void onResponse(final PayloadDecoder response)
    {
        response.wrapData(echoed);
        if (echoed.capacity() != expectedLength)
        {
            fail("a wrong answer");
        }
        ended.incrementAndGet();
    }

    @Override
    public void onError(final Status status, final String message)
    {
        fail(status + " " + message);
        ended.incrementAndGet();
    }

    private void fail(final String reason)
    {
        failed.incrementAndGet();
        reasons.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void close()
    {
        peers.close();
    }
}
