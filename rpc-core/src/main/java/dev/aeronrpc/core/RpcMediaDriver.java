package dev.aeronrpc.core;

import io.aeron.CommonContext;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.IdleStrategy;

import java.util.UUID;

/**
 * An embedded Aeron media driver set up for a small machine: one SHARED thread for the conductor, sender and
 * receiver, a backing-off idle strategy instead of busy spinning, a directory of its own that is deleted when the
 * driver closes, and terms sized for RPC messages rather than market data.
 * <p>
 * The media driver is the process that owns the shared-memory log buffers and the UDP sockets; clients and servers
 * talk to it through its directory ({@link #aeronDirectoryName()}). Embedding it saves starting a second process;
 * an external driver (Aeron's {@code io.aeron.driver.MediaDriver} main) is used instead by setting {@code aeron.dir}.
 */
public final class RpcMediaDriver implements AutoCloseable
{
    private final MediaDriver driver;

    private RpcMediaDriver(final MediaDriver driver)
    {
        this.driver = driver;
    }

    /**
     * Launches a driver with {@link #defaultContext()}.
     *
     * @return the running driver.
     */
    public static RpcMediaDriver launch()
    {
        return launch(defaultContext());
    }

    /**
     * Launches a driver with a context the caller may have adjusted.
     *
     * @param context from {@link #defaultContext()}, possibly changed.
     * @return the running driver.
     */
    public static RpcMediaDriver launch(final MediaDriver.Context context)
    {
        return new RpcMediaDriver(MediaDriver.launchEmbedded(context));
    }

    /**
     * The settings {@link #launch()} uses, to adjust before launching.
     *
     * @return a new context: SHARED threading, the configured idle strategy, terms of
     * {@link RpcConfiguration#TERM_LENGTH_PROP_NAME}, a unique directory deleted on close.
     */
    public static MediaDriver.Context defaultContext()
    {
        return defaultContext(RpcConfiguration.intProperty(
            RpcConfiguration.TERM_LENGTH_PROP_NAME, RpcConfiguration.TERM_LENGTH_DEFAULT));
    }

    /**
     * The settings {@link #launch()} uses, with a given term length.
     *
     * @param termLength the term length of publications, a power of two from 64 KiB to 1 GiB.
     * @return a new context.
     */
    public static MediaDriver.Context defaultContext(final int termLength)
    {
        final IdleStrategy idleStrategy = RpcConfiguration.idleStrategy();
        return new MediaDriver.Context()
            .aeronDirectoryName(CommonContext.getAeronDirectoryName() + "-rpc-" + UUID.randomUUID())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(idleStrategy)
            .publicationTermBufferLength(termLength)
            .ipcTermBufferLength(termLength)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .warnIfDirectoryExists(false);
    }

    /**
     * Where clients of this driver connect.
     *
     * @return the driver's directory.
     */
    public String aeronDirectoryName()
    {
        return driver.aeronDirectoryName();
    }

    /**
     * The driver itself, for settings this class does not cover.
     *
     * @return the embedded driver.
     */
    public MediaDriver driver()
    {
        return driver;
    }

    /**
     * Stops the driver and deletes its directory.
     */
    @Override
    public void close()
    {
        driver.close();
    }
}
