package dev.aeronrpc.gateway;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the gateway has done and holds, readable from any thread: connections, frames, errors, and the frames
 * queued for writing to browsers now and at most.
 */
public final class GatewayCounters
{
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong framesReceived = new AtomicLong();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong errorsSent = new AtomicLong();
    private final AtomicLong queuedFrames = new AtomicLong();
    private final AtomicLong maxQueuedFrames = new AtomicLong();
    private final AtomicLong slowConnectionsClosed = new AtomicLong();

    void onOpen()
    {
        connections.incrementAndGet();
    }

    void onClose()
    {
        connections.decrementAndGet();
    }

    void onFrameReceived()
    {
        framesReceived.incrementAndGet();
    }

    void onErrorSent()
    {
        errorsSent.incrementAndGet();
    }

    void onSlowConnectionClosed()
    {
        slowConnectionsClosed.incrementAndGet();
    }

    void onQueued()
    {
        framesSent.incrementAndGet();
        maxQueuedFrames.accumulateAndGet(queuedFrames.incrementAndGet(), Math::max);
    }

    void onWritten()
    {
        queuedFrames.decrementAndGet();
    }

    /**
     * Open connections.
     *
     * @return the number of browsers connected now.
     */
    public long connections()
    {
        return connections.get();
    }

    /**
     * Frames received from browsers.
     *
     * @return the count since launch.
     */
    public long framesReceived()
    {
        return framesReceived.get();
    }

    /**
     * Frames handed to the WebSocket for writing.
     *
     * @return the count since launch.
     */
    public long framesSent()
    {
        return framesSent.get();
    }

    /**
     * Error frames sent to browsers.
     *
     * @return the count since launch.
     */
    public long errorsSent()
    {
        return errorsSent.get();
    }

    /**
     * Frames handed to the WebSocket and not yet written to the network, over every connection.
     *
     * @return the count now.
     */
    public long queuedFrames()
    {
        return queuedFrames.get();
    }

    /**
     * The most frames ever queued at once: what a slow browser cost the gateway at worst.
     *
     * @return the high-water mark.
     */
    public long maxQueuedFrames()
    {
        return maxQueuedFrames.get();
    }

    /**
     * Connections closed because they read too slowly.
     *
     * @return the count since launch.
     */
    public long slowConnectionsClosed()
    {
        return slowConnectionsClosed.get();
    }
}
