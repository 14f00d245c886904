package dev.aeronrpc.examples;

import dev.aeronrpc.client.ResponseListener;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.Delivery;
import dev.aeronrpc.core.RpcMediaDriver;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.examples.api.TallyClient;
import dev.aeronrpc.examples.api.TallyReplyDecoder;
import dev.aeronrpc.examples.api.TallyRequestEncoder;
import dev.aeronrpc.examples.api.TallyStub;
import dev.aeronrpc.faults.FaultyNetwork;
import dev.aeronrpc.server.ResponseFilter;
import dev.aeronrpc.server.RpcServer;
import dev.aeronrpc.server.ServerCounters;

import java.io.PrintStream;
import java.util.EnumMap;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The same workload under the same faults with each delivery guarantee, and a table of what happened: how many
 * calls succeeded or failed, how often the handler really ran, how many requests were sent again, and how many
 * duplicates the server answered from memory.
 * <p>
 * The faults: UDP on the loopback interface through a {@link FaultyNetwork} that drops 10% of data and control
 * frames (Aeron repairs that by itself), a server that loses 10% of its answers after the handler ran (as a crash
 * between work and reply would), and a 2-second blackout that ends the session on both sides.
 * <p>
 * {@code java -jar aeron-rpc-examples.jar guarantees [calls]}
 */
public final class GuaranteesMain
{
    private static final int WINDOW = 50;
    private static final long PEER_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(800);

    private GuaranteesMain()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        run(System.out, args.length > 1 ? Integer.parseInt(args[1]) : 2_000);
    }

    /**
     * Runs the workload once per guarantee and prints the table.
     *
     * @param out   where to print.
     * @param calls calls per guarantee.
     * @return the rows, by guarantee.
     * @throws InterruptedException if interrupted while waiting.
     */
    static Map<Delivery, Row> run(final PrintStream out, final int calls) throws InterruptedException
    {
        out.println("Each guarantee: " + calls + " Tally calls, " + WINDOW + " in flight, over UDP that drops 10% " +
            "of frames, with 10% of answers lost after the handler ran and a 2 s blackout a third of the way in.");
        final Map<Delivery, Row> rows = new EnumMap<>(Delivery.class);
        for (final Delivery delivery : Delivery.values())
        {
            rows.put(delivery, runOne(delivery, calls));
        }

        out.println();
        out.printf("%-14s %6s %9s %7s %-34s %8s %10s %8s %10s%n", "guarantee", "calls", "succeeded", "failed",
            "(statuses)", "handler", "run twice+", "retries", "duplicates");
        out.printf("%-14s %6s %9s %7s %-34s %8s %10s %8s %10s%n", "", "", "", "", "", "runs", "(calls)", "", "suppressed");
        for (final Map.Entry<Delivery, Row> entry : rows.entrySet())
        {
            final Row row = entry.getValue();
            out.printf("%-14s %6d %9d %7d %-34s %8d %10d %8d %10d%n",
                entry.getKey().name().toLowerCase().replace('_', '-'), row.calls, row.succeeded, row.failed(),
                row.failures.isEmpty() ? "" : row.failures.toString(), row.handlerRuns, row.keysRunMoreThanOnce,
                row.retries, row.duplicatesSuppressed);
        }
        out.println();
        out.println("at-most-once never runs a call twice, and says so when it cannot know (UNAVAILABLE, " +
            "DEADLINE_EXCEEDED); at-least-once completes every call and may run some twice; exactly-once completes " +
            "every call and runs each once, answering repeats from the server's memory.");
        return rows;
    }

    private static Row runOne(final Delivery delivery, final int calls) throws InterruptedException
    {
        final FaultyNetwork network = new FaultyNetwork();
        final TallyService tally = new TallyService();
        final SplittableRandom random = new SplittableRandom(7);
        final ResponseFilter loseOneInTen = (serviceId, methodId, requestId, attempt) -> random.nextInt(10) == 0;
        final Row row = new Row(calls);

        try (RpcMediaDriver driver = RpcMediaDriver.launch(network.apply(RpcMediaDriver.defaultContext()
            .imageLivenessTimeoutNs(TimeUnit.MILLISECONDS.toNanos(500))
            .publicationConnectionTimeoutNs(TimeUnit.MILLISECONDS.toNanos(500))
            .statusMessageTimeoutNs(TimeUnit.MILLISECONDS.toNanos(100))
            .timerIntervalNs(TimeUnit.MILLISECONDS.toNanos(100))));
            RpcServer server = RpcServer.launch(new RpcServer.Context()
                .aeronDirectoryName(driver.aeronDirectoryName())
                .channel("aeron:udp?endpoint=localhost:0")
                .heartbeatIntervalNs(TimeUnit.MILLISECONDS.toNanos(100))
                .peerTimeoutNs(PEER_TIMEOUT_NS)
                .responseFilter(loseOneInTen)
                .addService(new TallyStub(tally)));
            RpcClient client = RpcClient.connect(new RpcClient.Context()
                .aeronDirectoryName(driver.aeronDirectoryName())
                .requestChannel(server.channel())
                .heartbeatIntervalNs(TimeUnit.MILLISECONDS.toNanos(100))
                .peerTimeoutNs(PEER_TIMEOUT_NS)
                .attemptTimeoutNs(TimeUnit.MILLISECONDS.toNanos(200))
                .maxBackoffNs(TimeUnit.MILLISECONDS.toNanos(500))
                .maxAttempts(20)
                .retryBudgetMaxTokens(1_000)
                .retryBudgetTokenRatio(1)))
        {
            network.dropFraction(0.1, 0.1);
            final TallyClient proxy = new TallyClient(client)
                .withTimeout(delivery.retries() ? Duration.ofSeconds(30) : Duration.ofSeconds(1));
            for (long key = 1; key <= calls; key++)
            {
                while (row.inflight.get() >= WINDOW)
                {
                    Thread.sleep(1);
                }
                if (key == calls / 3)
                {
                    blackout(network, client);
                }
                row.inflight.incrementAndGet();
                final TallyRequestEncoder request = switch (delivery)
                {
                    case AT_MOST_ONCE -> proxy.countAtMostOnceRequest();
                    case AT_LEAST_ONCE -> proxy.countAtLeastOnceRequest();
                    case EXACTLY_ONCE -> proxy.countExactlyOnceRequest();
                };
                request.key(key);
                switch (delivery)
                {
                    case AT_MOST_ONCE -> proxy.countAtMostOnceAsync(request, row);
                    case AT_LEAST_ONCE -> proxy.countAtLeastOnceAsync(request, row);
                    case EXACTLY_ONCE -> proxy.countExactlyOnceAsync(request, row);
                }
            }
            while (row.completed.get() < calls)
            {
                Thread.sleep(1);
            }

            row.retries = client.counters().retries();
            final ServerCounters.Snapshot serverCounters = server.counters();
            row.duplicatesSuppressed = serverCounters.duplicatesReplayed() + serverCounters.duplicatesRunning();
        }

        row.handlerRuns = tally.runs();
        row.keysRunMoreThanOnce = tally.keysRunMoreThanOnce();
        return row;
    }

    private static void blackout(final FaultyNetwork network, final RpcClient client) throws InterruptedException
    {
        network.blackout();
        final long untilNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < untilNs)
        {
            Thread.sleep(10);
        }
        network.heal();
        network.dropFraction(0.1, 0.1);
    }

    /** What one guarantee's workload did; also the listener of its calls. */
    static final class Row implements ResponseListener<TallyReplyDecoder>
    {
        final int calls;
        final AtomicInteger inflight = new AtomicInteger();
        final AtomicInteger completed = new AtomicInteger();
        final Map<Status, Integer> failures = new EnumMap<>(Status.class);
        int succeeded;
        long handlerRuns;
        long keysRunMoreThanOnce;
        long retries;
        long duplicatesSuppressed;

        Row(final int calls)
        {
            this.calls = calls;
        }

        int failed()
        {
            return failures.values().stream().mapToInt(Integer::intValue).sum();
        }

        // Listeners run on the client's polling thread, one at a time.
        @Override
        public void onResponse(final TallyReplyDecoder response)
        {
            succeeded++;
            done();
        }

        @Override
        public void onError(final Status status, final String message)
        {
            failures.merge(status, 1, Integer::sum);
            done();
        }

        private void done()
        {
            inflight.decrementAndGet();
            completed.incrementAndGet();
        }
    }
}
