package dev.aeronrpc;

import dev.aeronrpc.client.ResponseListener;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.server.RpcServer;
import dev.aeronrpc.test.TestRig;
import dev.aeronrpc.test.TestRig.Transport;
import dev.aeronrpc.test.TestServices.EchoService;
import dev.aeronrpc.test.TestServices.ProbeService;
import dev.aeronrpc.test.api.BlobEncoder;
import dev.aeronrpc.test.api.EchoClient;
import dev.aeronrpc.test.api.EchoReplyDecoder;
import dev.aeronrpc.test.api.EchoRequestEncoder;
import dev.aeronrpc.test.api.EchoStub;
import dev.aeronrpc.test.api.ProbeClient;
import dev.aeronrpc.test.api.ProbeStub;
import dev.aeronrpc.test.api.SizeRequestDecoder;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unary calls end to end over a real media driver, on IPC and on UDP: blocking, asynchronous, from many threads
 * and many clients, and with messages larger than one Aeron frame.
 */
@Timeout(60)
class UnaryCallTest
{
    private final TestRig rig = new TestRig();
    private final EchoService echo = new EchoService();
    private final ProbeService probe = new ProbeService();

    @AfterEach
    void after()
    {
        rig.close();
    }

    private RpcServer server(final Transport transport)
    {
        return rig.server(rig.serverContext(transport)
            .addService(new EchoStub(echo))
            .addService(new ProbeStub(probe)));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldAnswerBlockingCalls(final Transport transport)
    {
        final RpcServer server = server(transport);
        final EchoClient client = new EchoClient(rig.client(server));

        for (int i = 0; i < 1000; i++)
        {
            final EchoReplyDecoder reply = client.echo(client.echoRequest().value(i).text("call " + i));
            assertEquals(i, reply.value());
            assertEquals("call " + i, reply.text());
        }
        assertEquals(1000, echo.calls.get());
        assertTrue(rig.errors().isEmpty(), rig.errors()::toString);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldAnswerAsynchronousCallsOnce(final Transport transport)
    {
        final RpcServer server = server(transport);
        final EchoClient client = new EchoClient(rig.client(server));
        final int calls = 2000;
        final long[] values = new long[calls];
        final AtomicInteger completed = new AtomicInteger();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

        final ResponseListener<EchoReplyDecoder> listener = new ResponseListener<>()
        {
            public void onResponse(final EchoReplyDecoder response)
            {
                values[(int)response.value()]++;
                completed.incrementAndGet();
            }

            public void onError(final Status status, final String message)
            {
                failures.add(status + " " + message);
                completed.incrementAndGet();
            }
        };

        for (int i = 0; i < calls; i++)
        {
            client.echoAsync(client.echoRequest().value(i).text(""), listener);
        }

        TestRig.await(() -> completed.get() == calls, 30_000, "all asynchronous calls to complete");
        assertTrue(failures.isEmpty(), failures::toString);
        for (int i = 0; i < calls; i++)
        {
            assertEquals(1, values[i], "answers to call " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldServeManyThreadsOfManyClientsAtOnce(final Transport transport) throws Exception
    {
        final RpcServer server = server(transport);
        final int clients = 3;
        final int threadsPerClient = 4;
        final int callsPerThread = 300;
        final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        final List<Thread> threads = new ArrayList<>();

        for (int c = 0; c < clients; c++)
        {
            final EchoClient client = new EchoClient(rig.client(server));
            for (int t = 0; t < threadsPerClient; t++)
            {
                final long base = (c * threadsPerClient + t) * 1_000_000L;
                threads.add(new Thread(() ->
                {
                    try
                    {
                        for (int i = 0; i < callsPerThread; i++)
                        {
                            final String text = "t" + base + "-" + i;
                            final EchoReplyDecoder reply = client.echo(client.echoRequest().value(base + i).text(text));
                            assertEquals(base + i, reply.value());
                            assertEquals(text, reply.text());
                        }
                    }
                    catch (final Throwable ex)
                    {
                        failures.add(ex);
                    }
                }));
            }
        }

        threads.forEach(Thread::start);
        for (final Thread thread : threads)
        {
            thread.join();
        }

        assertTrue(failures.isEmpty(), failures::toString);
        assertEquals(clients * threadsPerClient * callsPerThread, echo.calls.get());
        assertEquals(clients, server.sessionCount());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldCarryMessagesLargerThanOneFrameBothWays(final Transport transport)
    {
        final RpcServer server = server(transport);
        final ProbeClient client = new ProbeClient(rig.client(server));

        final int size = 200 * 1024;
        assertEquals(size, client.blob(client.blobRequest().size(size)).bytesLength());

        final BlobEncoder upload = client.uploadRequest();
        upload.putBytes(new byte[size], 0, size);
        final SizeRequestDecoder answer = client.upload(upload);
        assertEquals(size, answer.size());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldGiveEachClientItsOwnSession(final Transport transport)
    {
        final RpcServer server = server(transport);
        final RpcClient first = rig.client(server);
        final RpcClient second = rig.client(server);

        assertNotEquals(first.sessionId(), second.sessionId());
        assertNotEquals(first.clientId(), second.clientId());
        assertEquals(7, new EchoClient(first).echo(new EchoClient(first).echoRequest().value(7).text("a")).value());
        assertEquals(2, server.sessionCount());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldSendARequestEncodedInTheCallersOwnBuffer(final Transport transport)
    {
        final RpcServer server = server(transport);
        final EchoClient client = new EchoClient(rig.client(server));

        final EchoRequestEncoder request = new EchoRequestEncoder();
        request.wrap(new ExpandableArrayBuffer(64), 3).value(42).text("elsewhere");

        final EchoReplyDecoder reply = client.echo(request);
        assertEquals(42, reply.value());
        assertEquals("elsewhere", reply.text());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldRunInInvokerModeOnTheCallersThreads(final Transport transport) throws Exception
    {
        final RpcServer server = rig.server(rig.serverContext(transport)
            .addService(new EchoStub(echo))
            .invokerMode(true));
        final Thread serverThread = new Thread(() ->
        {
            while (!Thread.currentThread().isInterrupted())
            {
                if (0 == server.poll())
                {
                    Thread.onSpinWait();
                }
            }
        });
        serverThread.start();
        try
        {
            final RpcClient rpcClient = RpcClient.connect(rig.clientContext(server).invokerMode(true));
            rig.add(rpcClient);
            final EchoClient client = new EchoClient(rpcClient);
            assertEquals(5, client.echo(client.echoRequest().value(5).text("x")).value());

            final AtomicInteger answered = new AtomicInteger();
            client.echoAsync(client.echoRequest().value(6).text("y"), new ResponseListener<>()
            {
                public void onResponse(final EchoReplyDecoder response)
                {
                    answered.set((int)response.value());
                }

                public void onError(final Status status, final String message)
                {
                    answered.set(-1);
                }
            });
            TestRig.await(() -> rpcClient.poll() >= 0 && answered.get() != 0, 10_000, "the asynchronous answer");
            assertEquals(6, answered.get());
        }
        finally
        {
            serverThread.interrupt();
            serverThread.join();
        }
    }
}
