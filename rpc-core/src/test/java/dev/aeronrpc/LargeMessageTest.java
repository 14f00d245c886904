package dev.aeronrpc;

import dev.aeronrpc.client.ClientStream;
import dev.aeronrpc.client.ResponseListener;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.server.RpcServer;
import dev.aeronrpc.test.TestRig;
import dev.aeronrpc.test.TestRig.Transport;
import dev.aeronrpc.test.TestServices.EchoService;
import dev.aeronrpc.test.TestServices.ProbeService;
import dev.aeronrpc.test.api.BlobDecoder;
import dev.aeronrpc.test.api.BlobEncoder;
import dev.aeronrpc.test.api.EchoClient;
import dev.aeronrpc.test.api.EchoReplyDecoder;
import dev.aeronrpc.test.api.EchoStub;
import dev.aeronrpc.test.api.ProbeClient;
import dev.aeronrpc.test.api.ProbeStub;
import dev.aeronrpc.test.api.SizeRequestDecoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages of any practical size under the default limits: gRPC's large-unary sizes in one piece, 10 MiB and
 * 64 MiB requests, answers and stream items in chunks, small calls answered while a large one is under way, and
 * memory held to its budget.
 */
@Timeout(180)
class LargeMessageTest
{
    private static final int MIB = 1024 * 1024;
    private static final int LARGE = 64 * MIB - 4096;
    /**
     * An echo handler runs on the server's poll thread and copies up to 64 MiB twice; on a loaded 2-core machine
     * that keeps the server silent for longer than the rig's 1 s peer timeout, which is about liveness, not size.
     */
    private static final long PEER_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private final TestRig rig = new TestRig();

    @AfterEach
    void after()
    {
        rig.close();
    }

    private RpcServer server(final Transport transport)
    {
        return rig.server(rig.serverContext(transport)
            .peerTimeoutNs(PEER_TIMEOUT_NS)
            .addService(new EchoStub(new EchoService()))
            .addService(new ProbeStub(new ProbeService())));
    }

    private RpcClient client(final RpcServer server)
    {
        return rig.client(server, ctx -> ctx.peerTimeoutNs(PEER_TIMEOUT_NS));
    }

    private static String text(final int length, final int seed)
    {
        final char[] chars = new char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = (char)('a' + (i * 31 + seed) % 26);
        }
        return new String(chars);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldCarryGrpcLargeUnarySizesUnderTheDefaults(final Transport transport)
    {
        final ProbeClient probes = new ProbeClient(client(server(transport)));
        final BlobEncoder upload = probes.uploadRequest();
        upload.putBytes(new byte[271_828], 0, 271_828);
        assertEquals(271_828, probes.upload(upload).size());
        assertEquals(314_159, probes.blob(probes.blobRequest().size(314_159)).bytesLength());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldCarryAThousandLargeUnaryCallsFromEightThreadsAndAsynchronously(final Transport transport)
        throws Exception
    {
        final ProbeClient probes = new ProbeClient(client(server(transport))).withTimeout(Duration.ofSeconds(60));
        final byte[] bytes = new byte[271_828];
        final ExecutorService threads = Executors.newFixedThreadPool(8);
        try
        {
            final List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++)
            {
                results.add(threads.submit(() ->
                {
                    int ok = 0;
                    for (int i = 0; i < 63; i++)
                    {
                        final BlobEncoder upload = probes.uploadRequest();
                        upload.putBytes(bytes, 0, bytes.length);
                        ok += probes.upload(upload).size() == bytes.length ? 1 : 0;
                        ok += probes.blob(probes.blobRequest().size(314_159)).bytesLength() == 314_159 ? 1 : 0;
                    }
                    return ok;
                }));
            }
            int ok = 0;
            for (final Future<Integer> result : results)
            {
                ok += result.get();
            }
            assertEquals(8 * 63 * 2, ok);
        }
        finally
        {
            threads.shutdownNow();
        }

        final CountDownLatch done = new CountDownLatch(1000);
        final AtomicInteger ok = new AtomicInteger();
        final ConcurrentHashMap<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        for (int i = 0; i < 1000; i++)
        {
            probes.blobAsync(probes.blobRequest().size(314_159), new ResponseListener<>()
            {
                public void onResponse(final BlobDecoder response)
                {
                    if (314_159 == response.bytesLength())
                    {
                        ok.incrementAndGet();
                    }
                    done.countDown();
                }

                public void onError(final Status status, final String message)
                {
                    failures.computeIfAbsent(status + " " + message, k -> new AtomicInteger()).incrementAndGet();
                    done.countDown();
                }
            });
        }
        assertTrue(done.await(120, TimeUnit.SECONDS), "every asynchronous call to end");
        assertEquals(1000, ok.get(), "failures: " + failures);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldCarryTenAndSixtyFourMebibyteRequestsAndAnswersInChunks(final Transport transport)
    {
        final EchoClient echo = new EchoClient(client(server(transport))).withTimeout(Duration.ofSeconds(120));
        for (final int length : new int[]{10 * MIB, LARGE})
        {
            final String text = text(length, length);
            final EchoReplyDecoder reply = echo.echo(echo.echoRequest().value(length).text(text));
            assertEquals(length, reply.value());
            assertEquals(text, reply.text(), "the answer's bytes as sent, for " + length);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldCarryLargeStreamItemsInChunks(final Transport transport)
    {
        final ProbeClient probes = new ProbeClient(client(server(transport)));
        try (ClientStream<BlobDecoder> blobs = probes.blobs(probes.blobsRequest().size(10 * MIB)))
        {
            int items = 0;
            while (blobs.hasNext())
            {
                assertEquals(10 * MIB, blobs.next().bytesLength());
                items++;
            }
            assertEquals(3, items);
            assertEquals(Status.OK, blobs.status());
        }
    }

    @Test
    void shouldAnswerSmallCallsWhileALargeOneIsUnderWay() throws Exception
    {
        final RpcClient client = client(server(Transport.UDP));
        final EchoClient echo = new EchoClient(client).withTimeout(Duration.ofSeconds(120));
        final AtomicBoolean largeDone = new AtomicBoolean();
        final AtomicInteger smallDuringLarge = new AtomicInteger();
        final CountDownLatch smallStarted = new CountDownLatch(1);
        final Thread small = new Thread(() ->
        {
            final EchoClient smallEcho = new EchoClient(client);
            while (!largeDone.get())
            {
                smallEcho.echo(smallEcho.echoRequest().value(1).text("small"));
                smallStarted.countDown();
                if (!largeDone.get())
                {
                    smallDuringLarge.incrementAndGet();
                }
            }
        });
        small.start();
        try
        {
            assertTrue(smallStarted.await(10, TimeUnit.SECONDS));
            for (int i = 0; i < 3; i++)
            {
                final String text = text(LARGE, i);
                assertEquals(text, echo.echo(echo.echoRequest().value(i).text(text)).text());
            }
        }
        finally
        {
            largeDone.set(true);
            small.join(30_000);
        }
        assertTrue(smallDuringLarge.get() > 0, "small calls complete while large ones are in progress");
    }

    @Test
    void shouldRefuseLargeCallsBeyondTheChunkingBudgetAndServeTheRest() throws Exception
    {
        final RpcServer server = rig.server(rig.serverContext(Transport.IPC)
            .maxChunkedBytesPerPeer(3L * 10 * MIB)
            .addService(new ProbeStub(new ProbeService())));
        final ProbeClient probes = new ProbeClient(client(server)).withTimeout(Duration.ofSeconds(120));
        final byte[] bytes = new byte[10 * MIB];
        final CountDownLatch done = new CountDownLatch(16);
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger exhausted = new AtomicInteger();
        final ConcurrentHashMap<String, AtomicInteger> other = new ConcurrentHashMap<>();
        final ExecutorService threads = Executors.newFixedThreadPool(8);
        try
        {
            for (int i = 0; i < 16; i++)
            {
                threads.submit(() ->
                {
                    try
                    {
                        final BlobEncoder upload = probes.uploadRequest();
                        upload.putBytes(bytes, 0, bytes.length);
                        if (probes.upload(upload).size() == bytes.length)
                        {
                            ok.incrementAndGet();
                        }
                    }
                    catch (final RpcException ex)
                    {
                        if (Status.RESOURCE_EXHAUSTED == ex.status())
                        {
                            exhausted.incrementAndGet();
                        }
                        else
                        {
                            other.computeIfAbsent(ex.status() + " " + ex.description(), k -> new AtomicInteger())
                                .incrementAndGet();
                        }
                    }
                    done.countDown();
                });
            }
            assertTrue(done.await(150, TimeUnit.SECONDS), "every call to end");
        }
        finally
        {
            threads.shutdownNow();
        }
        assertEquals(16, ok.get() + exhausted.get(), "only OK or RESOURCE_EXHAUSTED: " + other);
        assertTrue(ok.get() > 0, "some calls fit the budget");
        final SizeRequestDecoder after = probes.upload(probes.uploadRequest().putBytes(bytes, 0, 1000));
        assertEquals(1000, after.size(), "the budget is freed once the calls end");
    }
}
