package dev.aeronrpc.test;

import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.RpcMediaDriver;
import dev.aeronrpc.faults.FaultyNetwork;
import dev.aeronrpc.server.RpcServer;
import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * One test's world: an embedded media driver in a directory of its own (deleted on close), servers and clients on
 * it with short heartbeats and sleeping idle strategies, and everything closed in reverse order at the end.
 */
public final class TestRig implements AutoCloseable
{
    public static final long HEARTBEAT_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);
    public static final long PEER_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(1000);
    public static final long CALL_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    /** The transports every call path is tested on. */
    public enum Transport
    {
        IPC("aeron:ipc"),
        UDP("aeron:udp?endpoint=localhost:0");

        private final String serverChannel;

        Transport(final String serverChannel)
        {
            this.serverChannel = serverChannel;
        }

        public String serverChannel()
        {
            return serverChannel;
        }
    }

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final RpcMediaDriver driver;

    public TestRig()
    {
        driver = launchDriver();
    }

    /**
     * A rig whose driver passes its UDP traffic through a faulty network, with Aeron's own liveness timeouts
     * shortened so that a blackout ends images within a second or two.
     */
    public TestRig(final FaultyNetwork network)
    {
        driver = RpcMediaDriver.launch(network.apply(RpcMediaDriver.defaultContext()
            .sharedIdleStrategy(idleStrategy())
            .imageLivenessTimeoutNs(TimeUnit.MILLISECONDS.toNanos(500))
            .publicationConnectionTimeoutNs(TimeUnit.MILLISECONDS.toNanos(500))
            .statusMessageTimeoutNs(TimeUnit.MILLISECONDS.toNanos(100))
            .timerIntervalNs(TimeUnit.MILLISECONDS.toNanos(100))));
    }

    public static RpcMediaDriver launchDriver()
    {
        return RpcMediaDriver.launch(RpcMediaDriver.defaultContext().sharedIdleStrategy(idleStrategy()));
    }

    public static IdleStrategy idleStrategy()
    {
        return new SleepingIdleStrategy(TimeUnit.MICROSECONDS.toNanos(100));
    }

    public RpcMediaDriver driver()
    {
        return driver;
    }

    /** Errors reported to the error handlers of this rig's servers and clients. */
    public List<Throwable> errors()
    {
        return errors;
    }

    public RpcServer.Context serverContext(final Transport transport)
    {
        return new RpcServer.Context()
            .aeronDirectoryName(driver.aeronDirectoryName())
            .channel(transport.serverChannel())
            .heartbeatIntervalNs(HEARTBEAT_INTERVAL_NS)
            .peerTimeoutNs(PEER_TIMEOUT_NS)
            .idleStrategySupplier(TestRig::idleStrategy)
            .errorHandler(errors::add);
    }

    public RpcServer server(final RpcServer.Context ctx)
    {
        return add(RpcServer.launch(ctx));
    }

    public RpcClient.Context clientContext(final RpcServer server)
    {
        return new RpcClient.Context()
            .aeronDirectoryName(driver.aeronDirectoryName())
            .requestChannel(server.channel())
            .requestStreamId(server.context().streamId())
            .heartbeatIntervalNs(HEARTBEAT_INTERVAL_NS)
            .peerTimeoutNs(PEER_TIMEOUT_NS)
            .callTimeoutNs(CALL_TIMEOUT_NS)
            .idleStrategySupplier(TestRig::idleStrategy)
            .errorHandler(errors::add);
    }

    public RpcClient client(final RpcServer server)
    {
        return client(server, ctx -> {});
    }

    public RpcClient client(final RpcServer server, final Consumer<RpcClient.Context> customise)
    {
        final RpcClient.Context ctx = clientContext(server);
        customise.accept(ctx);
        return add(RpcClient.connect(ctx));
    }

    public <T extends AutoCloseable> T add(final T closeable)
    {
        closeables.add(closeable);
        return closeable;
    }

    /**
     * Waits for a condition, failing the test with a message when it does not hold within the deadline.
     */
    public static void await(final BooleanSupplier condition, final long timeoutMs, final String what)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("timed out after " + timeoutMs + " ms waiting for " + what);
            }
            try
            {
                Thread.sleep(1);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    @Override
    public void close()
    {
        Collections.reverse(closeables);
        CloseHelper.closeAll(closeables);
        driver.close();
    }
}
