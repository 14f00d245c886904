package dev.aeronrpc.gateway;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the gateway has done and holds, readable from any thread: connections, calls in flight, frames, errors,
 * and the frames queued for writing to browsers now and at most.
 */
public final class GatewayCounters
{
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong callsInFlight = new AtomicLong();
    private final AtomicLong framesReceived = new AtomicLong();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong errorsSent = new AtomicLong();
    private final AtomicLong queuedFrames = new AtomicLong();
    private final AtomicLong maxQueuedFrames = new AtomicLong();
    private final AtomicLong slowConnectionsClosed = new AtomicLong();

    boolean tryOpen(final int maxConnections)
    {
        return tryIncrement(connections, maxConnections);
    }

    boolean tryStartCall(final int maxCallsInFlight)
    {
        return tryIncrement(callsInFlight, maxCallsInFlight);
    }

    void onCallEnded()
    {
        callsInFlight.decrementAndGet();
    }

    private static boolean tryIncrement(final AtomicLong counter, final long max)
    {
        long value;
        do
        {
            value = counter.get();
            if (value >= max)
            {
                return false;
            }
        }
        while (!counter.compareAndSet(value, value + 1));
        return true;
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
     * Calls and streams made through the gateway that are still in flight at its client, over every connection;
     * a unary call a browser cancelled counts until its answer or deadline.
     *
     * @return the number now.
     */
    public long callsInFlight()
    {
        return callsInFlight.get();
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
