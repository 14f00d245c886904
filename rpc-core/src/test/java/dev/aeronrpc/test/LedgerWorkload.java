package dev.aeronrpc.test;

import dev.aeronrpc.client.ResponseListener;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.Delivery;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.test.api.LedgerClient;
import dev.aeronrpc.test.api.LedgerResultDecoder;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes many Ledger calls of one guarantee, a window of them in flight at once, each with a key of its own, and
 * records how each ended, so a test can count handler runs against logical calls.
 */
public final class LedgerWorkload
{
    /**
     * How the calls ended.
     *
     * @param calls     logical calls made.
     * @param succeeded answered with the right result.
     * @param wrong     answered with a wrong result.
     * @param failures  failed calls by status.
     */
    public record Outcome(int calls, int succeeded, int wrong, Map<Status, Integer> failures)
    {
        public int failed()
        {
            return failures.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final RpcClient client;
    private final LedgerClient ledger;
    private final LedgerClient timed;
    private final Delivery delivery;
    private final AtomicInteger inflight = new AtomicInteger();
    private final AtomicInteger succeeded = new AtomicInteger();
    private final AtomicInteger wrong = new AtomicInteger();
    private final ConcurrentLinkedQueue<Status> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger completed = new AtomicInteger();
    private final ResponseListener<LedgerResultDecoder> listener = new ResponseListener<>()
    {
        public void onResponse(final LedgerResultDecoder response)
        {
            if (response.doubled() == 2 * amountOf(response.key()))
            {
                succeeded.incrementAndGet();
            }
            else
            {
                wrong.incrementAndGet();
            }
            done();
        }

        public void onError(final Status status, final String message)
        {
            failures.add(status);
            done();
        }
    };

    public LedgerWorkload(final RpcClient client, final Delivery delivery, final long timeoutNs)
    {
        this.client = client;
        this.ledger = new LedgerClient(client);
        this.timed = ledger.withTimeout(java.time.Duration.ofNanos(timeoutNs));
        this.delivery = delivery;
    }

    public static long amountOf(final long key)
    {
        return key * 7 + 3;
    }

    /**
     * Calls once per key from {@code firstKey}, keeping at most {@code window} calls in flight, and waits for all.
     */
    public Outcome run(final long firstKey, final int calls, final int window, final long waitMs)
    {
        final long deadlineNs = System.nanoTime() + waitMs * 1_000_000L;
        for (long key = firstKey; key < firstKey + calls; key++)
        {
            while (inflight.get() >= window)
            {
                awaitProgress(deadlineNs);
            }
            inflight.incrementAndGet();
            final var request = switch (delivery)
            {
                case AT_MOST_ONCE -> ledger.atMostOnceRequest();
                case AT_LEAST_ONCE -> ledger.atLeastOnceRequest();
                case EXACTLY_ONCE -> ledger.exactlyOnceRequest();
            };
            request.key(key).amount(amountOf(key));
            switch (delivery)
            {
                case AT_MOST_ONCE -> timed.atMostOnceAsync(request, listener);
                case AT_LEAST_ONCE -> timed.atLeastOnceAsync(request, listener);
                case EXACTLY_ONCE -> timed.exactlyOnceAsync(request, listener);
            }
        }
        while (completed.get() < calls)
        {
            awaitProgress(deadlineNs);
        }

        final Map<Status, Integer> byStatus = new EnumMap<>(Status.class);
        for (final Status status : failures)
        {
            byStatus.merge(status, 1, Integer::sum);
        }
        return new Outcome(calls, succeeded.get(), wrong.get(), byStatus);
    }

    public int completed()
    {
        return completed.get();
    }

    private void done()
    {
        inflight.decrementAndGet();
        completed.incrementAndGet();
    }

    private void awaitProgress(final long deadlineNs)
    {
        if (System.nanoTime() - deadlineNs > 0)
        {
            throw new AssertionError("the workload did not finish in time: " + completed.get() + " completed, " +
                inflight.get() + " in flight, client counters " + client.counters());
        }
        Thread.onSpinWait();
        try
        {
            Thread.sleep(0, 200_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
