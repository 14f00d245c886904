package dev.aeronrpc;

import dev.aeronrpc.client.BidiStream;
import dev.aeronrpc.client.ClientStream;
import dev.aeronrpc.client.ClientStreamCall;
import dev.aeronrpc.client.ResponseListener;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.core.StreamObserver;
import dev.aeronrpc.server.RpcServer;
import dev.aeronrpc.test.LedgerWorkload;
import dev.aeronrpc.test.TestRig;
import dev.aeronrpc.test.TestRig.Transport;
import dev.aeronrpc.test.TestServices;
import dev.aeronrpc.test.TestServices.DoublerService;
import dev.aeronrpc.test.TestServices.EchoService;
import dev.aeronrpc.test.TestServices.LedgerService;
import dev.aeronrpc.test.TestServices.ProbeService;
import dev.aeronrpc.test.TestServices.SummerService;
import dev.aeronrpc.test.TestServices.TickerService;
import dev.aeronrpc.test.api.BlobDecoder;
import dev.aeronrpc.test.api.BlobEncoder;
import dev.aeronrpc.test.api.DoublerClient;
import dev.aeronrpc.test.api.DoublerStub;
import dev.aeronrpc.test.api.EchoClient;
import dev.aeronrpc.test.api.EchoReplyDecoder;
import dev.aeronrpc.test.api.EchoStub;
import dev.aeronrpc.test.api.LedgerClient;
import dev.aeronrpc.test.api.LedgerEntryEncoder;
import dev.aeronrpc.test.api.LedgerResultDecoder;
import dev.aeronrpc.test.api.LedgerStub;
import dev.aeronrpc.test.api.ProbeClient;
import dev.aeronrpc.test.api.ProbeStub;
import dev.aeronrpc.test.api.SizeRequestDecoder;
import dev.aeronrpc.test.api.SummerClient;
import dev.aeronrpc.test.api.SummerStub;
import dev.aeronrpc.test.api.TickDecoder;
import dev.aeronrpc.test.api.TickerClient;
import dev.aeronrpc.test.api.TickerStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client core's promises, each a fault the earlier client had: no call lost in a burst, no stream that ends
 * short as if complete, no request sent over another's bytes, nothing kept after close, a status for every end
 * well before the deadline when its cause is known, and listeners on the client's thread or the caller's executor.
 */
@Timeout(180)
class ClientCoreTest
{
    /** Streams each of the four threads reads in the mixed workload; a system property raises it for a soak. */
    private static final int MIXED_ROUNDS = Integer.getInteger("aeron.rpc.test.mixed.rounds", 1_500);
    private static final int BURST_CALLS = 1_000;
    private static final int BURST_BYTES = 271_828;

    private final TestRig rig = new TestRig();
    private final ProbeService probe = new ProbeService();
    private final LedgerService ledger = new LedgerService();
    private final TickerService ticker = new TickerService();
    private final SummerService summer = new SummerService();
    private final DoublerService doubler = new DoublerService();

    @AfterEach
    void after()
    {
        rig.close();
    }

    private RpcServer server(final Transport transport)
    {
        return server(rig.serverContext(transport));
    }

    private RpcServer server(final RpcServer.Context ctx)
    {
        return rig.server(ctx
            .addService(new EchoStub(new EchoService()))
            .addService(new ProbeStub(probe))
            .addService(new LedgerStub(ledger))
            .addService(new TickerStub(ticker))
            .addService(new SummerStub(summer))
            .addService(new DoublerStub(doubler)));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldEndEveryFiniteStreamWithExactlyItsItemsAmidOtherCallsOnTheSameThreads(final Transport transport)
        throws Exception
    {
        final RpcClient client = rig.client(server(transport));
        final TickerClient tickers = new TickerClient(client).withWindow(16);
        final EchoClient echo = new EchoClient(client);
        final LedgerClient calls = new LedgerClient(client);
        final ExecutorService threads = Executors.newFixedThreadPool(4);
        final AtomicInteger asyncAnswers = new AtomicInteger();
        final AtomicInteger asyncSent = new AtomicInteger();
        try
        {
            final List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++)
            {
                final int thread = t;
                results.add(threads.submit(() ->
                {
                    long items = 0;
                    for (int round = 0; round < MIXED_ROUNDS; round++)
                    {
                        assertEquals(round, echo.echo(echo.echoRequest().value(round).text("u")).value());
                        asyncSent.incrementAndGet();
                        echo.echoAsync(echo.echoRequest().value(round).text("a"), countingListener(asyncAnswers));
                        if (0 == round % 10)
                        {
                            final long key = 1_000_000L * thread + round;
                            assertEquals(2 * LedgerWorkload.amountOf(key), calls.exactlyOnce(
                                calls.exactlyOnceRequest().key(key).amount(LedgerWorkload.amountOf(key))).doubled());
                        }
                        if (0 == round % 25)
                        {
                            try (ClientStream<TickDecoder> infinite =
                                tickers.ticks(tickers.ticksRequest().count(0).failAt(-1)))
                            {
                                for (int i = 0; i < 20; i++)
                                {
                                    assertEquals(i, infinite.next().number());
                                }
                            }
                        }
                        final ClientStream<TickDecoder> finite =
                            tickers.ticks(tickers.ticksRequest().count(100).failAt(-1));
                        long expected = 0;
                        while (finite.hasNext())
                        {
                            final TickDecoder tick = finite.next();
                            assertEquals(expected, tick.number(), "item of round " + round);
                            assertEquals(expected, finite.lastSequence());
                            expected++;
                        }
                        assertEquals(100, expected, "round " + round + " on thread " + thread + " ended short");
                        assertEquals(Status.OK, finite.status());
                        items += expected;
                    }
                    return items;
                }));
            }
            long items = 0;
            for (final Future<Long> result : results)
            {
                items += result.get(150, TimeUnit.SECONDS);
            }
            assertEquals(4L * MIXED_ROUNDS * 100, items);
            TestRig.await(() -> asyncAnswers.get() == asyncSent.get(), 10_000, "every asynchronous answer");
        }
        finally
        {
            threads.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldCompleteEveryCallOfALargeAsynchronousBurst(final Transport transport)
    {
        final int maxMessageLength = 512 * 1024;
        final RpcServer server = server(rig.serverContext(transport).maxMessageLength(maxMessageLength));
        final RpcClient client = rig.client(server, ctx -> ctx.maxMessageLength(maxMessageLength));
        final ProbeClient probes = new ProbeClient(client).withTimeout(Duration.ofSeconds(60));
        final byte[] bytes = new byte[BURST_BYTES];

        for (int run = 0; run < 3; run++)
        {
            final AtomicInteger ok = new AtomicInteger();
            final ConcurrentHashMap<String, AtomicInteger> failures = new ConcurrentHashMap<>();
            for (int i = 0; i < BURST_CALLS; i++)
            {
                final BlobEncoder request = probes.uploadRequest();
                request.putBytes(bytes, 0, bytes.length);
                probes.uploadAsync(request, new ResponseListener<>()
                {
                    public void onResponse(final SizeRequestDecoder response)
                    {
                        if (BURST_BYTES == response.size())
                        {
                            ok.incrementAndGet();
                        }
                        else
                        {
                            failures.computeIfAbsent("wrong size", k -> new AtomicInteger()).incrementAndGet();
                        }
                    }

                    public void onError(final Status status, final String message)
                    {
                        failures.computeIfAbsent(status + " " + message, k -> new AtomicInteger()).incrementAndGet();
                    }
                });
            }
            final int finished = run;
            TestRig.await(() -> ok.get() + failures.values().stream().mapToInt(AtomicInteger::get).sum() == BURST_CALLS,
                90_000, "every call of burst " + finished + " to end");
            assertEquals(BURST_CALLS, ok.get(), "run " + run + ": failures " + failures);
        }
    }

    @Test
    void shouldRefuseARequestThatAnotherRequestOverwrote()
    {
        final LedgerClient calls = new LedgerClient(rig.client(server(Transport.IPC)));
        final LedgerEntryEncoder first = calls.atMostOnceRequest().key(1).amount(1);
        calls.exactlyOnceRequest().key(2).amount(2);

        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> calls.atMostOnce(first));
        assertTrue(ex.getMessage().contains("was overwritten"), ex.getMessage());
        assertEquals(0, ledger.runs.get(), "nothing was sent");
    }

    @Test
    void shouldRefuseARequestSentAlready()
    {
        final LedgerClient calls = new LedgerClient(rig.client(server(Transport.IPC)));
        final LedgerEntryEncoder request = calls.atMostOnceRequest().key(1).amount(LedgerWorkload.amountOf(1));
        calls.atMostOnce(request);

        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> calls.atMostOnce(request));
        assertTrue(ex.getMessage().contains("was sent already"), ex.getMessage());
        assertEquals(1, ledger.runs.get());
    }

    @Test
    void shouldRefuseARequestBuiltOnAnotherThread() throws Exception
    {
        final LedgerClient calls = new LedgerClient(rig.client(server(Transport.IPC)));
        final AtomicReference<LedgerEntryEncoder> built = new AtomicReference<>();
        final Thread builder = new Thread(() -> built.set(calls.atMostOnceRequest().key(1).amount(1)), "builder");
        builder.start();
        builder.join();

        final IllegalStateException ex =
            assertThrows(IllegalStateException.class, () -> calls.atMostOnce(built.get()));
        assertTrue(ex.getMessage().contains("built on thread builder"), ex.getMessage());
        assertEquals(0, ledger.runs.get());
    }

    @Test
    void shouldLeaveNothingOfAClosedClientReachableFromTheThreadsThatCalled() throws Exception
    {
        final RpcServer server = server(Transport.IPC);
        final ExecutorService callers = Executors.newFixedThreadPool(2);
        try
        {
            final WeakReference<RpcClient>[] clientRef = new WeakReference[1];
            final WeakReference<EchoClient>[] proxyRef = new WeakReference[1];
            {
                final RpcClient client = RpcClient.connect(rig.clientContext(server));
                final EchoClient echo = new EchoClient(client).withTimeout(Duration.ofSeconds(10));
                final AtomicInteger answers = new AtomicInteger();
                for (int i = 0; i < 4; i++)
                {
                    callers.submit(() ->
                    {
                        echo.echo(echo.echoRequest().value(1).text("blocking"));
                        echo.echoAsync(echo.echoRequest().value(2).text("async"), countingListener(answers));
                        return null;
                    }).get(30, TimeUnit.SECONDS);
                }
                TestRig.await(() -> answers.get() == 4, 10_000, "the asynchronous answers");
                client.close();
                clientRef[0] = new WeakReference<>(client);
                proxyRef[0] = new WeakReference<>(echo);
            }

            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (null != clientRef[0].get() || null != proxyRef[0].get())
            {
                assertTrue(System.nanoTime() - deadlineNs < 0,
                    "the closed client or its proxy is still reachable, though the calling threads live on");
                System.gc();
                Thread.sleep(10);
            }
        }
        finally
        {
            callers.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldEndAUnaryCallWhoseAnswerExceedsTheMaximumWithResourceExhausted(final Transport transport)
    {
        // Both sides accept 1 MiB; the embedded driver's 4 MiB terms carry 512 KiB in one message, more in chunks.
        final int maxMessageLength = 1024 * 1024;
        final RpcServer server = server(rig.serverContext(transport).maxMessageLength(maxMessageLength));
        final ProbeClient probes = new ProbeClient(rig.client(server, ctx -> ctx.maxMessageLength(maxMessageLength)))
            .withTimeout(Duration.ofSeconds(120));

        assertEquals(600_000, probes.blob(probes.blobRequest().size(600_000)).bytesLength(), "sent in chunks");
        final RpcException ex = assertThrows(RpcException.class,
            () -> probes.blob(probes.blobRequest().size(1_100_000)));
        assertEquals(Status.RESOURCE_EXHAUSTED, ex.status());
        assertTrue(ex.description().contains("exceeds the 1048576 bytes the route to the client carries"),
            ex.description());
        assertEquals(1000, probes.blob(probes.blobRequest().size(1000)).bytesLength(), "the client goes on");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldEndAStreamWhoseItemExceedsTheMaximumWithResourceExhausted(final Transport transport)
    {
        final int maxMessageLength = 1024 * 1024;
        final RpcServer server = server(rig.serverContext(transport).maxMessageLength(maxMessageLength));
        final ProbeClient probes = new ProbeClient(rig.client(server, ctx -> ctx.maxMessageLength(maxMessageLength)));

        try (ClientStream<BlobDecoder> blobs = probes.blobs(probes.blobsRequest().size(1_100_000)))
        {
            final RpcException ex = assertThrows(RpcException.class, blobs::hasNext);
            assertEquals(Status.RESOURCE_EXHAUSTED, ex.status());
            assertTrue(ex.description().contains("bytes the client and server allow"), ex.description());
            assertEquals(Status.RESOURCE_EXHAUSTED, blobs.status());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldCancelAStreamAtBothEndsWithUnknownWhenTheClientsObserverThrows(final Transport transport)
    {
        final TickerClient tickers = new TickerClient(rig.client(server(transport)));
        final AtomicReference<String> ended = new AtomicReference<>();
        final AtomicInteger seen = new AtomicInteger();
        final ClientStream<TickDecoder> ticks = tickers.ticksAsync(tickers.ticksRequest().count(0).failAt(-1),
            new StreamObserver<>()
            {
                public void onNext(final TickDecoder item, final long sequence)
                {
                    if (seen.incrementAndGet() == 5)
                    {
                        throw new IllegalStateException("the reader broke");
                    }
                }

                public void onCompleted()
                {
                    ended.set("completed");
                }

                public void onError(final Status status, final String message)
                {
                    ended.set(status + " " + message);
                }
            });

        TestRig.await(() -> null != ended.get(), 10_000, "the stream to end");
        assertTrue(ended.get().startsWith("UNKNOWN the stream's observer threw"), ended.get());
        assertEquals(Status.UNKNOWN, ticks.status());
        TestRig.await(() -> ticker.streams.get(0).isCancelled(), 10_000, "the producer to hear the cancel");
        assertEquals(5, seen.get());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldEndACallAtBothEndsWithUnknownWhenTheHandlersObserverThrows(final Transport transport)
    {
        final RpcClient client = rig.client(server(transport));
        final SummerClient summers = new SummerClient(client);
        final ClientStreamCall<LedgerEntryEncoder, LedgerResultDecoder> upload = summers.sum();
        upload.item().key(1).amount(1);
        upload.send();
        upload.item().key(2).amount(TestServices.THROW);
        upload.send();
        final RpcException ex = assertThrows(RpcException.class, upload::complete);
        assertEquals(Status.UNKNOWN, ex.status());
        assertTrue(ex.description().contains("the summer's observer broke at item 1"), ex.description());

        final DoublerClient doublers = new DoublerClient(client);
        try (BidiStream<LedgerEntryEncoder, LedgerResultDecoder> twice = doublers.twice())
        {
            twice.item().key(1).amount(5);
            twice.send();
            assertEquals(10, twice.next().doubled());
            twice.item().key(2).amount(TestServices.THROW);
            twice.send();
            final RpcException bidi = assertThrows(RpcException.class, twice::hasNext);
            assertEquals(Status.UNKNOWN, bidi.status());
            assertEquals(Status.UNKNOWN, twice.status());
            assertTrue(bidi.description().contains("the doubler's observer broke at item 1"), bidi.description());
        }
    }

    @Test
    void shouldLetTheClientReadCancelledOnEveryKindOfStream()
    {
        final RpcClient client = rig.client(server(Transport.IPC));
        final SummerClient summers = new SummerClient(client);
        final ClientStreamCall<LedgerEntryEncoder, LedgerResultDecoder> upload = summers.sum();
        upload.item().key(1).amount(1);
        upload.send();
        upload.cancel();
        assertEquals(Status.CANCELLED, upload.status());
        assertEquals(Status.CANCELLED, assertThrows(RpcException.class, upload::complete).status());

        final DoublerClient doublers = new DoublerClient(client);
        final BidiStream<LedgerEntryEncoder, LedgerResultDecoder> twice = doublers.twice();
        twice.cancel();
        assertEquals(Status.CANCELLED, twice.status());
        assertEquals(Status.CANCELLED, assertThrows(RpcException.class, twice::hasNext).status());
        TestRig.await(() -> doubler.ends.contains("CANCELLED"), 10_000, "the handler to hear the cancel");
    }

    @Test
    void shouldRunListenersOnTheClientsThreadNeverOnAThreadWaitingInABlockingCall() throws Exception
    {
        final RpcClient client = rig.client(server(Transport.IPC));
        final ProbeClient probes = new ProbeClient(client);
        final EchoClient echo = new EchoClient(client);
        final List<String> listenerThreads = new CopyOnWriteArrayList<>();
        final AtomicInteger answers = new AtomicInteger();

        // While this thread waits in a slow blocking call, asynchronous answers arrive: none may run here.
        final Thread asyncCaller = new Thread(() ->
        {
            for (int i = 0; i < 200; i++)
            {
                echo.echoAsync(echo.echoRequest().value(i).text("x"), new ResponseListener<>()
                {
                    public void onResponse(final EchoReplyDecoder response)
                    {
                        listenerThreads.add(Thread.currentThread().getName());
                        answers.incrementAndGet();
                    }

                    public void onError(final Status status, final String message)
                    {
                        answers.incrementAndGet();
                    }
                });
            }
        });
        asyncCaller.start();
        probes.sleep(probes.sleepRequest().millis(300));
        asyncCaller.join();
        TestRig.await(() -> answers.get() == 200, 10_000, "every asynchronous answer");

        assertEquals(200, listenerThreads.size());
        assertTrue(listenerThreads.stream().allMatch(name -> name.equals("rpc-client-" + client.clientId())),
            "listeners ran on " + new java.util.TreeSet<>(listenerThreads));
    }

    @Test
    void shouldRunListenersAndObserversOnTheExecutorTheViewNames() throws Exception
    {
        final RpcClient client = rig.client(server(Transport.IPC));
        final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "user-executor"));
        try
        {
            final EchoClient echo = new EchoClient(client).withExecutor(executor);
            final AtomicReference<String> unaryThread = new AtomicReference<>();
            echo.echoAsync(echo.echoRequest().value(1).text("on the executor"), new ResponseListener<>()
            {
                public void onResponse(final EchoReplyDecoder response)
                {
                    unaryThread.set(Thread.currentThread().getName() + " " + response.text());
                }

                public void onError(final Status status, final String message)
                {
                    unaryThread.set(status.name());
                }
            });
            TestRig.await(() -> null != unaryThread.get(), 10_000, "the listener");
            assertEquals("user-executor on the executor", unaryThread.get());

            final TickerClient tickers = new TickerClient(client).withExecutor(executor).withWindow(8);
            final List<Long> numbers = new CopyOnWriteArrayList<>();
            final List<String> threads = new CopyOnWriteArrayList<>();
            final AtomicReference<String> end = new AtomicReference<>();
            final AtomicReference<ClientStream<TickDecoder>> stream = new AtomicReference<>();
            stream.set(tickers.ticksAsync(tickers.ticksRequest().count(500).failAt(-1), new StreamObserver<>()
            {
                public void onNext(final TickDecoder item, final long sequence)
                {
                    numbers.add(item.number());
                    threads.add(Thread.currentThread().getName());
                    if (0 == (sequence + 1) % 8)
                    {
                        while (null == stream.get())
                        {
                            Thread.onSpinWait();
                        }
                        stream.get().request(8);
                    }
                }

                public void onCompleted()
                {
                    end.set("completed on " + Thread.currentThread().getName());
                }

                public void onError(final Status status, final String message)
                {
                    end.set(status + " " + message);
                }
            }));
            TestRig.await(() -> null != end.get(), 20_000, "the stream to end");
            assertEquals("completed on user-executor", end.get());
            assertEquals(500, numbers.size());
            for (int i = 0; i < 500; i++)
            {
                assertEquals(i, numbers.get(i));
            }
            assertTrue(threads.stream().allMatch("user-executor"::equals));
        }
        finally
        {
            executor.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldStreamFromTheClientAsynchronously(final Transport transport)
    {
        final RpcClient client = rig.client(server(transport));
        final SummerClient summers = new SummerClient(client);
        final AtomicReference<String> answer = new AtomicReference<>();
        final int items = 1_000;
        final AtomicInteger sent = new AtomicInteger();
        final ClientStreamCall<LedgerEntryEncoder, LedgerResultDecoder> upload =
            summers.sumAsync(new ResponseListener<>()
            {
                public void onResponse(final LedgerResultDecoder response)
                {
                    answer.set(response.key() + " items, total " + response.doubled());
                }

                public void onError(final Status status, final String message)
                {
                    answer.set(status + " " + message);
                }
            });
        // The sender never waits: it sends what the credit allows whenever the ready callback says so.
        final Runnable pump = () ->
        {
            while (sent.get() < items)
            {
                upload.item().key(sent.get()).amount(1);
                if (!upload.trySend())
                {
                    return;
                }
                sent.incrementAndGet();
            }
            upload.completeSending();
        };
        upload.onReady(pump);

        TestRig.await(() -> null != answer.get(), 20_000, "the answer");
        assertEquals(items + " items, total " + items, answer.get());
        assertEquals(items, summer.received.get());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldReadABidirectionalStreamWithAnObserver(final Transport transport)
    {
        final RpcClient client = rig.client(server(transport));
        final DoublerClient doublers = new DoublerClient(client).withWindow(4);
        final List<Long> doubled = new CopyOnWriteArrayList<>();
        final AtomicReference<String> end = new AtomicReference<>();
        final AtomicReference<BidiStream<LedgerEntryEncoder, LedgerResultDecoder>> handle = new AtomicReference<>();
        final BidiStream<LedgerEntryEncoder, LedgerResultDecoder> twice = doublers.twiceAsync(new StreamObserver<>()
        {
            public void onNext(final LedgerResultDecoder item, final long sequence)
            {
                doubled.add(item.doubled());
                if (0 == (sequence + 1) % 4)
                {
                    handle.get().request(4);
                }
            }

            public void onCompleted()
            {
                end.set("completed");
            }

            public void onError(final Status status, final String message)
            {
                end.set(status + " " + message);
            }
        });
        handle.set(twice);
        for (int i = 1; i <= 100; i++)
        {
            twice.item().key(i).amount(i);
            assertTrue(twice.send());
            final int expected = i;
            TestRig.await(() -> doubled.size() == expected, 10_000, "the doubled item " + expected);
        }
        twice.completeSending();
        TestRig.await(() -> null != end.get(), 10_000, "the server's half to end");
        assertEquals("completed", end.get());
        for (int i = 1; i <= 100; i++)
        {
            assertEquals(2L * i, doubled.get(i - 1));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldRebuildWhatAeronClosedUnderTheClient(final Transport transport)
    {
        final RpcServer server = server(transport);
        final RpcClient client = rig.client(server);
        final EchoClient echo = new EchoClient(client).withTimeout(Duration.ofSeconds(20));
        assertEquals(1, echo.echo(echo.echoRequest().value(1).text("before")).value());

        // As Aeron's conductor does after a stall past its service interval: everything of this Aeron client closes.
        client.context().aeron().close();

        TestRig.await(client::isConnected, 20_000, "the client to reconnect on a new Aeron client");
        assertEquals(2, echo.echo(echo.echoRequest().value(2).text("after")).value());
        assertTrue(client.counters().reconnects() >= 1);
    }

    @Test
    void shouldFailEveryCallAtOnceWhenTheApplicationsAeronClientIsClosed()
    {
        final RpcServer server = server(Transport.IPC);
        final io.aeron.Aeron aeron = io.aeron.Aeron.connect(
            new io.aeron.Aeron.Context().aeronDirectoryName(rig.driver().aeronDirectoryName()));
        final RpcClient client = rig.client(server, ctx -> ctx.aeron(aeron).aeronDirectoryName(null));
        final EchoClient echo = new EchoClient(client).withTimeout(Duration.ofSeconds(60));
        assertEquals(1, echo.echo(echo.echoRequest().value(1).text("before")).value());
        aeron.close();

        TestRig.await(() -> !client.isConnected(), 10_000, "the client to see Aeron gone");
        final RpcException ex = assertThrows(RpcException.class,
            () -> echo.echo(echo.echoRequest().value(2).text("after")));
        assertEquals(Status.UNAVAILABLE, ex.status());
        assertTrue(ex.description().contains("Aeron client was closed"), ex.description());
    }

    private static <R> ResponseListener<R> countingListener(final AtomicInteger answers)
    {
        return new ResponseListener<>()
        {
            public void onResponse(final R response)
            {
                answers.incrementAndGet();
            }

            public void onError(final Status status, final String message)
            {
                answers.incrementAndGet();
            }
        };
    }
}
