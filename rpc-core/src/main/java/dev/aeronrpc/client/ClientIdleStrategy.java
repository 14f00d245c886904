package dev.aeronrpc.client;

import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The client thread's idle strategy: the configured one (backing off to a park of a millisecond) while anything is
 * in flight, and a deep sleep of up to {@link #DEEP_SLEEP_NS} (or half the heartbeat interval) once the client has had nothing to do for
 * {@link #QUIET_BEFORE_SLEEP_NS}, so that an idle client costs next to no CPU: a thousand idle clients in one
 * process wake twenty thousand times a second rather than a million.
 * <p>
 * A caller that puts work in front of a sleeping client wakes it ({@link #wake()}): a call added to the pending
 * calls, a control frame or a deferred callback queued. Neither side can miss the other: the sleeper publishes
 * itself, then checks for work; a caller publishes its work, then checks for a sleeper. The price of a deep sleep
 * is the first call after it, which waits for the thread to wake (tens of microseconds); heartbeats and liveness
 * checks are late by at most the sleep, half a heartbeat interval, well inside the peer timeout.
 */
final class ClientIdleStrategy implements IdleStrategy
{
    /** How long the client sleeps at most when it has nothing in flight, unless its heartbeats are more often. */
    static final long DEEP_SLEEP_NS = TimeUnit.MILLISECONDS.toNanos(200);
    /** How long nothing must have happened before the client sleeps deeply. */
    static final long QUIET_BEFORE_SLEEP_NS = TimeUnit.MILLISECONDS.toNanos(2);

    private final IdleStrategy busy;
    private final ClientConductor conductor;
    private final long deepSleepNs;
    private volatile Thread sleeper;
    private long quietSinceNs;

    ClientIdleStrategy(final IdleStrategy busy, final ClientConductor conductor, final long heartbeatIntervalNs)
    {
        this.busy = busy;
        this.conductor = conductor;
        this.deepSleepNs = Math.max(1, Math.min(DEEP_SLEEP_NS, heartbeatIntervalNs / 2));
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            // Work that leaves nothing in flight (a heartbeat sent or heard) does not end a quiet spell: the next
            // cycle runs at once, and then the thread sleeps again.
            if (!conductor.isQuiet())
            {
                reset();
            }
            return;
        }
        idle();
    }

    @Override
    public void idle()
    {
        final long nowNs = System.nanoTime();
        if (0 == quietSinceNs)
        {
            quietSinceNs = nowNs;
        }
        if (nowNs - quietSinceNs < QUIET_BEFORE_SLEEP_NS || !conductor.isQuiet())
        {
            if (!conductor.isQuiet())
            {
                quietSinceNs = nowNs;
            }
            busy.idle();
            return;
        }

        sleeper = Thread.currentThread();
        if (conductor.isQuiet())
        {
            LockSupport.parkNanos(this, deepSleepNs);
        }
        sleeper = null;
    }

    @Override
    public void reset()
    {
        quietSinceNs = 0;
        busy.reset();
    }

    /**
     * Wakes the client thread if it sleeps deeply; a volatile read otherwise. Any thread, after publishing the
     * work.
     */
    void wake()
    {
        final Thread thread = sleeper;
        if (null != thread)
        {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public String alias()
    {
        return "rpc-client";
    }
}
