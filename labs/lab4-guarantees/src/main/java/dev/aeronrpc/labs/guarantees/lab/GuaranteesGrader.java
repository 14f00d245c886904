package dev.aeronrpc.labs.guarantees.lab;

import dev.aeronrpc.faults.FaultyNetwork;
import dev.aeronrpc.labs.grading.Await;
import dev.aeronrpc.labs.grading.Checks;
import dev.aeronrpc.labs.grading.FreePorts;
import dev.aeronrpc.labs.grading.Grader;
import dev.aeronrpc.labs.grading.LabDriver;
import org.agrona.CloseHelper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static dev.aeronrpc.labs.grading.CheckFailure.require;

/**
 * Lab 4's grader. Two unit checks of the retry policy, then scenarios against the lab's {@link MiniServer} on a
 * real media driver over UDP on loopback, with a nemesis: frames lost by Aeron's loss generators (through
 * {@link FaultyNetwork}), answers lost after the request was applied, a blackout that ends the connections, and a
 * server restart. Every call is recorded in a history; the server's {@link Journal} says what really ran.
 */
public final class GuaranteesGrader extends Grader<GuaranteesLab>
{
    static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    static final long NEMESIS_CALL_TIMEOUT_NS = 5_000 * MS;
    static final long BLACKOUT_MS = 700;
    static final int NEMESIS_CLIENTS = 3;
    static final int NEMESIS_CALLS = 40;
    static final int KEYS = 4;

    private final LinearizabilityChecker checker = new LinearizabilityChecker(200_000);

    public GuaranteesGrader()
    {
        super("lab4-guarantees", GuaranteesLab.class);
    }

    @Override
    public String mainSubmission()
    {
        return "dev.aeronrpc.labs.guarantees.MyLab";
    }

    @Override
    public String referenceSolution()
    {
        return "dev.aeronrpc.labs.guarantees.solution.ReferenceLab";
    }

    @Override
    protected void grade(final GuaranteesLab lab, final Checks checks) throws Exception
    {
        checks.check("backoff", "waits double from the initial one, are capped, jittered within bounds",
            "retry n waits initial * 2^(n-1), capped at max, then times (1 + jitter * (2 * random - 1)); " +
            "shifting a long by 64 or more does not do what you think, and a double never overflows",
            () -> checkBackoff(lab));
        checks.check("retry-budget", "a token bucket: retries take a token, answers refill, throttles at half",
            "start full; tryRetry takes one token only while tokens > max / 2; onSuccess adds the ratio, " +
            "never above max", () -> checkBudget(lab));

        final Path dir = Files.createTempDirectory("lab4-");
        try
        {
            checks.check("happy-path", "without faults, 40 calls from 2 clients are answered correctly",
                "send the request, wait for the answer with its request id, return it",
                () -> happyPath(lab, dir.resolve("happy.journal")));

            final NemesisRun run = new NemesisRun(dir.resolve("nemesis.journal"));
            final Exception failure = run.run(lab);
            checks.check("retries-finish-calls",
                "under 10% frame loss, 20% lost answers and a blackout, every call still gets its answer",
                "a call whose answer does not come must be sent again, with the same request id, after a wait " +
                "that grows; an offer Aeron refuses is an attempt that went nowhere, so retry it too",
                () -> run.checkAllAnswered(failure));
            checks.check("no-duplicates", "no request is applied twice, although attempts arrive twice",
                "the server must remember the result of each (client id, request id) it applied and answer a " +
                "repeat with it, without applying it again", () -> run.checkNoDuplicates(failure));
            checks.check("no-lost-acks", "every answered write is in the server's journal",
                "answer only what was applied; never report success without an answer",
                () -> run.checkNoLostAcks(failure));

            final RestartRun restart = new RestartRun(dir.resolve("restart.journal"));
            final Exception restartFailure = restart.run(lab);
            checks.check("survives-restart",
                "answers lost just before a server restart; the retries reach the new server and are not applied again",
                "a new server process starts with an empty memory: what it remembers must come from what was " +
                "written down before the answer went out (Deduplicator.recover gets the journal)",
                () -> restart.check(restartFailure));

            checks.check("linearizable", "the histories of both runs are linearizable (checked per key)",
                "a repeat applied twice, or an answer that is not the request's own, shows up here",
                () -> checkLinearizable(run, failure, restart, restartFailure));

            checks.check("budget-in-outage", "in a total outage, a client retries but stops when its budget is spent",
                "every retry must ask the budget first; give up the call when the budget says no",
                () -> budgetInOutage(lab, dir.resolve("outage.journal")));
        }
        finally
        {
            try (var paths = Files.walk(dir))
            {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String checkBackoff(final GuaranteesLab lab)
    {
        final long initial = 10 * MS;
        final long max = 160 * MS;
        final Backoff backoff = lab.backoff(initial, max, 0.2);
        final long[] expected = {10 * MS, 20 * MS, 40 * MS, 80 * MS, 160 * MS, 160 * MS};
        for (int retry = 1; retry <= expected.length; retry++)
        {
            final long delay = backoff.delayNs(retry, 0.5);
            require(Math.abs(delay - expected[retry - 1]) <= expected[retry - 1] / 100,
                "retry %d with random 0.5 (no jitter) should wait %d ms, waits %.2f ms", retry,
                expected[retry - 1] / MS, delay / (double)MS);
        }
        final long low = backoff.delayNs(3, 0.0);
        final long high = backoff.delayNs(3, 0.999_999);
        require(Math.abs(low - 32 * MS) <= MS / 2 && Math.abs(high - 48 * MS) <= MS / 2,
            "retry 3 (40 ms) with 20%% jitter should wait from 32 ms (random 0) to 48 ms (random ~1), " +
            "waits %.2f to %.2f ms", low / (double)MS, high / (double)MS);
        for (final int retry : new int[]{50, 63, 64, 100, 1_000, Integer.MAX_VALUE})
        {
            final long delay = backoff.delayNs(retry, 0.5);
            require(delay == max, "retry %d should wait the maximum, 160 ms, waits %d ns", retry, delay);
        }
        final Backoff noJitter = lab.backoff(MS, 5 * MS, 0.0);
        require(noJitter.delayNs(2, 0.0) == 2 * MS && noJitter.delayNs(2, 0.99) == 2 * MS,
            "with jitter 0 the random number must not change the wait");
        return "10, 20, 40, 80, 160, 160 ms; jitter within 20%; no overflow at large retries";
    }

    private static String checkBudget(final GuaranteesLab lab)
    {
        final RetryBudget budget = lab.retryBudget(10, 0.1);
        require(Math.abs(budget.tokens() - 10) < 1e-9, "a new budget should hold 10 tokens, holds %s",
            budget.tokens());
        for (int i = 1; i <= 5; i++)
        {
            require(budget.tryRetry(), "retry %d of a full bucket of 10 should be allowed (tokens %.1f)", i,
                budget.tokens());
        }
        require(!budget.tryRetry(), "with 5 of 10 tokens left (half), retries should be throttled");
        require(Math.abs(budget.tokens() - 5) < 1e-9, "a refused retry takes no token: 5 expected, %.2f left",
            budget.tokens());
        for (int i = 0; i < 10; i++)
        {
            budget.onSuccess();
        }
        require(Math.abs(budget.tokens() - 6) < 1e-9, "ten answered calls should put back 10 * 0.1 tokens: 6 " +
            "expected, %.2f held", budget.tokens());
        require(budget.tryRetry() && !budget.tryRetry(), "with 6 tokens one retry goes and the next is throttled");
        for (int i = 0; i < 1_000; i++)
        {
            budget.onSuccess();
        }
        require(Math.abs(budget.tokens() - 10) < 1e-9, "the bucket never holds more than its size: 10 expected, " +
            "%.2f held", budget.tokens());
        return "5 retries from a full bucket, throttled at half, refilled by 0.1 per answer, capped at 10";
    }

    private String happyPath(final GuaranteesLab lab, final Path journal) throws Exception
    {
        try (Cluster cluster = new Cluster(lab, LabDriver.launch(), journal, ReplyFilter.NONE))
        {
            final Workload workload = new Workload(KEYS, false);
            // A first retry only after 4 s: without faults an answer comes long before, even on a loaded machine
            // where the server's first answer to a new client waits for its reply publication to connect, so this
            // check sees the calls themselves and not what retries do (the checks below grade those).
            workload.run(cluster.clients(2), cluster.callers(2, lab, 4_000, 8_000, 0.5), 20, 15_000 * MS, 1);
            final List<Operation> history = workload.history();
            final List<Operation> failed = history.stream().filter(o -> !o.ok()).toList();
            require(failed.isEmpty(), "%d of %d calls failed without any fault, first: %s%s", failed.size(),
                history.size(), failed.isEmpty() ? "" : failed.get(0), cluster.serverErrors());
            final LinearizabilityChecker.Verdict verdict = checker.check(history);
            require(verdict.linearizable(), "answers are wrong: %s", verdict.explanation());
            return history.size() + " calls answered";
        }
    }

    private String budgetInOutage(final GuaranteesLab lab, final Path journal) throws Exception
    {
        final FaultyNetwork network = new FaultyNetwork();
        try (Cluster cluster = new Cluster(lab, LabDriver.launchFaulty(network), journal, ReplyFilter.NONE))
        {
            final MiniClient client = cluster.clients(1).get(0);
            final Caller caller = lab.caller(lab.backoff(10 * MS, 100 * MS, 0.0), lab.retryBudget(10, 0.1));
            final Workload workload = new Workload(1, true);
            for (int i = 0; i < 2; i++)
            {
                require(workload.call(client, caller, client.newRequest(Op.ADD, 1, 1), 1_000 * MS),
                    "a call before the outage failed");
            }
            network.blackout();
            final long sendsBefore = client.sends();
            final int calls = 5;
            for (int i = 0; i < calls; i++)
            {
                workload.call(client, caller, client.newRequest(Op.ADD, 1, 1), 150 * MS);
            }
            network.heal();
            require(network.dataFramesDropped() > 0, "the blackout dropped no frame: the grader's fault, not yours");
            final long retries = client.sends() - sendsBefore - calls;
            require(retries >= 1, "no call was retried during the outage: retries must happen before a budget " +
                "can stop them");
            require(retries <= 6, "%d retries in a total outage: a bucket of 10 tokens allows 5", retries);
            return retries + " retries for " + calls + " calls in the outage, then throttled";
        }
    }

    private String checkLinearizable(
        final NemesisRun run, final Exception failure, final RestartRun restart, final Exception restartFailure)
    {
        requireRan(failure);
        requireRan(restartFailure);
        final List<String> seen = new ArrayList<>();
        for (final Map.Entry<String, List<Operation>> history : Map.of(
            "nemesis run", run.history, "restart run", restart.history).entrySet())
        {
            final LinearizabilityChecker.Verdict verdict = checker.check(history.getValue());
            require(verdict.linearizable(), "%s: %s", history.getKey(), verdict.explanation());
            seen.add(history.getKey() + ": " + verdict.explanation());
        }
        return String.join("; ", seen);
    }

    static void requireRan(final Exception failure)
    {
        if (null != failure)
        {
            require(false, "the scenario did not run: %s", Checks.describe(failure));
        }
    }

    /**
     * Counts how often the journal applied each (client id, request id).
     */
    static Map<List<Long>, Integer> applications(final Path journal)
    {
        final Map<List<Long>, Integer> counts = new HashMap<>();
        for (final Journal.Entry entry : Journal.read(journal))
        {
            counts.merge(List.of(entry.clientId(), entry.requestId()), 1, Integer::sum);
        }
        return counts;
    }

    static String duplicates(final Map<List<Long>, Integer> applications)
    {
        return applications.entrySet().stream().filter(e -> e.getValue() > 1).limit(3)
            .map(e -> "client " + e.getKey().get(0) + " request " + e.getKey().get(1) + " (" + e.getValue() + " times)")
            .collect(Collectors.joining(", "));
    }

    /**
     * Loses the first answer to every fifth request, and every answer while armed; the answers to the final reads
     * (clients after the workload's) are never lost.
     */
    static final class LosingFilter implements ReplyFilter
    {
        private final Set<List<Long>> answered = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean armed = new AtomicBoolean();
        private final boolean everyFifth;
        private final long lastWorkloadClientId;

        LosingFilter(final boolean everyFifth, final long lastWorkloadClientId)
        {
            this.everyFifth = everyFifth;
            this.lastWorkloadClientId = lastWorkloadClientId;
        }

        void arm(final boolean on)
        {
            armed.set(on);
        }

        @Override
        public boolean drop(final long clientId, final long requestId)
        {
            if (clientId > lastWorkloadClientId)
            {
                return false;
            }
            final boolean first = answered.add(List.of(clientId, requestId));
            return armed.get() || (everyFifth && first && requestId % 5 == 3);
        }
    }

    /** The first nemesis: random frame loss, lost answers and a blackout, over three clients. */
    final class NemesisRun
    {
        final Path journal;
        final FaultyNetwork network = new FaultyNetwork();
        List<Operation> history = List.of();
        long answersDropped;
        long repeatsAnswered;
        String serverErrors = "";
        volatile boolean blackedOut;
        volatile long healNs;
        int finalReadsFailed;

        NemesisRun(final Path journal)
        {
            this.journal = journal;
        }

        Exception run(final GuaranteesLab lab)
        {
            try (Cluster cluster = new Cluster(lab, LabDriver.launchFaulty(network), journal, new LosingFilter(true, NEMESIS_CLIENTS)))
            {
                network.dropFraction(0.1, 0.1);
                final Workload workload = new Workload(KEYS, false);
                final Thread nemesis = new Thread(() ->
                {
                    try
                    {
                        if (Await.within(() -> workload.completed() >= NEMESIS_CLIENTS * NEMESIS_CALLS * 2 / 5,
                            30_000))
                        {
                            network.blackout();
                            blackedOut = true;
                            // The fault's length is the point of the schedule: long enough to end the connections.
                            Thread.sleep(BLACKOUT_MS);
                            healNs = System.nanoTime();
                        }
                    }
                    catch (final InterruptedException | RuntimeException ignore)
                    {
                        // The workload ended first.
                    }
                    network.dropFraction(0.1, 0.1);
                }, "nemesis");
                nemesis.setDaemon(true);
                nemesis.start();
                workload.run(cluster.clients(NEMESIS_CLIENTS), cluster.callers(NEMESIS_CLIENTS, lab, 100, 0.5),
                    NEMESIS_CALLS, NEMESIS_CALL_TIMEOUT_NS, 42);
                nemesis.interrupt();
                nemesis.join(5_000);
                network.heal();
                finalReads(cluster, lab, workload);
                history = workload.history();
                answersDropped = cluster.server.answersDropped();
                repeatsAnswered = cluster.server.repeatsAnswered();
                serverErrors = cluster.serverErrors();
                return null;
            }
            catch (final Exception ex)
            {
                return ex;
            }
        }

        private void finalReads(final Cluster cluster, final GuaranteesLab lab, final Workload workload)
        {
            final MiniClient reader = cluster.newClient();
            final Caller caller = lab.caller(lab.backoff(20 * MS, 200 * MS, 0.2), lab.retryBudget(100, 0.5));
            for (long key = 1; key <= KEYS; key++)
            {
                if (!workload.call(reader, caller, reader.newRequest(Op.GET, key, 0), NEMESIS_CALL_TIMEOUT_NS))
                {
                    finalReadsFailed++;
                }
            }
        }

        String checkAllAnswered(final Exception failure)
        {
            requireRan(failure);
            require(network.dataFramesDropped() > 0 && network.controlFramesDropped() > 0,
                "the network dropped no frames: the grader's fault, not yours");
            require(answersDropped > 0, "the server lost no answer: the grader's fault, not yours");
            final List<Operation> failed = history.stream().filter(o -> !o.ok()).toList();
            require(failed.isEmpty(), "%d of %d calls failed (after %d failures a client stops), first: %s%s",
                failed.size(), history.size(), Workload.MAX_FAILURES_PER_CLIENT, failed.isEmpty() ? "" : failed.get(0),
                serverErrors);
            require(blackedOut, "the blackout did not happen: the grader's fault, not yours");
            final long firstAfterHealNs = history.stream().filter(o -> o.completeNs() > healNs)
                .mapToLong(Operation::completeNs).min().orElse(healNs);
            return history.size() + " calls answered; " + network.dataFramesDropped() + " data and " +
                network.controlFramesDropped() + " control frames dropped, " + answersDropped +
                " answers lost, a " + BLACKOUT_MS + " ms blackout; the first answer came " +
                (firstAfterHealNs - healNs) / MS + " ms after it ended";
        }

        String checkNoDuplicates(final Exception failure)
        {
            requireRan(failure);
            final Map<List<Long>, Integer> applications = applications(journal);
            final long twice = applications.values().stream().filter(n -> n > 1).count();
            require(twice == 0, "%d requests were applied more than once: %s", twice, duplicates(applications));
            return applications.size() + " requests applied once each; " + repeatsAnswered +
                " repeats answered from memory";
        }

        String checkNoLostAcks(final Exception failure)
        {
            requireRan(failure);
            final Map<List<Long>, Integer> applications = applications(journal);
            final List<Operation> lost = history.stream()
                .filter(o -> o.ok() && o.isWrite() && !applications.containsKey(List.of(o.clientId(), o.requestId())))
                .toList();
            require(lost.isEmpty(), "%d answered writes are not in the journal, first: %s", lost.size(),
                lost.isEmpty() ? "" : lost.get(0));
            final long writes = history.stream().filter(o -> o.ok() && o.isWrite()).count();
            return writes + " answered writes, all applied";
        }
    }

    /** The second nemesis: answers lost, then the server restarted with its journal, while two clients add. */
    final class RestartRun
    {
        final Path journal;
        List<Operation> history = List.of();
        long droppedBeforeRestart;
        String serverErrors = "";

        RestartRun(final Path journal)
        {
            this.journal = journal;
        }

        Exception run(final GuaranteesLab lab)
        {
            final LosingFilter filter = new LosingFilter(false, 2);
            try (Cluster cluster = new Cluster(lab, LabDriver.launch(), journal, filter))
            {
                final Workload workload = new Workload(2, true);
                final Thread nemesis = new Thread(() ->
                {
                    try
                    {
                        if (Await.within(() -> cluster.server.applied() >= 8, 20_000))
                        {
                            filter.arm(true);
                            Await.within(() -> cluster.server.answersDropped() >= 2, 10_000);
                            droppedBeforeRestart = cluster.server.answersDropped();
                            cluster.restartServer();
                            filter.arm(false);
                        }
                    }
                    catch (final RuntimeException ignore)
                    {
                        // The workload ended first.
                    }
                }, "nemesis-restart");
                nemesis.setDaemon(true);
                nemesis.start();
                workload.run(cluster.clients(2), cluster.callers(2, lab, 100, 0.5), 20, 1_500 * MS, 7);
                nemesis.join(20_000);
                final MiniClient reader = cluster.newClient();
                final Caller caller = lab.caller(lab.backoff(20 * MS, 200 * MS, 0.2), lab.retryBudget(100, 0.5));
                for (long key = 1; key <= 2; key++)
                {
                    workload.call(reader, caller, reader.newRequest(Op.GET, key, 0), 1_500 * MS);
                }
                history = workload.history();
                serverErrors = cluster.serverErrors();
                return null;
            }
            catch (final Exception ex)
            {
                return ex;
            }
        }

        String check(final Exception failure)
        {
            requireRan(failure);
            require(droppedBeforeRestart >= 2, "the server was not restarted: the grader's fault, not yours");
            final Map<List<Long>, Integer> applications = applications(journal);
            final long twice = applications.values().stream().filter(n -> n > 1).count();
            require(twice == 0, "%d requests were applied again by the restarted server: %s", twice,
                duplicates(applications));
            final List<Operation> failed = history.stream().filter(o -> !o.ok()).toList();
            require(failed.isEmpty(), "%d of %d calls failed, first: %s%s", failed.size(), history.size(),
                failed.isEmpty() ? "" : failed.get(0), serverErrors);
            return droppedBeforeRestart + " answers lost before the restart; " + history.size() +
                " calls answered, none applied twice";
        }
    }

    /** A server, its clients and their driver, closed together. */
    final class Cluster implements AutoCloseable
    {
        private final GuaranteesLab lab;
        private final LabDriver driver;
        private final Path journal;
        private final ReplyFilter filter;
        private final String channel = "aeron:udp?endpoint=localhost:" + FreePorts.udp();
        private final List<MiniClient> clients = new ArrayList<>();
        volatile MiniServer server;
        private long nextClientId = 1;
        private long errorsBefore;
        private Throwable firstError;

        Cluster(final GuaranteesLab lab, final LabDriver driver, final Path journal, final ReplyFilter filter)
        {
            this.lab = lab;
            this.driver = driver;
            this.journal = journal;
            this.filter = filter;
            try
            {
                server = new MiniServer(driver.aeron(), channel, journal, lab.deduplicator(), filter,
                    LabDriver.idleStrategy());
            }
            catch (final RuntimeException ex)
            {
                driver.close();
                throw ex;
            }
        }

        List<MiniClient> clients(final int count)
        {
            final List<MiniClient> made = new ArrayList<>();
            for (int i = 0; i < count; i++)
            {
                made.add(newClient());
            }
            return made;
        }

        MiniClient newClient()
        {
            final MiniClient client = new MiniClient(driver.aeron(), channel, nextClientId++, FreePorts.udp(),
                LabDriver.idleStrategy());
            clients.add(client);
            Await.until(client::isConnected, 5_000, "a client's publication to connect to the server");
            return client;
        }

        List<Caller> callers(final int count, final GuaranteesLab lab, final double tokens, final double ratio)
        {
            return callers(count, lab, 20, 200, 0.2, tokens, ratio);
        }

        List<Caller> callers(final int count, final GuaranteesLab lab, final long initialMs, final long maxMs,
            final double ratio)
        {
            return callers(count, lab, initialMs, maxMs, 0.2, 100, ratio);
        }

        private List<Caller> callers(final int count, final GuaranteesLab lab, final long initialMs,
            final long maxMs, final double jitter, final double tokens, final double ratio)
        {
            final List<Caller> callers = new ArrayList<>();
            for (int i = 0; i < count; i++)
            {
                callers.add(lab.caller(lab.backoff(initialMs * MS, maxMs * MS, jitter), lab.retryBudget(tokens, ratio)));
            }
            return callers;
        }

        String serverErrors()
        {
            errorsBefore += server.errors();
            if (null == firstError)
            {
                firstError = server.firstError();
            }
            return 0 == errorsBefore ? "" : "; the server's thread threw " + errorsBefore + " times, first: " +
                Checks.describe(firstError);
        }

        void restartServer()
        {
            errorsBefore += server.errors();
            if (null == firstError)
            {
                firstError = server.firstError();
            }
            server.close();
            server = new MiniServer(driver.aeron(), channel, journal, lab.deduplicator(), filter,
                LabDriver.idleStrategy());
        }

        @Override
        public void close()
        {
            CloseHelper.closeAll(clients);
            CloseHelper.closeAll(server, driver);
        }
    }
}
