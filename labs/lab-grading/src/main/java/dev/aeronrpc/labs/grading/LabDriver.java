package dev.aeronrpc.labs.grading;

import dev.aeronrpc.core.RpcMediaDriver;
import dev.aeronrpc.faults.FaultyNetwork;
import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * An embedded media driver for one grading scenario, sized for a 2-core machine: one SHARED driver thread that
 * sleeps when idle, a directory of its own deleted on close, and optionally a {@link FaultyNetwork} with Aeron's
 * liveness timeouts shortened so that a blackout of a second ends connections.
 */
public final class LabDriver implements AutoCloseable
{
    /** Image liveness and publication connection timeout of a driver with a faulty network. */
    public static final long FAULTY_LIVENESS_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(500);

    private final RpcMediaDriver driver;
    private final FaultyNetwork network;
    private Aeron aeron;

    private LabDriver(final RpcMediaDriver driver, final FaultyNetwork network)
    {
        this.driver = driver;
        this.network = network;
    }

    /**
     * A driver on a perfect network.
     *
     * @return the running driver.
     */
    public static LabDriver launch()
    {
        return launch(UnaryOperator.identity());
    }

    /**
     * A driver on a perfect network, with settings of the caller's.
     *
     * @param customise changes the driver's context before it launches.
     * @return the running driver.
     */
    public static LabDriver launch(final UnaryOperator<MediaDriver.Context> customise)
    {
        return new LabDriver(RpcMediaDriver.launch(customise.apply(baseContext())), null);
    }

    /**
     * A driver whose UDP traffic passes through a network that loses frames on demand.
     *
     * @param network to lose frames through; it serves this driver only.
     * @return the running driver.
     */
    public static LabDriver launchFaulty(final FaultyNetwork network)
    {
        return new LabDriver(RpcMediaDriver.launch(network.apply(baseContext()
            .imageLivenessTimeoutNs(FAULTY_LIVENESS_TIMEOUT_NS)
            .publicationConnectionTimeoutNs(FAULTY_LIVENESS_TIMEOUT_NS)
            .statusMessageTimeoutNs(TimeUnit.MILLISECONDS.toNanos(100))
            .timerIntervalNs(TimeUnit.MILLISECONDS.toNanos(100)))), network);
    }

    /**
     * The idle strategy graders give every thread they start: sleeps 100 µs, so two cores are never starved.
     *
     * @return a new strategy.
     */
    public static IdleStrategy idleStrategy()
    {
        return new SleepingIdleStrategy(TimeUnit.MICROSECONDS.toNanos(100));
    }

    /**
     * An error handler for servers and clients in a scenario whose faults are the point: a lost answer or a dropped
     * connection is expected there, and the grader judges the outcome, not the log.
     *
     * @param ex reported by a server's or client's thread.
     */
    public static void ignoreError(final Throwable ex)
    {
        // Expected under injected faults; the checks count outcomes instead.
    }

    private static MediaDriver.Context baseContext()
    {
        return RpcMediaDriver.defaultContext().sharedIdleStrategy(idleStrategy());
    }

    /**
     * @return the driver's directory, for clients.
     */
    public String aeronDirectoryName()
    {
        return driver.aeronDirectoryName();
    }

    /**
     * @return the faulty network, or null on a perfect one.
     */
    public FaultyNetwork network()
    {
        return network;
    }

    /**
     * An Aeron client of this driver, shared by the scenario, closed with the driver.
     *
     * @return the client.
     */
    public synchronized Aeron aeron()
    {
        if (null == aeron)
        {
            aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(aeronDirectoryName())
                .idleStrategy(idleStrategy()));
        }
        return aeron;
    }

    /**
     * Closes the shared client, then the driver, and deletes the directory.
     */
    @Override
    public void close()
    {
        CloseHelper.closeAll(aeron, driver);
    }
}
