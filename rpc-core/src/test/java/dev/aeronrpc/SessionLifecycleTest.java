package dev.aeronrpc;

import dev.aeronrpc.client.ResponseListener;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.RpcMediaDriver;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.server.RpcServer;
import dev.aeronrpc.server.SessionListener;
import dev.aeronrpc.test.TestRig;
import dev.aeronrpc.test.TestRig.Transport;
import dev.aeronrpc.test.TestServices.EchoService;
import dev.aeronrpc.test.TestServices.ProbeService;
import dev.aeronrpc.test.api.EchoClient;
import dev.aeronrpc.test.api.EchoStub;
import dev.aeronrpc.test.api.EmptyDecoder;
import dev.aeronrpc.test.api.ProbeClient;
import dev.aeronrpc.test.api.ProbeStub;
import io.aeron.Aeron;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions from connect to their end, clean or not: a client that vanishes has its session freed, a server that
 * vanishes fails its clients' calls with UNAVAILABLE within the peer timeout, and nothing waits forever.
 */
@Timeout(60)
class SessionLifecycleTest
{
    private final TestRig rig = new TestRig();
    private final ConcurrentLinkedQueue<String> sessionEvents = new ConcurrentLinkedQueue<>();
    private final SessionListener listener = new SessionListener()
    {
        public void onSessionOpened(final long sessionId, final long clientId)
        {
            sessionEvents.add("opened " + clientId);
        }

        public void onSessionClosed(final long sessionId, final long clientId, final Status status, final String reason)
        {
            sessionEvents.add("closed " + clientId + " " + status + " " + reason);
        }
    };

    @AfterEach
    void after()
    {
        rig.close();
    }

    private RpcServer server(final Transport transport)
    {
        return rig.server(rig.serverContext(transport)
            .addService(new EchoStub(new EchoService()))
            .addService(new ProbeStub(new ProbeService()))
            .sessionListener(listener));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldFreeTheSessionOfAClientThatDisconnects(final Transport transport)
    {
        final RpcServer server = server(transport);
        final RpcClient client = RpcClient.connect(rig.clientContext(server).clientId(11));
        TestRig.await(() -> 1 == server.sessionCount(), 10_000, "the session to open");
        client.close();

        TestRig.await(() -> 0 == server.sessionCount(), 10_000, "the session to close");
        TestRig.await(() -> sessionEvents.contains("closed 11 OK null"), 10_000, "a clean close");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldFreeTheSessionOfAClientThatVanishes(final Transport transport)
    {
        final RpcServer server = server(transport);
        final Aeron clientAeron = rig.add(Aeron.connect(
            new Aeron.Context().aeronDirectoryName(rig.driver().aeronDirectoryName())));
        final RpcClient client = RpcClient.connect(
            rig.clientContext(server).aeron(clientAeron).invokerMode(true).clientId(12));
        TestRig.await(() -> 1 == server.sessionCount(), 10_000, "the session to open");

        // The process dies without a goodbye: its Aeron client goes, and with it the publication.
        clientAeron.close();

        TestRig.await(() -> 0 == server.sessionCount(), 10_000, "the server to free the session");
        TestRig.await(() -> sessionEvents.stream().anyMatch(e -> e.startsWith("closed 12 UNAVAILABLE")), 10_000,
            "the listener to hear the session end: " + sessionEvents);
        CloseHelper.quietClose(client);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldFailPendingCallsWhenTheServerStopsAnswering(final Transport transport)
    {
        final RpcServer server = server(transport);
        final ProbeClient client = new ProbeClient(rig.client(server));

        // The handler runs on the poll thread and blocks it for longer than the peer timeout: the server goes
        // silent, as a hung or dead process would.
        final long startNs = System.nanoTime();
        final RpcException ex = assertThrows(RpcException.class,
            () -> client.withTimeout(java.time.Duration.ofNanos(TimeUnit.SECONDS.toNanos(30))).sleep(client.sleepRequest().millis(3 * TestRig.PEER_TIMEOUT_NS / 1_000_000)));
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);

        assertEquals(Status.UNAVAILABLE, ex.status());
        assertTrue(ex.description().startsWith("no word from the server"), ex.description());
        assertTrue(elapsedMs < 3 * TestRig.PEER_TIMEOUT_NS / 1_000_000, "failed after " + elapsedMs + " ms");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldFailPendingAndNewCallsWhenTheServerShutsDown(final Transport transport) throws Exception
    {
        final ExecutorService executor = Executors.newSingleThreadExecutor();
        try
        {
            final RpcServer server = rig.server(rig.serverContext(transport)
                .addService(new EchoStub(new EchoService()))
                .addService(new ProbeStub(new ProbeService()), executor));
            final RpcClient rpcClient = rig.client(server);
            final ProbeClient client = new ProbeClient(rpcClient);
            final AtomicReference<String> outcome = new AtomicReference<>();
            client.sleepAsync(client.sleepRequest().millis(5_000), new ResponseListener<>()
            {
                public void onResponse(final EmptyDecoder response)
                {
                    outcome.set("OK");
                }

                public void onError(final Status status, final String message)
                {
                    outcome.set(status + ": " + message);
                }
            });
            TestRig.await(() -> 1 == rpcClient.inflightCalls(), 10_000, "the call to be in flight");

            server.close();

            TestRig.await(() -> null != outcome.get(), 10_000, "the pending call to fail");
            assertTrue(outcome.get().startsWith("UNAVAILABLE"), outcome.get());
            assertFalse(rpcClient.isConnected());
            final EchoClient echo = new EchoClient(rpcClient);
            final RpcException ex = assertThrows(RpcException.class, () -> echo.echo(echo.echoRequest().value(1).text("")));
            assertEquals(Status.UNAVAILABLE, ex.status());
        }
        finally
        {
            executor.shutdownNow();
        }
    }

    @Test
    void shouldFailCallsWhenTheServersMediaDriverDies()
    {
        // The server runs on a driver of its own, over UDP, as on another host; then that whole host goes.
        final RpcMediaDriver serverDriver = TestRig.launchDriver();
        try
        {
            final RpcServer server = RpcServer.launch(rig.serverContext(Transport.UDP)
                .aeronDirectoryName(serverDriver.aeronDirectoryName())
                .addService(new EchoStub(new EchoService())));
            final RpcClient rpcClient = rig.client(server);
            final EchoClient echo = new EchoClient(rpcClient);
            assertEquals(1, echo.echo(echo.echoRequest().value(1).text("")).value());

            server.context().aeron().close();
            serverDriver.close();

            TestRig.await(() -> !rpcClient.isConnected(), 10_000, "the client to notice the server is gone");
            final RpcException ex = assertThrows(RpcException.class, () -> echo.echo(echo.echoRequest().value(2).text("")));
            assertEquals(Status.UNAVAILABLE, ex.status());
            CloseHelper.quietClose(server);
        }
        finally
        {
            serverDriver.close();
        }
    }

    @Test
    void shouldFailToConnectWhenNoServerListens()
    {
        final RpcServer server = server(Transport.UDP);
        final RpcClient.Context ctx = rig.clientContext(server)
            .requestChannel("aeron:udp?endpoint=localhost:9")
            .connectTimeoutNs(TimeUnit.MILLISECONDS.toNanos(500));

        final RpcException ex = assertThrows(RpcException.class, () -> RpcClient.connect(ctx));
        assertEquals(Status.UNAVAILABLE, ex.status());
        assertTrue(ex.description().startsWith("no server is listening on aeron:udp?endpoint=localhost:9"),
            ex.description());
    }

    @Test
    void shouldRefuseAClientBeyondMaxSessions()
    {
        final RpcServer server = rig.server(rig.serverContext(Transport.IPC)
            .addService(new EchoStub(new EchoService()))
            .maxSessions(1));
        rig.client(server);

        final RpcException ex = assertThrows(RpcException.class, () -> rig.client(server));
        assertEquals(Status.RESOURCE_EXHAUSTED, ex.status());
        assertTrue(ex.description().contains("maximum of 1 sessions"), ex.description());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldKeepServingWhileAHandlerBlocksOnItsExecutor(final Transport transport) throws Exception
    {
        final ExecutorService executor = Executors.newFixedThreadPool(2);
        try
        {
            final RpcServer server = rig.server(rig.serverContext(transport)
                .addService(new EchoStub(new EchoService()))
                .addService(new ProbeStub(new ProbeService()), executor));
            final RpcClient rpcClient = rig.client(server);
            final ProbeClient probe = new ProbeClient(rpcClient);
            final AtomicReference<String> slow = new AtomicReference<>();
            probe.sleepAsync(probe.sleepRequest().millis(2_000), new ResponseListener<>()
            {
                public void onResponse(final EmptyDecoder response)
                {
                    slow.set("OK");
                }

                public void onError(final Status status, final String message)
                {
                    slow.set(status + ": " + message);
                }
            });

            final EchoClient echo = new EchoClient(rpcClient);
            for (int i = 0; i < 20; i++)
            {
                assertEquals(i, echo.echo(echo.echoRequest().value(i).text("")).value());
            }
            assertNull(slow.get(), "the blocking handler finished before the quick calls");

            TestRig.await(() -> null != slow.get(), 10_000, "the blocking handler to answer");
            assertEquals("OK", slow.get());
        }
        finally
        {
            executor.shutdownNow();
        }
    }
}
