package dev.aeronrpc;

import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.Delivery;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.faults.FaultyNetwork;
import dev.aeronrpc.server.ResponseFilter;
import dev.aeronrpc.server.RpcServer;
import dev.aeronrpc.server.ServerCounters;
import dev.aeronrpc.test.LedgerWorkload;
import dev.aeronrpc.test.TestRig;
import dev.aeronrpc.test.TestRig.Transport;
import dev.aeronrpc.test.TestServices.LedgerService;
import dev.aeronrpc.test.api.Ledger;
import dev.aeronrpc.test.api.LedgerClient;
import dev.aeronrpc.test.api.LedgerStub;
import io.aeron.Aeron;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.DatagramSocket;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each delivery guarantee under faults, counting handler runs against logical calls: answers lost after the
 * handler ran, a server that dies and is replaced, a spent retry budget, and a duplicate arriving while its first
 * copy still runs.
 */
@Timeout(120)
class DeliveryGuaranteeTest
{
    private static final int CALLS = 2_000;
    private static final int WINDOW = 100;
    private static final long RETRYING_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);
    private static final long AT_MOST_ONCE_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(500);

    private final TestRig rig = new TestRig();

    @AfterEach
    void after()
    {
        rig.close();
    }

    private RpcClient.Context retryingClient(final RpcServer server)
    {
        return rig.clientContext(server)
            .attemptTimeoutNs(TimeUnit.MILLISECONDS.toNanos(100))
            .maxAttempts(20)
            .maxBackoffNs(TimeUnit.MILLISECONDS.toNanos(500))
            .retryBudgetMaxTokens(1_000_000);
    }

    private static long timeoutFor(final Delivery delivery)
    {
        return delivery.retries() ? RETRYING_TIMEOUT_NS : AT_MOST_ONCE_TIMEOUT_NS;
    }

    @ParameterizedTest
    @EnumSource(Delivery.class)
    void shouldKeepEachGuaranteeWhenAnswersAreLostAfterTheHandlerRan(final Delivery delivery)
    {
        final LedgerService ledger = new LedgerService();
        final SplittableRandom random = new SplittableRandom(42);
        final ResponseFilter loseOneInFive = (serviceId, methodId, requestId, attempt) -> random.nextInt(5) == 0;
        final RpcServer server = rig.server(rig.serverContext(Transport.UDP)
            .addService(new LedgerStub(ledger))
            .responseFilter(loseOneInFive));
        final RpcClient client = rig.client(server, ctx -> ctx
            .attemptTimeoutNs(TimeUnit.MILLISECONDS.toNanos(100))
            .maxAttempts(20)
            .maxBackoffNs(TimeUnit.MILLISECONDS.toNanos(500))
            .retryBudgetMaxTokens(1_000_000));

        final LedgerWorkload.Outcome outcome =
            new LedgerWorkload(client, delivery, timeoutFor(delivery)).run(1, CALLS, WINDOW, 90_000);
        final ServerCounters.Snapshot serverCounters = server.counters();

        assertEquals(0, outcome.wrong());
        assertTrue(serverCounters.responsesDropped() > CALLS / 10, serverCounters::toString);
        switch (delivery)
        {
            case EXACTLY_ONCE ->
            {
                assertEquals(CALLS, outcome.succeeded(), outcome::toString);
                assertEachKeyRan(ledger, 1, 1);
                assertTrue(serverCounters.duplicatesReplayed() > 0, serverCounters::toString);
                assertTrue(client.counters().retries() > 0, client.counters()::toString);
            }
            case AT_LEAST_ONCE ->
            {
                assertEquals(CALLS, outcome.succeeded(), outcome::toString);
                assertEachKeyRan(ledger, 1, Integer.MAX_VALUE);
                assertTrue(ledger.runs.get() > CALLS, "runs " + ledger.runs.get());
            }
            case AT_MOST_ONCE ->
            {
                assertEachKeyRan(ledger, 1, 1);
                assertEquals(CALLS, ledger.runs.get());
                assertEquals(Set.of(Status.DEADLINE_EXCEEDED), outcome.failures().keySet(), outcome::toString);
                assertEquals(serverCounters.responsesDropped(), outcome.failed(), outcome::toString);
                assertEquals(0, client.counters().retries());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Delivery.class)
    void shouldKeepEachGuaranteeWhileTheServerDiesAndAnotherTakesItsPlace(final Delivery delivery) throws Exception
    {
        final String channel = "aeron:udp?endpoint=localhost:" + freeUdpPort();
        final LedgerService firstLedger = new LedgerService();
        final LedgerService secondLedger = new LedgerService();
        final PolledServer first = new PolledServer(channel, firstLedger);

        final RpcClient client = RpcClient.connect(retryingClient(first.server).requestChannel(channel));
        rig.add(client);
        final LedgerWorkload workload = new LedgerWorkload(client, delivery, timeoutFor(delivery));
        final BackgroundRun run = new BackgroundRun(workload);

        TestRig.await(() -> workload.completed() >= CALLS / 4, 30_000, "a quarter of the calls");
        first.crash();
        final PolledServer second = startWhenPortIsFree(channel, secondLedger);
        try
        {
            final LedgerWorkload.Outcome result = run.join();
            assertEquals(0, result.wrong());
            TestRig.await(client::isConnected, 10_000, "the client to reconnect");
            assertTrue(client.counters().reconnects() >= 1, client.counters()::toString);
            // Within one server process no call ran twice, whatever the guarantee... except at-least-once,
            // which may run a call again on the same server when only its answer was lost.
            if (Delivery.AT_LEAST_ONCE != delivery)
            {
                assertEachKeyRan(firstLedger, 0, 1);
                assertEachKeyRan(secondLedger, 0, 1);
            }

            if (delivery.retries())
            {
                assertEquals(CALLS, result.succeeded(), result::toString);
                for (long key = 1; key <= CALLS; key++)
                {
                    assertTrue(firstLedger.runs(key) + secondLedger.runs(key) >= 1, "key " + key + " never ran");
                }
            }
            else
            {
                for (long key = 1; key <= CALLS; key++)
                {
                    assertTrue(firstLedger.runs(key) + secondLedger.runs(key) <= 1, "key " + key + " ran twice");
                }
                assertTrue(Set.of(Status.UNAVAILABLE, Status.DEADLINE_EXCEEDED).containsAll(
                    result.failures().keySet()), result::toString);
                assertEquals(CALLS, result.succeeded() + result.failed());
            }
        }
        finally
        {
            second.close();
        }
    }

    @Test
    void shouldStopRetryingOnceTheRetryBudgetIsSpent()
    {
        final LedgerService ledger = new LedgerService();
        final RpcServer server = rig.server(rig.serverContext(Transport.IPC)
            .addService(new LedgerStub(ledger))
            .responseFilter((serviceId, methodId, requestId, attempt) -> true));
        final RpcClient client = rig.client(server, ctx -> ctx
            .attemptTimeoutNs(TimeUnit.MILLISECONDS.toNanos(20))
            .maxAttempts(100));
        final LedgerClient calls = new LedgerClient(client);

        final RpcException ex = assertThrows(RpcException.class,
            () -> calls.withTimeout(java.time.Duration.ofNanos(TimeUnit.SECONDS.toNanos(30))).atLeastOnce(calls.atLeastOnceRequest().key(1).amount(1)));

        assertEquals(Status.UNAVAILABLE, ex.status());
        assertTrue(ex.description().contains("retry budget is spent"), ex.description());
        // A full budget of 10 allows retries while more than 5 tokens are left: 5 sends in all.
        assertEquals(5, ledger.runs.get());
        assertEquals(1, client.counters().throttled());
    }

    @Test
    void shouldNotRunADuplicateThatArrivesWhileTheFirstCopyRuns() throws Exception
    {
        final LedgerService ledger = new LedgerService();
        ledger.gatedKey = 77;
        final ExecutorService executor = Executors.newFixedThreadPool(2);
        try
        {
            final RpcServer server = rig.server(rig.serverContext(Transport.IPC)
                .addService(new LedgerStub(ledger), executor));
            final RpcClient client = rig.client(server, ctx -> ctx
                .attemptTimeoutNs(TimeUnit.MILLISECONDS.toNanos(20))
                .maxBackoffNs(TimeUnit.MILLISECONDS.toNanos(20))
                .maxAttempts(100)
                .retryBudgetMaxTokens(1_000));
            final LedgerClient calls = new LedgerClient(client);

            final Thread opener = new Thread(() ->
            {
                TestRig.await(() -> server.counters().duplicatesRunning() >= 3, 10_000, "duplicates of the running call");
                ledger.gate.countDown();
            });
            opener.start();
            assertEquals(2 * LedgerWorkload.amountOf(77), calls.exactlyOnce(
                calls.exactlyOnceRequest().key(77).amount(LedgerWorkload.amountOf(77))).doubled());
            opener.join();

            assertEquals(1, ledger.runs(77));
            assertTrue(client.counters().retries() >= 3, client.counters()::toString);
        }
        finally
        {
            ledger.gate.countDown();
            executor.shutdownNow();
        }
    }

    @Test
    void shouldSendEachRetryingAsynchronousCallOnceWhenNothingGoesWrong()
    {
        final LedgerService ledger = new LedgerService();
        final RpcServer server = rig.server(rig.serverContext(Transport.IPC).addService(new LedgerStub(ledger)));
        final RpcClient client = rig.client(server);
        final int calls = 20_000;

        final LedgerWorkload.Outcome outcome =
            new LedgerWorkload(client, Delivery.AT_LEAST_ONCE, RETRYING_TIMEOUT_NS).run(1, calls, WINDOW, 90_000);

        assertEquals(calls, outcome.succeeded(), outcome::toString);
        assertEquals(calls, ledger.runs.get(), "handler runs");
        assertEquals(0, client.counters().retries());
    }

    @Test
    void shouldHoldOtherListenersUntilTheNextPollWhileABlockingCallDrivesTheClient() throws Exception
    {
        final LedgerService ledger = new LedgerService();
        ledger.gatedKey = 77;
        final ExecutorService executor = Executors.newFixedThreadPool(2);
        try
        {
            final RpcServer server = rig.server(rig.serverContext(Transport.IPC)
                .addService(new LedgerStub(ledger), executor));
            // Invoker mode: the thread waiting in the blocking call drives the client while it waits.
            final RpcClient client = RpcClient.connect(rig.clientContext(server)
                .invokerMode(true)
                .attemptTimeoutNs(TimeUnit.MILLISECONDS.toNanos(20))
                .maxBackoffNs(TimeUnit.MILLISECONDS.toNanos(20))
                .maxAttempts(100)
                .retryBudgetMaxTokens(1_000));
            rig.add(client);
            final LedgerClient calls = new LedgerClient(client);
            final AtomicReference<String> chained = new AtomicReference<>();
            final AtomicReference<Thread> listenerThread = new AtomicReference<>();
            final java.util.concurrent.atomic.AtomicBoolean waiting = new java.util.concurrent.atomic.AtomicBoolean();
            final java.util.concurrent.atomic.AtomicBoolean ranWhileWaiting = new java.util.concurrent.atomic.AtomicBoolean();

            calls.atMostOnceAsync(calls.atMostOnceRequest().key(99).amount(LedgerWorkload.amountOf(99)),
                new dev.aeronrpc.client.ResponseListener<>()
                {
                    public void onResponse(final dev.aeronrpc.test.api.LedgerResultDecoder response)
                    {
                        ranWhileWaiting.set(waiting.get());
                        listenerThread.set(Thread.currentThread());
                        calls.atMostOnceAsync(calls.atMostOnceRequest().key(100).amount(LedgerWorkload.amountOf(100)),
                            new dev.aeronrpc.client.ResponseListener<>()
                            {
                                public void onResponse(final dev.aeronrpc.test.api.LedgerResultDecoder inner)
                                {
                                    chained.set("OK " + inner.key());
                                }

                                public void onError(final Status status, final String message)
                                {
                                    chained.set(status + " " + message);
                                }
                            });
                    }

                    public void onError(final Status status, final String message)
                    {
                        chained.set(status + " " + message);
                    }
                });

            // The answer to 99 arrives while the blocking call waits for 77 (held by the gate until its duplicates
            // come in): it must wait for the next poll().
            final Thread opener = new Thread(() ->
            {
                TestRig.await(() -> ledger.runs(99) == 1 && server.counters().duplicatesRunning() >= 3, 10_000,
                    "the asynchronous call to run and duplicates of the waiting call");
                ledger.gate.countDown();
            });
            opener.start();
            waiting.set(true);
            assertEquals(2 * LedgerWorkload.amountOf(77), calls.exactlyOnce(
                calls.exactlyOnceRequest().key(77).amount(LedgerWorkload.amountOf(77))).doubled());
            waiting.set(false);
            opener.join();
            assertNull(chained.get(), "no listener runs inside a blocking call");

            TestRig.await(() -> client.poll() >= 0 && null != chained.get(), 10_000, "the held listener and its call");
            assertEquals("OK 100", chained.get());
            assertFalse(ranWhileWaiting.get());
            assertSame(Thread.currentThread(), listenerThread.get());
            assertEquals(1, ledger.runs(77));
            assertEquals(1, ledger.runs(99));
            assertEquals(1, ledger.runs(100));
        }
        finally
        {
            ledger.gate.countDown();
            executor.shutdownNow();
        }
    }

    @Test
    void shouldStillReportCountersAfterTheClientIsClosed()
    {
        final RpcServer server = rig.server(rig.serverContext(Transport.IPC).addService(new LedgerStub(new LedgerService())));
        final RpcClient client = RpcClient.connect(rig.clientContext(server));
        final LedgerClient calls = new LedgerClient(client);
        calls.atLeastOnce(calls.atLeastOnceRequest().key(1).amount(1));
        client.close();

        assertEquals(1, client.counters().calls());
    }

    @Test
    void shouldNeverAddRetriesAMethodDidNotDeclare()
    {
        final LedgerService ledger = new LedgerService();
        final RpcServer server = rig.server(rig.serverContext(Transport.IPC)
            .addService(new LedgerStub(ledger))
            .responseFilter((serviceId, methodId, requestId, attempt) -> methodId == Ledger.AT_MOST_ONCE_METHOD_ID));
        final RpcClient client = rig.client(server, ctx -> ctx.attemptTimeoutNs(TimeUnit.MILLISECONDS.toNanos(20)));
        final LedgerClient calls = new LedgerClient(client);

        // A view that allows at-least-once leaves an at-most-once method at-most-once: its lost answer is not retried.
        final LedgerClient allowingRetries =
            calls.withTimeout(java.time.Duration.ofMillis(300)).withDelivery(Delivery.AT_LEAST_ONCE);
        final RpcException ex = assertThrows(RpcException.class,
            () -> allowingRetries.atMostOnce(allowingRetries.atMostOnceRequest().key(1).amount(1)));
        assertEquals(Status.DEADLINE_EXCEEDED, ex.status());
        assertEquals(1, ledger.runs.get());
        assertEquals(0, client.counters().retries());

        // Giving up retries is always allowed.
        final LedgerClient noRetries = calls.withDelivery(Delivery.AT_MOST_ONCE);
        assertEquals(2 * LedgerWorkload.amountOf(2), noRetries.exactlyOnce(
            noRetries.exactlyOnceRequest().key(2).amount(LedgerWorkload.amountOf(2))).doubled());
    }

    @ParameterizedTest
    @EnumSource(Delivery.class)
    void shouldKeepEachGuaranteeWhenAFifthOfAllUdpFramesAreLost(final Delivery delivery)
    {
        final FaultyNetwork network = new FaultyNetwork();
        final TestRig lossyRig = rig.add(new TestRig(network));
        final LedgerService ledger = new LedgerService();
        final RpcServer server = lossyRig.server(lossyRig.serverContext(Transport.UDP).addService(new LedgerStub(ledger)));
        final RpcClient client = lossyRig.client(server, ctx -> ctx
            .attemptTimeoutNs(TimeUnit.MILLISECONDS.toNanos(500))
            .maxAttempts(20)
            .retryBudgetMaxTokens(1_000_000));
        network.dropFraction(0.2, 0.2);

        final LedgerWorkload.Outcome outcome = new LedgerWorkload(client, delivery,
            delivery.retries() ? RETRYING_TIMEOUT_NS : TimeUnit.SECONDS.toNanos(5)).run(1, CALLS, WINDOW, 90_000);

        assertTrue(network.dataFramesDropped() > 0 && network.controlFramesDropped() > 0, "nothing was dropped");
        assertEquals(0, outcome.wrong());
        if (delivery.retries())
        {
            assertEquals(CALLS, outcome.succeeded(), outcome::toString);
        }
        else
        {
            assertTrue(Set.of(Status.UNAVAILABLE, Status.DEADLINE_EXCEEDED).containsAll(outcome.failures().keySet()),
                outcome::toString);
        }
        assertEachKeyRan(ledger, delivery.retries() ? 1 : 0, Delivery.AT_LEAST_ONCE == delivery ? Integer.MAX_VALUE : 1);
    }

    @ParameterizedTest
    @EnumSource(Delivery.class)
    void shouldKeepEachGuaranteeThroughABlackoutThatEndsTheSessions(final Delivery delivery) throws Exception
    {
        final FaultyNetwork network = new FaultyNetwork();
        final TestRig lossyRig = rig.add(new TestRig(network));
        final LedgerService ledger = new LedgerService();
        final RpcServer server = lossyRig.server(lossyRig.serverContext(Transport.UDP).addService(new LedgerStub(ledger)));
        final RpcClient client = lossyRig.client(server, ctx -> ctx
            .attemptTimeoutNs(TimeUnit.MILLISECONDS.toNanos(200))
            .maxAttempts(20)
            .maxBackoffNs(TimeUnit.MILLISECONDS.toNanos(500))
            .retryBudgetMaxTokens(1_000_000));

        final LedgerWorkload workload = new LedgerWorkload(client, delivery, timeoutFor(delivery));
        final BackgroundRun run = new BackgroundRun(workload);

        TestRig.await(() -> workload.completed() >= CALLS / 4, 30_000, "a quarter of the calls");
        network.blackout();
        TestRig.await(() -> !client.isConnected() && 0 == server.sessionCount(), 10_000,
            "both sides to end the session");
        network.heal();
        final LedgerWorkload.Outcome result = run.join();
        assertEquals(0, result.wrong());
        TestRig.await(client::isConnected, 10_000, "the client to reconnect");
        assertTrue(client.counters().reconnects() >= 1, client.counters()::toString);
        switch (delivery)
        {
            case EXACTLY_ONCE ->
            {
                assertEquals(CALLS, result.succeeded(), result::toString);
                assertEachKeyRan(ledger, 1, 1);
            }
            case AT_LEAST_ONCE ->
            {
                assertEquals(CALLS, result.succeeded(), result::toString);
                assertEachKeyRan(ledger, 1, Integer.MAX_VALUE);
            }
            case AT_MOST_ONCE ->
            {
                assertEachKeyRan(ledger, 0, 1);
                assertTrue(result.failed() > 0, result::toString);
                assertTrue(Set.of(Status.UNAVAILABLE, Status.DEADLINE_EXCEEDED).containsAll(
                    result.failures().keySet()), result::toString);
            }
        }
    }

    private PolledServer startWhenPortIsFree(final String channel, final LedgerService ledger)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true)
        {
            try
            {
                return new PolledServer(channel, ledger);
            }
            catch (final RuntimeException ex)
            {
                // The driver releases the dead server's port asynchronously.
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw ex;
                }
                TestRig.idleStrategy().idle();
            }
        }
    }

    private static void assertEachKeyRan(final LedgerService ledger, final int min, final int max)
    {
        for (final var entry : ledger.runsByKey.entrySet())
        {
            final int runs = entry.getValue().get();
            assertTrue(runs >= min && runs <= max, "key " + entry.getKey() + " ran " + runs + " times");
        }
        if (min > 0)
        {
            assertEquals(CALLS, ledger.runsByKey.size(), "keys that ran");
        }
        else
        {
            assertTrue(ledger.runsByKey.size() <= CALLS, "keys that ran");
        }
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    /**
     * A workload of {@link #CALLS} calls running on a thread of its own while the test breaks things.
     */
    private static final class BackgroundRun
    {
        private final AtomicReference<LedgerWorkload.Outcome> outcome = new AtomicReference<>();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread caller;

        BackgroundRun(final LedgerWorkload workload)
        {
            caller = new Thread(() ->
            {
                try
                {
                    outcome.set(workload.run(1, CALLS, WINDOW, 90_000));
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            }, "workload");
            caller.start();
        }

        LedgerWorkload.Outcome join() throws InterruptedException
        {
            caller.join(100_000);
            if (null != failure.get())
            {
                throw new AssertionError(failure.get());
            }
            return outcome.get();
        }
    }

    /**
     * A server in invoker mode on its own Aeron client, polled by a thread of the test, so that it can die as a
     * process does: the polling stops and its connections vanish, with no goodbye to its clients.
     */
    private final class PolledServer implements AutoCloseable
    {
        private final Aeron aeron;
        private final RpcServer server;
        private final Thread poller;
        private volatile boolean running = true;

        PolledServer(final String channel, final LedgerService ledger)
        {
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(rig.driver().aeronDirectoryName()));
            try
            {
                server = RpcServer.launch(rig.serverContext(Transport.UDP)
                    .aeron(aeron)
                    .channel(channel)
                    .invokerMode(true)
                    .addService(new LedgerStub(ledger)));
            }
            catch (final RuntimeException ex)
            {
                aeron.close();
                throw ex;
            }
            poller = new Thread(() ->
            {
                while (running)
                {
                    if (0 == server.poll())
                    {
                        Thread.onSpinWait();
                        TestRig.idleStrategy().idle();
                    }
                }
            }, "test-server");
            poller.start();
        }

        void crash() throws InterruptedException
        {
            running = false;
            poller.join();
            aeron.close();
        }

        @Override
        public void close()
        {
            running = false;
            try
            {
                poller.join();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            CloseHelper.quietClose(server);
            CloseHelper.quietClose(aeron);
        }
    }
}
