package dev.aeronrpc;

import dev.aeronrpc.client.ClientStream;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.StreamObserver;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.server.RpcServer;
import dev.aeronrpc.server.StreamSink;
import dev.aeronrpc.test.TestRig;
import dev.aeronrpc.test.TestRig.Transport;
import dev.aeronrpc.test.TestServices.EchoService;
import dev.aeronrpc.test.TestServices.TickerService;
import dev.aeronrpc.test.api.EchoClient;
import dev.aeronrpc.test.api.EchoStub;
import dev.aeronrpc.test.api.TickDecoder;
import dev.aeronrpc.test.api.TickEncoder;
import dev.aeronrpc.test.api.TickerClient;
import dev.aeronrpc.test.api.TickerStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Server streams end to end: finite and infinite, iterator and observer, credit, cancellation, errors mid-stream,
 * deadlines and a server that goes away.
 */
@Timeout(60)
class ServerStreamTest
{
    private final TestRig rig = new TestRig();
    private final TickerService ticker = new TickerService();

    @AfterEach
    void after()
    {
        rig.close();
    }

    private RpcServer server(final Transport transport)
    {
        return rig.server(rig.serverContext(transport)
            .addService(new TickerStub(ticker))
            .addService(new EchoStub(new EchoService())));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldReadAFiniteStreamInOrderToItsEnd(final Transport transport)
    {
        final TickerClient client = new TickerClient(rig.client(server(transport)));

        long expected = 0;
        try (ClientStream<TickDecoder> ticks = client.withWindow(16).withTimeout(java.time.Duration.ofNanos(TestRig.CALL_TIMEOUT_NS)).ticks(client.ticksRequest().count(1_000).failAt(-1)))
        {
            while (ticks.hasNext())
            {
                final TickDecoder tick = ticks.next();
                assertEquals(expected, tick.number());
                assertEquals(3 * expected, tick.value());
                assertEquals(expected, ticks.lastSequence());
                expected++;
            }
            assertTrue(ticks.isDone());
        }
        assertEquals(1_000, expected);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldPushAStreamToAnObserverThatAsksForMore(final Transport transport)
    {
        final TickerClient client = new TickerClient(rig.client(server(transport)));
        final AtomicLong received = new AtomicLong();
        final AtomicReference<String> end = new AtomicReference<>();
        final AtomicReference<ClientStream<TickDecoder>> handle = new AtomicReference<>();

        handle.set(client.withWindow(10).withTimeout(java.time.Duration.ofNanos(TestRig.CALL_TIMEOUT_NS)).ticksAsync(client.ticksRequest().count(500).failAt(-1), new StreamObserver<>()
        {
            public void onNext(final TickDecoder item, final long sequence)
            {
                if (item.number() == received.getAndIncrement() && 0 == (received.get() % 10))
                {
                    handle.get().request(10);
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
        }));

        TestRig.await(() -> null != end.get(), 10_000, "the stream to end");
        assertEquals("completed", end.get());
        assertEquals(500, received.get());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldStopTheProducerWhenTheConsumerCancelsAnInfiniteStream(final Transport transport)
    {
        final TickerClient client = new TickerClient(rig.client(server(transport)));
        final ClientStream<TickDecoder> ticks = client.ticks(client.ticksRequest().count(0).failAt(-1));
        for (int i = 0; i < 100; i++)
        {
            assertEquals(i, ticks.next().number());
        }
        ticks.cancel();

        assertEquals(Status.CANCELLED, assertThrows(RpcException.class, ticks::hasNext).status());
        assertEquals(Status.CANCELLED, ticks.status());
        TestRig.await(() -> ticker.streams.get(0).isCancelled(), 10_000, "the producer to see the cancel");
        final long sent = ticker.streams.get(0).sent();
        assertTrue(sent <= 100 + 64, "sent " + sent + " with a window of 64");
    }

    @Test
    void shouldStopTheProducerWhenCancelledBeforeTheFirstItem()
    {
        final TickerClient client = new TickerClient(rig.client(server(Transport.IPC)));
        final ClientStream<TickDecoder> ticks = client.ticks(client.ticksRequest().count(0).failAt(-1));
        ticks.cancel();

        assertEquals(Status.CANCELLED, assertThrows(RpcException.class, ticks::hasNext).status());
        TestRig.await(() -> !ticker.streams.isEmpty() && ticker.streams.get(0).isCancelled(), 10_000,
            "the producer to see the cancel");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldEndWithTheProducersErrorAfterTheItemsBeforeIt(final Transport transport)
    {
        final TickerClient client = new TickerClient(rig.client(server(transport)));
        final ClientStream<TickDecoder> ticks = client.ticks(client.ticksRequest().count(0).failAt(10));
        for (int i = 0; i < 10; i++)
        {
            assertEquals(i, ticks.next().number());
        }
        final RpcException ex = assertThrows(RpcException.class, ticks::hasNext);
        assertEquals(Status.ABORTED, ex.status());
        assertEquals("failed at tick 10", ex.description());
    }

    @Test
    void shouldEndAStreamWhoseDeadlinePassesAtBothEnds()
    {
        final TickerClient client = new TickerClient(rig.client(server(Transport.IPC)));
        final ClientStream<TickDecoder> ticks = client.withWindow(4).withTimeout(java.time.Duration.ofNanos(TimeUnit.MILLISECONDS.toNanos(300))).ticks(client.ticksRequest().count(0).failAt(-1));

        final RpcException ex = assertThrows(RpcException.class, () ->
        {
            while (ticks.hasNext())
            {
                ticks.next();
                Thread.sleep(5);
            }
        });
        assertEquals(Status.DEADLINE_EXCEEDED, ex.status());
        TestRig.await(() -> ticker.streams.get(0).isCancelled(), 10_000, "the producer to stop");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldNeverLetTheProducerRunAheadOfASlowConsumerByMoreThanItsWindow(final Transport transport)
        throws Exception
    {
        final TickerClient client = new TickerClient(rig.client(server(transport)));
        final int window = 32;
        final ClientStream<TickDecoder> ticks = client.withWindow(window).withTimeout(java.time.Duration.ofNanos(TestRig.CALL_TIMEOUT_NS)).ticks(client.ticksRequest().count(0).failAt(-1));

        long maxAhead = 0;
        for (int i = 0; i < 20_000; i++)
        {
            ticks.next();
            final StreamSink<TickEncoder> producer = ticker.streams.get(0);
            maxAhead = Math.max(maxAhead, producer.sent() - (i + 1));
            if (0 == i % 2_000)
            {
                Thread.sleep(20);
            }
        }
        ticks.cancel();
        assertTrue(maxAhead <= window, "the producer ran " + maxAhead + " items ahead of a window of " + window);
    }

    @Test
    void shouldCarryAMillionItemsToASlowReaderWithinCreditAndFlatMemory() throws Exception
    {
        final TickerClient client = new TickerClient(rig.client(server(Transport.IPC)));
        final int window = 256;
        final int items = 1_000_000;
        final java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        long heapAtStart = 0;
        long maxAhead = 0;

        try (ClientStream<TickDecoder> ticks = client.withWindow(window).withTimeout(java.time.Duration.ofNanos(TestRig.CALL_TIMEOUT_NS * 6)).ticks(client.ticksRequest().count(items).failAt(-1)))
        {
            for (int i = 0; i < items; i++)
            {
                assertEquals(i, ticks.next().number());
                if (i % 50_000 == 0)
                {
                    maxAhead = Math.max(maxAhead, ticker.streams.get(0).sent() - (i + 1));
                    Thread.sleep(2);
                }
                if (i == 100_000)
                {
                    heapAtStart = usedHeapAfterGc(memory);
                }
            }
            assertFalse(ticks.hasNext());
        }

        final long heapGrowth = usedHeapAfterGc(memory) - heapAtStart;
        assertTrue(maxAhead <= window, "the producer ran " + maxAhead + " items ahead of a window of " + window);
        assertTrue(heapGrowth < 32 * 1024 * 1024, "heap grew by " + heapGrowth + " bytes over 900,000 items");
    }

    private static long usedHeapAfterGc(final java.lang.management.MemoryMXBean memory)
    {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldInterleaveStreamsAndUnaryCallsOnOneClient(final Transport transport)
    {
        final RpcClient rpcClient = rig.client(server(transport));
        final TickerClient client = new TickerClient(rpcClient);
        final EchoClient echo = new EchoClient(rpcClient);
        final ClientStream<TickDecoder> first = client.withWindow(8).withTimeout(java.time.Duration.ofNanos(TestRig.CALL_TIMEOUT_NS)).ticks(client.ticksRequest().count(300).failAt(-1));
        final ClientStream<TickDecoder> second = client.withWindow(8).withTimeout(java.time.Duration.ofNanos(TestRig.CALL_TIMEOUT_NS)).ticks(client.ticksRequest().count(300).failAt(-1));

        for (int i = 0; i < 300; i++)
        {
            assertEquals(i, first.next().number());
            assertEquals(i, second.next().number());
            assertEquals(i, echo.echo(echo.echoRequest().value(i).text("")).value());
        }
        assertFalse(first.hasNext());
        assertFalse(second.hasNext());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldCarryItemsLargerThanOneFrameWholeAndRefuseOversizedOnes(final Transport transport)
    {
        final RpcServer server = rig.server(rig.serverContext(transport)
            .addService(new dev.aeronrpc.test.api.ProbeStub(new dev.aeronrpc.test.TestServices.ProbeService())));
        final dev.aeronrpc.test.api.ProbeClient client = new dev.aeronrpc.test.api.ProbeClient(rig.client(server));

        try (ClientStream<dev.aeronrpc.test.api.BlobDecoder> blobs = client.blobs(client.blobsRequest().size(150_000)))
        {
            int count = 0;
            while (blobs.hasNext())
            {
                assertEquals(150_000, blobs.next().bytesLength());
                count++;
            }
            assertEquals(3, count);
        }

        final ClientStream<dev.aeronrpc.test.api.BlobDecoder> tooLarge =
            client.blobs(client.blobsRequest().size(server.context().maxMessageLength()));
        final RpcException ex = assertThrows(RpcException.class, tooLarge::hasNext);
        assertEquals(Status.RESOURCE_EXHAUSTED, ex.status());
        assertTrue(ex.description().contains("bytes the client and server allow"), ex.description());
    }

    @Test
    void shouldCancelTheProducerWhenTheConsumerVanishes()
    {
        final RpcServer server = server(Transport.UDP);
        final io.aeron.Aeron clientAeron = rig.add(io.aeron.Aeron.connect(
            new io.aeron.Aeron.Context().aeronDirectoryName(rig.driver().aeronDirectoryName())));
        final RpcClient rpcClient = RpcClient.connect(rig.clientContext(server).aeron(clientAeron).invokerMode(true));
        final TickerClient client = new TickerClient(rpcClient);
        final ClientStream<TickDecoder> ticks = client.withWindow(4).withTimeout(java.time.Duration.ofNanos(TestRig.CALL_TIMEOUT_NS)).ticks(client.ticksRequest().count(0).failAt(-1));
        ticks.next();

        // The consumer's process dies without a word: its Aeron client goes, and its publications with it.
        clientAeron.close();

        TestRig.await(() -> ticker.streams.get(0).isCancelled(), 10_000, "the producer to be cancelled");
        TestRig.await(() -> 0 == server.sessionCount(), 10_000, "the session to be freed");
        org.agrona.CloseHelper.quietClose(rpcClient);
    }

    @Test
    void shouldFailTheStreamWithUnavailableWhenTheServerGoes()
    {
        final RpcServer server = server(Transport.IPC);
        final TickerClient client = new TickerClient(rig.client(server, ctx -> ctx.reconnect(false)));
        final ClientStream<TickDecoder> ticks = client.withWindow(4).withTimeout(java.time.Duration.ofNanos(TestRig.CALL_TIMEOUT_NS)).ticks(client.ticksRequest().count(0).failAt(-1));
        ticks.next();
        server.close();

        final RpcException ex = assertThrows(RpcException.class, () ->
        {
            while (ticks.hasNext())
            {
                ticks.next();
            }
        });
        assertEquals(Status.UNAVAILABLE, ex.status());
    }
    @Test
    void shouldSendTheEndAgainWhenBackPressureRefusedIt() throws InterruptedException
    {
        // The producer fills the consumer's route while the consumer reads nothing, past the send timeout, then
        // completes: the end is refused too. Once the consumer reads, the server must send the end again, or a
        // stream with no deadline would never finish.
        final java.util.concurrent.CountDownLatch produced = new java.util.concurrent.CountDownLatch(1);
        final AtomicLong itemsSent = new AtomicLong();
        final AtomicReference<Boolean> refused = new AtomicReference<>(false);
        final byte[] blob = new byte[200_000];
        final dev.aeronrpc.test.api.Probe probe = new dev.aeronrpc.test.api.Probe()
        {
            @Override
            public void blobs(
                final dev.aeronrpc.test.api.SizeRequestDecoder request,
                final StreamSink<dev.aeronrpc.test.api.BlobEncoder> stream)
            {
                while (stream.credit() > 0)
                {
                    stream.item().putBytes(blob, 0, request.size());
                    if (!stream.send())
                    {
                        refused.set(true);
                        break;
                    }
                    itemsSent.incrementAndGet();
                }
                stream.complete();
                produced.countDown();
            }
        };
        final RpcServer server = rig.server(rig.serverContext(Transport.IPC)
            .sendTimeoutNs(TimeUnit.MILLISECONDS.toNanos(20))
            .addService(new dev.aeronrpc.test.api.ProbeStub(probe)));
        final RpcClient rpcClient = rig.add(RpcClient.connect(rig.clientContext(server).invokerMode(true)));
        final dev.aeronrpc.test.api.ProbeClient client = new dev.aeronrpc.test.api.ProbeClient(rpcClient);

        // Invoker mode: nothing reads the response route until the iterator polls.
        final ClientStream<dev.aeronrpc.test.api.BlobDecoder> blobs =
            client.withWindow(256).withTimeout(java.time.Duration.ofNanos(TestRig.CALL_TIMEOUT_NS)).blobs(client.blobsRequest().size(blob.length));
        assertTrue(produced.await(10, TimeUnit.SECONDS), "the producer to finish");
        assertTrue(refused.get(), "back pressure refused an item: the route was full when the stream completed");

        long read = 0;
        while (blobs.hasNext())
        {
            blobs.next();
            read++;
        }
        assertEquals(itemsSent.get(), read);
        assertTrue(blobs.isDone());
    }
}
