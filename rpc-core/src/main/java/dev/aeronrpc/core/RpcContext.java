package dev.aeronrpc.core;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.IdleStrategy;

import java.util.function.Supplier;

import static dev.aeronrpc.core.RpcConfiguration.*;

/**
 * The settings clients and servers share: which media driver to use, liveness, sending, message size, threading
 * and error handling. Defaults come from system properties ({@link RpcConfiguration}); fluent setters; the
 * subclass's {@code conclude()} fills what was left unset.
 *
 * @param <C> the concrete context, so that setters chain.
 */
public abstract class RpcContext<C extends RpcContext<C>>
{
    private Aeron aeron;
    private boolean ownsAeron;
    private String aeronDirectoryName;
    private RpcMediaDriver embeddedDriver;
    private long heartbeatIntervalNs = durationProperty(HEARTBEAT_INTERVAL_PROP_NAME, HEARTBEAT_INTERVAL_DEFAULT_NS);
    private long peerTimeoutNs = durationProperty(PEER_TIMEOUT_PROP_NAME, PEER_TIMEOUT_DEFAULT_NS);
    private long sendTimeoutNs = durationProperty(SEND_TIMEOUT_PROP_NAME, SEND_TIMEOUT_DEFAULT_NS);
    private int maxMessageLength = intProperty(MAX_MESSAGE_LENGTH_PROP_NAME, MAX_MESSAGE_LENGTH_DEFAULT);
    private int termLength = intProperty(TERM_LENGTH_PROP_NAME, TERM_LENGTH_DEFAULT);
    private long maxChunkedBytesPerPeer = Long.getLong(MAX_CHUNKED_BYTES_PER_PEER_PROP_NAME,
        MAX_CHUNKED_BYTES_PER_PEER_DEFAULT);
    private long maxChunkedBytes = Long.getLong(MAX_CHUNKED_BYTES_PROP_NAME, MAX_CHUNKED_BYTES_DEFAULT);
    private boolean invokerMode;
    private Supplier<IdleStrategy> idleStrategySupplier = RpcConfiguration::idleStrategy;
    private ErrorHandler errorHandler;
    private final PublicationRejections publicationRejections = new PublicationRejections();

    @SuppressWarnings("unchecked")
    private C self()
    {
        return (C)this;
    }

    /**
     * Checks the shared settings and connects to a media driver. When no {@link Aeron} and no directory is given
     * and {@code aeron.dir} is not set, launches an embedded media driver that {@link #close()} closes.
     */
    protected void concludeShared()
    {
        JvmAccessCheck.check();
        if (null == errorHandler)
        {
            errorHandler = RpcLog.errorHandler("aeron-rpc");
        }
        requirePositive(heartbeatIntervalNs, "heartbeatIntervalNs");
        requirePositive(sendTimeoutNs, "sendTimeoutNs");
        requirePositive(maxMessageLength, "maxMessageLength");
        io.aeron.logbuffer.LogBufferDescriptor.checkTermLength(termLength);
        requirePositive(maxChunkedBytesPerPeer, "maxChunkedBytesPerPeer");
        requirePositive(maxChunkedBytes, "maxChunkedBytes");
        if (peerTimeoutNs <= heartbeatIntervalNs)
        {
            throw new IllegalArgumentException("peerTimeoutNs must exceed heartbeatIntervalNs");
        }

        if (null == aeron)
        {
            if (null == aeronDirectoryName && null == System.getProperty(CommonContext.AERON_DIR_PROP_NAME))
            {
                embeddedDriver = RpcMediaDriver.launch(RpcMediaDriver.defaultContext(termLength));
                aeronDirectoryName = embeddedDriver.aeronDirectoryName();
            }
            aeron = connectAeron();
            ownsAeron = true;
        }
    }

    private Aeron connectAeron()
    {
        final Aeron.Context aeronCtx = new Aeron.Context()
            .errorHandler(errorHandler)
            .publicationErrorFrameHandler(publicationRejections);
        if (null != aeronDirectoryName)
        {
            aeronCtx.aeronDirectoryName(aeronDirectoryName);
        }
        return Aeron.connect(aeronCtx);
    }

    /**
     * The rejections peers sent for this context's publications, heard by the Aeron client the context made; an
     * application that gives its own Aeron client may forward its publication error frames here.
     *
     * @return the rejections.
     */
    public PublicationRejections publicationRejections()
    {
        return publicationRejections;
    }

    /**
     * The term length of the publications this side creates, and of the embedded driver's defaults.
     *
     * @param termLength a power of two from 64 KiB to 1 GiB.
     * @return this.
     */
    public C termLength(final int termLength)
    {
        this.termLength = termLength;
        return self();
    }

    /**
     * Bytes of chunked frames one peer may have in the making at once: being reassembled, or waiting to be sent.
     *
     * @param maxChunkedBytesPerPeer bytes.
     * @return this.
     */
    public C maxChunkedBytesPerPeer(final long maxChunkedBytesPerPeer)
    {
        this.maxChunkedBytesPerPeer = maxChunkedBytesPerPeer;
        return self();
    }

    /**
     * Bytes of chunked frames one peer may have in the making at once.
     *
     * @return bytes.
     */
    public long maxChunkedBytesPerPeer()
    {
        return maxChunkedBytesPerPeer;
    }

    /**
     * Bytes of chunked frames this side holds at once for all its peers together.
     *
     * @param maxChunkedBytes bytes.
     * @return this.
     */
    public C maxChunkedBytes(final long maxChunkedBytes)
    {
        this.maxChunkedBytes = maxChunkedBytes;
        return self();
    }

    /**
     * Bytes of chunked frames this side holds at once for all its peers together.
     *
     * @return bytes.
     */
    public long maxChunkedBytes()
    {
        return maxChunkedBytes;
    }

    /**
     * The term length of the publications this side creates.
     *
     * @return bytes.
     */
    public int termLength()
    {
        return termLength;
    }

    /**
     * Whether {@code conclude()} made the Aeron client, and so may make it again.
     *
     * @return true when the Aeron client is this context's own.
     */
    public boolean ownsAeron()
    {
        return ownsAeron;
    }

    /**
     * Replaces an Aeron client of this context's own that was closed under it (a conductor that timed out after
     * the process stalled, a driver that went away) with a new one to the same driver.
     *
     * @return the new Aeron client.
     * @throws IllegalStateException when the Aeron client is the application's.
     */
    public Aeron reconnectAeron()
    {
        if (!ownsAeron)
        {
            throw new IllegalStateException("the Aeron client belongs to the application");
        }
        CloseHelper.quietClose(aeron);
        aeron = connectAeron();
        return aeron;
    }

    /**
     * Checks that a setting is positive.
     *
     * @param value the setting.
     * @param name  its name, for the message.
     */
    protected static void requirePositive(final long value, final String name)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    /**
     * Closes what {@code conclude()} opened: the Aeron client and the embedded driver it made, not those it was
     * given.
     */
    public void close()
    {
        if (ownsAeron)
        {
            CloseHelper.close(aeron);
        }
        CloseHelper.close(embeddedDriver);
    }

    /**
     * Uses an Aeron client the caller owns (and closes) instead of making one.
     *
     * @param aeron a connected Aeron client.
     * @return this.
     */
    public C aeron(final Aeron aeron)
    {
        this.aeron = aeron;
        return self();
    }

    /**
     * The Aeron client in use.
     *
     * @return the Aeron client.
     */
    public Aeron aeron()
    {
        return aeron;
    }

    /**
     * Connects to the media driver in this directory instead of embedding one.
     *
     * @param aeronDirectoryName the driver's directory.
     * @return this.
     */
    public C aeronDirectoryName(final String aeronDirectoryName)
    {
        this.aeronDirectoryName = aeronDirectoryName;
        return self();
    }

    /**
     * How often this side speaks to its peer when it has nothing else to say.
     *
     * @param heartbeatIntervalNs nanoseconds.
     * @return this.
     */
    public C heartbeatIntervalNs(final long heartbeatIntervalNs)
    {
        this.heartbeatIntervalNs = heartbeatIntervalNs;
        return self();
    }

    /**
     * How often this side speaks to its peer when idle.
     *
     * @return nanoseconds.
     */
    public long heartbeatIntervalNs()
    {
        return heartbeatIntervalNs;
    }

    /**
     * How long without a word from the peer before it is declared dead: a client then fails its at-most-once
     * calls with UNAVAILABLE and reconnects, a server frees the session.
     *
     * @param peerTimeoutNs nanoseconds, more than the peer's heartbeat interval.
     * @return this.
     */
    public C peerTimeoutNs(final long peerTimeoutNs)
    {
        this.peerTimeoutNs = peerTimeoutNs;
        return self();
    }

    /**
     * How long without a word from the peer before it is declared dead.
     *
     * @return nanoseconds.
     */
    public long peerTimeoutNs()
    {
        return peerTimeoutNs;
    }

    /**
     * How long a send retries while the peer is back-pressured; the sending thread waits that long at most.
     *
     * @param sendTimeoutNs nanoseconds.
     * @return this.
     */
    public C sendTimeoutNs(final long sendTimeoutNs)
    {
        this.sendTimeoutNs = sendTimeoutNs;
        return self();
    }

    /**
     * How long a send retries under back pressure.
     *
     * @return nanoseconds.
     */
    public long sendTimeoutNs()
    {
        return sendTimeoutNs;
    }

    /**
     * Largest frame this side sends or accepts, envelope included; the smaller of the two sides' limits applies.
     *
     * @param maxMessageLength bytes.
     * @return this.
     */
    public C maxMessageLength(final int maxMessageLength)
    {
        this.maxMessageLength = maxMessageLength;
        return self();
    }

    /**
     * Largest frame this side sends or accepts.
     *
     * @return bytes.
     */
    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    /**
     * Runs no thread of its own: the application calls {@code poll()}.
     *
     * @param invokerMode true to drive this side from the application's threads.
     * @return this.
     */
    public C invokerMode(final boolean invokerMode)
    {
        this.invokerMode = invokerMode;
        return self();
    }

    /**
     * Whether the application drives this side.
     *
     * @return true in invoker mode.
     */
    public boolean invokerMode()
    {
        return invokerMode;
    }

    /**
     * Makes the idle strategies of this side's threads (its agent, and a client's waiting callers).
     *
     * @param idleStrategySupplier a supplier of new, unshared idle strategies.
     * @return this.
     */
    public C idleStrategySupplier(final Supplier<IdleStrategy> idleStrategySupplier)
    {
        this.idleStrategySupplier = idleStrategySupplier;
        return self();
    }

    /**
     * A new idle strategy for one thread.
     *
     * @return a new idle strategy.
     */
    public IdleStrategy idleStrategy()
    {
        return idleStrategySupplier.get();
    }

    /**
     * Hears errors that belong to no call: a listener that threw, an unreadable frame, an answer not sent.
     *
     * @param errorHandler must not throw.
     * @return this.
     */
    public C errorHandler(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        return self();
    }

    /**
     * Hears errors that belong to no call.
     *
     * @return the error handler.
     */
    public ErrorHandler errorHandler()
    {
        return errorHandler;
    }
}
