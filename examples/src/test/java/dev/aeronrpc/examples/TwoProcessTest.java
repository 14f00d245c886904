package dev.aeronrpc.examples;

import dev.aeronrpc.client.ResponseListener;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.Delivery;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.RpcMediaDriver;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.examples.api.EchoClient;
import dev.aeronrpc.examples.api.EchoReplyDecoder;
import dev.aeronrpc.examples.api.EchoStub;
import dev.aeronrpc.server.RpcServer;
import dev.aeronrpc.server.SessionListener;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example server and client as separate processes: each with its own embedded driver over UDP, sharing a
 * standalone driver over IPC, and a process killed without warning on either side.
 */
@Timeout(120)
class TwoProcessTest
{
    private static final String[] FAST_LIVENESS = {
        "-Daeron.rpc.heartbeat.interval=100ms", "-Daeron.rpc.peer.timeout=1s"};

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<File> aeronDirs = new ArrayList<>();

    @AfterEach
    void after()
    {
        java.util.Collections.reverse(closeables);
        CloseHelper.closeAll(closeables);
        aeronDirs.forEach(dir -> IoUtil.delete(dir, true));
    }

    private ChildProcess start(final String name, final Class<?> mainClass, final String... properties)
    {
        final List<String> all = new ArrayList<>(List.of(FAST_LIVENESS));
        all.addAll(List.of(properties));
        final ChildProcess process = ChildProcess.start(name, mainClass, all.toArray(new String[0]));
        closeables.add(process);
        return process;
    }

    private String standaloneDriverDir()
    {
        final File dir = new File("/dev/shm/aeron-rpc-test-" + UUID.randomUUID());
        aeronDirs.add(dir);
        return dir.getAbsolutePath();
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    @Test
    void shouldServeAClientProcessOverUdpWithADriverInEachProcess() throws Exception
    {
        final String channel = "-Daeron.rpc.channel=aeron:udp?endpoint=localhost:" + freeUdpPort();
        final ChildProcess server = start("server", ServerMain.class, channel);
        server.awaitLine("server listening on", 30_000);

        final ChildProcess client = start("client", ClientMain.class, channel);
        assertEquals(0, client.awaitExit(60_000), client.output());
        assertTrue(client.output().contains("0 failed unexpectedly"), client.output());

        server.awaitLine("the client disconnected", 10_000);
        final String serverLine = server.output().lines().filter(l -> l.startsWith("server listening")).findFirst().get();
        final File serverDriverDir = new File(serverLine.replaceAll(".* at (\\S+); Ctrl-C to stop", "$1"));
        assertTrue(serverDriverDir.exists(), serverDriverDir.toString());

        server.stop();
        assertFalse(serverDriverDir.exists(), "the server's embedded driver directory after SIGTERM");
    }

    @Test
    void shouldServeAClientProcessOverIpcThroughAStandaloneDriver() throws Exception
    {
        final String aeronDir = "-Daeron.dir=" + standaloneDriverDir();
        final ChildProcess driver = start("driver", DriverMain.class, aeronDir);
        driver.awaitLine("media driver running", 30_000);

        final ChildProcess server = start("server", ServerMain.class, aeronDir, "-Daeron.rpc.channel=aeron:ipc");
        server.awaitLine("server listening on aeron:ipc", 30_000);

        final ChildProcess client = start("client", ClientMain.class, aeronDir, "-Daeron.rpc.channel=aeron:ipc");
        assertEquals(0, client.awaitExit(60_000), client.output());
        assertTrue(client.output().contains("0 failed unexpectedly"), client.output());

        server.stop();
        driver.stop();
    }

    @Test
    void shouldFailOrRetryCallsWhenTheServerProcessIsKilledAndReplaced() throws Exception
    {
        // The server process shares a standalone driver, which outlives it: only the server dies.
        final int port = freeUdpPort();
        final String aeronDir = "-Daeron.dir=" + standaloneDriverDir();
        final ChildProcess driver = start("driver", DriverMain.class, aeronDir);
        driver.awaitLine("media driver running", 30_000);
        final ChildProcess server = start("server", ServerMain.class,
            "-Daeron.rpc.channel=aeron:udp?endpoint=localhost:" + port, aeronDir);
        server.awaitLine("server listening on", 30_000);

        final RpcMediaDriver clientDriver = RpcMediaDriver.launch();
        closeables.add(clientDriver);
        final RpcClient rpcClient = RpcClient.connect(new RpcClient.Context()
            .aeronDirectoryName(clientDriver.aeronDirectoryName())
            .requestChannel("aeron:udp?endpoint=localhost:" + port)
            .heartbeatIntervalNs(TimeUnit.MILLISECONDS.toNanos(100))
            .peerTimeoutNs(TimeUnit.SECONDS.toNanos(1))
            .callTimeoutNs(TimeUnit.SECONDS.toNanos(30)));
        closeables.add(rpcClient);
        final EchoClient echo = new EchoClient(rpcClient);
        assertEquals("before", echo.echo(echo.echoRequest().text("before")).text());

        server.kill();
        final AtomicReference<String> outcome = new AtomicReference<>();
        // Echo is at-least-once; this call gives up retries, so the lost server must end it with UNAVAILABLE.
        final EchoClient noRetries = echo.withTimeout(Duration.ofSeconds(30)).withDelivery(Delivery.AT_MOST_ONCE);
        noRetries.echoAsync(noRetries.echoRequest().text("into the void"), new ResponseListener<>()
        {
            public void onResponse(final EchoReplyDecoder response)
            {
                outcome.set("OK");
            }

            public void onError(final Status status, final String message)
            {
                outcome.set(status.name() + ": " + message);
            }
        });

        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((null == outcome.get() || rpcClient.isConnected()) && System.nanoTime() < deadlineNs)
        {
            Thread.sleep(5);
        }
        assertTrue(null != outcome.get() && outcome.get().startsWith("UNAVAILABLE"),
            "the call in flight when the server died: " + outcome.get());
        assertFalse(rpcClient.isConnected(), outcome.get());
        final RpcException ex = assertThrows(RpcException.class, () -> noRetries.echo(
            noRetries.echoRequest().text("after")));
        assertEquals(Status.UNAVAILABLE, ex.status());

        // A new server process on the same endpoint: the client reconnects by itself, and a retrying call made
        // while no server was there goes through.
        final ChildProcess replacement = start("replacement", ServerMain.class,
            "-Daeron.rpc.channel=aeron:udp?endpoint=localhost:" + port, aeronDir);
        replacement.awaitLine("server listening on", 30_000);
        assertEquals("after the restart", echo.echo(echo.echoRequest().text("after the restart")).text());
        assertTrue(rpcClient.counters().reconnects() >= 1, rpcClient.counters().toString());
        replacement.stop();
        driver.stop();
    }

    @Test
    void shouldCarryOnAfterTheClientProcessWasFrozenPastAeronsTimeouts() throws Exception
    {
        final int port = freeUdpPort();
        final String channel = "-Daeron.rpc.channel=aeron:udp?endpoint=localhost:" + port;
        final ChildProcess server = start("server", ServerMain.class, channel);
        server.awaitLine("server listening on", 30_000);
        // The client's own embedded driver times clients out after 2 s, so its Aeron client, frozen longer than
        // that, finds itself closed when it wakes (service interval exceeded), as after a 20 s pause by default.
        final ChildProcess client = start("client", CallingClientMain.class, channel,
            "-Daeron.client.liveness.timeout=2s");
        client.awaitLine("ok 3", 30_000);

        client.pause();
        Thread.sleep(5_000);
        final long before = client.countLines("ok ");
        client.resume();

        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (client.countLines("ok ") < before + 10)
        {
            assertTrue(System.nanoTime() - deadlineNs < 0,
                "the client did not carry on after it was frozen; it printed:\n" + client.output());
            Thread.sleep(10);
        }
        assertTrue(client.countLines("reconnects ") > 0, "it carried on through a new session:\n" + client.output());
        client.stop();
        server.stop();
    }

    @Test
    void shouldFreeTheSessionOfAClientProcessThatIsKilled() throws Exception
    {
        final int port = freeUdpPort();
        final ConcurrentLinkedQueue<String> closed = new ConcurrentLinkedQueue<>();
        final RpcServer server = RpcServer.launch(new RpcServer.Context()
            .channel("aeron:udp?endpoint=localhost:" + port)
            .heartbeatIntervalNs(TimeUnit.MILLISECONDS.toNanos(100))
            .peerTimeoutNs(TimeUnit.SECONDS.toNanos(1))
            .addService(new EchoStub(new EchoService()))
            .sessionListener(new SessionListener()
            {
                public void onSessionClosed(final long sessionId, final long clientId, final Status status, final String reason)
                {
                    closed.add(status + " " + reason);
                }
            }));
        closeables.add(server);

        final ChildProcess client = start("client", LingeringClientMain.class,
            "-Daeron.rpc.channel=aeron:udp?endpoint=localhost:" + port, "-Dtest.driver.dir=" + standaloneDriverDir());
        client.awaitLine("connected as client", 30_000);
        assertEquals(1, server.sessionCount());

        client.kill();

        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (0 != server.sessionCount() && System.nanoTime() < deadlineNs)
        {
            Thread.sleep(5);
        }
        assertEquals(0, server.sessionCount(), "sessions after the client was killed");
        assertTrue(closed.stream().anyMatch(event -> event.startsWith("UNAVAILABLE")), closed::toString);
    }
}
