package dev.aeronrpc;

import dev.aeronrpc.client.BidiStream;
import dev.aeronrpc.client.ClientStreamCall;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.server.RpcServer;
import dev.aeronrpc.test.TestRig;
import dev.aeronrpc.test.TestRig.Transport;
import dev.aeronrpc.test.TestServices.DoublerService;
import dev.aeronrpc.test.TestServices.SummerService;
import dev.aeronrpc.test.api.DoublerClient;
import dev.aeronrpc.test.api.DoublerStub;
import dev.aeronrpc.test.api.LedgerEntryEncoder;
import dev.aeronrpc.test.api.LedgerResultDecoder;
import dev.aeronrpc.test.api.SummerClient;
import dev.aeronrpc.test.api.SummerStub;
import io.aeron.Aeron;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client streams (many items, one answer) and bidirectional streams, with the server's credit, cancellation from
 * either side, and a client that vanishes.
 */
@Timeout(60)
class ClientStreamTest
{
    private final TestRig rig = new TestRig();
    private final SummerService summer = new SummerService();
    private final DoublerService doubler = new DoublerService();

    @AfterEach
    void after()
    {
        rig.close();
    }

    private RpcServer server(final Transport transport)
    {
        return rig.server(rig.serverContext(transport)
            .addService(new SummerStub(summer))
            .addService(new DoublerStub(doubler)));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldSumAThousandItemsSentWithinTheServersCredit(final Transport transport)
    {
        final SummerClient client = new SummerClient(rig.client(server(transport)));
        final ClientStreamCall<LedgerEntryEncoder, LedgerResultDecoder> sum = client.sum();
        for (int i = 1; i <= 1_000; i++)
        {
            sum.item().key(i).amount(i);
            assertTrue(sum.send());
        }

        final LedgerResultDecoder result = sum.complete();
        assertEquals(1_000, result.key());
        assertEquals(500_500, result.doubled());
    }

    @Test
    void shouldSendNothingUntilTheServerGrantsCredit() throws Exception
    {
        final ExecutorService executor = Executors.newSingleThreadExecutor();
        try
        {
            summer.subscribeGate = new CountDownLatch(1);
            final RpcServer server = rig.server(rig.serverContext(Transport.IPC)
                .addService(new SummerStub(summer), executor));
            final SummerClient client = new SummerClient(rig.client(server));
            final ClientStreamCall<LedgerEntryEncoder, LedgerResultDecoder> sum = client.sum();
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final Thread sender = new Thread(() ->
            {
                try
                {
                    for (int i = 1; i <= 200; i++)
                    {
                        sum.item().key(i).amount(1);
                        sum.send();
                    }
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            });
            sender.start();
            TestRig.await(() -> 1 == summer.streams.size(), 10_000, "the handler to start");
            assertEquals(0, sum.credit(), "credit before the server subscribed");
            assertEquals(0, summer.received.get());

            summer.subscribeGate.countDown();
            sender.join(30_000);
            assertEquals(null, failure.get());
            assertEquals(200, sum.complete().key());
        }
        finally
        {
            summer.subscribeGate.countDown();
            executor.shutdownNow();
        }
    }

    @Test
    void shouldTellTheHandlerWhenTheClientCancels()
    {
        final SummerClient client = new SummerClient(rig.client(server(Transport.IPC)));
        final ClientStreamCall<LedgerEntryEncoder, LedgerResultDecoder> sum = client.sum();
        sum.item().key(1).amount(1);
        sum.send();
        sum.cancel();

        TestRig.await(() -> summer.ends.contains("CANCELLED"), 10_000, "the handler to hear the cancel");
        assertFalse(sum.send());
    }

    @Test
    void shouldEndTheClientsStreamWhenTheServerCancelsIt()
    {
        final SummerClient client = new SummerClient(rig.client(server(Transport.IPC)));
        final ClientStreamCall<LedgerEntryEncoder, LedgerResultDecoder> sum = client.sum();
        sum.item().key(1).amount(1);
        sum.send();
        TestRig.await(() -> 1 == summer.received.get(), 10_000, "the first item");

        summer.streams.get(0).cancel();

        final RpcException ex = assertThrows(RpcException.class, sum::complete);
        assertEquals(Status.CANCELLED, ex.status());
    }

    @Test
    void shouldTellTheHandlerWhenTheClientVanishes()
    {
        final RpcServer server = server(Transport.UDP);
        final Aeron clientAeron = rig.add(Aeron.connect(
            new Aeron.Context().aeronDirectoryName(rig.driver().aeronDirectoryName())));
        final RpcClient rpcClient = RpcClient.connect(rig.clientContext(server).aeron(clientAeron).invokerMode(true));
        final SummerClient client = new SummerClient(rpcClient);
        final ClientStreamCall<LedgerEntryEncoder, LedgerResultDecoder> sum = client.sum();
        sum.item().key(1).amount(1);
        sum.send();
        TestRig.await(() -> 1 == summer.received.get(), 10_000, "the first item");

        clientAeron.close();

        TestRig.await(() -> summer.ends.contains("UNAVAILABLE"), 10_000, "the handler to hear the client is gone");
        CloseHelper.quietClose(rpcClient);
    }

    @Test
    void shouldKeepSendingAfterTheServersHalfOfABidirectionalStreamEnds()
    {
        final DoublerClient client = new DoublerClient(rig.client(server(Transport.IPC)));
        final BidiStream<LedgerEntryEncoder, LedgerResultDecoder> twice = client.withWindow(16).withTimeout(java.time.Duration.ofNanos(TestRig.CALL_TIMEOUT_NS)).twice();
        twice.item().key(1).amount(999);
        twice.send();
        assertFalse(twice.hasNext(), "the server's half ended");

        for (int i = 0; i < 300; i++)
        {
            twice.item().key(i).amount(1);
            assertTrue(twice.send(), "item " + i);
        }
        twice.completeSending();

        TestRig.await(() -> doubler.ends.contains("completed"), 10_000, "the handler to see the client's end");
        assertEquals(301, doubler.received.get());
    }

    @Test
    void shouldCompleteAClientStreamOfNoItemsWhoseHandlerIsSlowToListen() throws Exception
    {
        final ExecutorService executor = Executors.newSingleThreadExecutor();
        try
        {
            summer.subscribeGate = new CountDownLatch(1);
            final RpcServer server = rig.server(rig.serverContext(Transport.IPC)
                .addService(new SummerStub(summer), executor));
            final SummerClient client = new SummerClient(rig.client(server));
            final ClientStreamCall<LedgerEntryEncoder, LedgerResultDecoder> sum = client.sum();
            final Thread opener = new Thread(() ->
            {
                TestRig.await(() -> 1 == summer.streams.size(), 10_000, "the handler to start");
                summer.subscribeGate.countDown();
            });
            opener.start();

            assertEquals(0, sum.complete().key());
            opener.join();
        }
        finally
        {
            summer.subscribeGate.countDown();
            executor.shutdownNow();
        }
    }

    @Test
    void shouldTellAHandlerThatListensLateThatTheClientCancelled() throws Exception
    {
        final ExecutorService executor = Executors.newSingleThreadExecutor();
        try
        {
            summer.subscribeGate = new CountDownLatch(1);
            final RpcServer server = rig.server(rig.serverContext(Transport.IPC)
                .addService(new SummerStub(summer), executor));
            final SummerClient client = new SummerClient(rig.client(server));
            final ClientStreamCall<LedgerEntryEncoder, LedgerResultDecoder> sum = client.sum();
            TestRig.await(() -> 1 == summer.streams.size(), 10_000, "the handler to start");
            sum.cancel();
            // The Cancel is on its way or arrived before the handler opened its stream; then it listens.
            Thread.sleep(50);
            summer.subscribeGate.countDown();

            TestRig.await(() -> summer.ends.contains("CANCELLED"), 10_000, "the late handler to hear the cancel");
        }
        finally
        {
            summer.subscribeGate.countDown();
            executor.shutdownNow();
        }
    }

    @Test
    void shouldEndABidirectionalStreamWithTheServersErrorMidStream()
    {
        final DoublerClient client = new DoublerClient(rig.client(server(Transport.IPC)));
        final BidiStream<LedgerEntryEncoder, LedgerResultDecoder> twice = client.withWindow(16).withTimeout(java.time.Duration.ofNanos(TestRig.CALL_TIMEOUT_NS)).twice();
        for (int i = 0; i < 5; i++)
        {
            twice.item().key(i).amount(i);
            twice.send();
            assertEquals(2L * i, twice.next().doubled());
        }
        twice.item().key(5).amount(-1);
        twice.send();

        final RpcException ex = assertThrows(RpcException.class, twice::hasNext);
        assertEquals(Status.INVALID_ARGUMENT, ex.status());
        assertEquals("negative amount at item 5", ex.description());
    }

    @Test
    void shouldEndAClientStreamWhoseDeadlinePasses() throws Exception
    {
        final ExecutorService executor = Executors.newSingleThreadExecutor();
        try
        {
            summer.subscribeGate = new CountDownLatch(1);
            final RpcServer server = rig.server(rig.serverContext(Transport.IPC)
                .addService(new SummerStub(summer), executor));
            final SummerClient client = new SummerClient(rig.client(server));
            final ClientStreamCall<LedgerEntryEncoder, LedgerResultDecoder> sum =
                client.withTimeout(java.time.Duration.ofNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(200))).sum();
            sum.item().key(1).amount(1);

            // The deadline passes while send() waits for credit (it throws), or first on the polling timer (the
            // stream has ended, so send() returns false); either way complete() reports it.
            boolean sent;
            try
            {
                sent = sum.send();
            }
            catch (final RpcException ex)
            {
                assertEquals(Status.DEADLINE_EXCEEDED, ex.status());
                sent = false;
            }
            assertFalse(sent);
            final RpcException ex = assertThrows(RpcException.class, sum::complete);
            assertEquals(Status.DEADLINE_EXCEEDED, ex.status());
        }
        finally
        {
            summer.subscribeGate.countDown();
            executor.shutdownNow();
        }
    }

    @Test
    void shouldFailAClientStreamWithUnavailableWhenTheServerGoes()
    {
        final RpcServer server = server(Transport.IPC);
        final SummerClient client = new SummerClient(rig.client(server, ctx -> ctx.reconnect(false)));
        final ClientStreamCall<LedgerEntryEncoder, LedgerResultDecoder> sum = client.sum();
        sum.item().key(1).amount(1);
        sum.send();
        server.close();

        final RpcException ex = assertThrows(RpcException.class, sum::complete);
        assertEquals(Status.UNAVAILABLE, ex.status());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldCarryBothHalvesOfABidirectionalStream(final Transport transport)
    {
        final DoublerClient client = new DoublerClient(rig.client(server(transport)));
        try (BidiStream<LedgerEntryEncoder, LedgerResultDecoder> twice = client.withWindow(16).withTimeout(java.time.Duration.ofNanos(TestRig.CALL_TIMEOUT_NS)).twice())
        {
            for (int i = 0; i < 500; i++)
            {
                twice.item().key(i).amount(i);
                assertTrue(twice.send());
                final LedgerResultDecoder back = twice.next();
                assertEquals(i, back.key());
                assertEquals(2L * i, back.doubled());
                assertEquals(i, twice.lastSequence());
            }
            twice.completeSending();
            assertFalse(twice.hasNext(), "the server completes its half when the client completes its own");
        }
    }
}
