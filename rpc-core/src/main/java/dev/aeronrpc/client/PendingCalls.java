package dev.aeronrpc.client;

import dev.aeronrpc.core.Status;
import org.agrona.BitUtil;
import org.agrona.collections.Long2ObjectHashMap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The calls a client has in flight, by request id: added by any calling thread, looked up and completed by the
 * client's conductor, claimed by a blocking caller whose deadline passed. Lock-free on every common path.
 * <p>
 * Request ids are handed out in sequence, so a call usually finds its place in a ring indexed by the low bits of
 * its id (no hashing, no probing); the ring has room for twice the calls a client may have in flight, and a call
 * whose place is still taken by an older one (a long stream) goes to a small overflow map behind a lock.
 * <p>
 * Completing is claiming: {@link #remove} claims the call through its own pending id ({@link PendingCall#claim})
 * before clearing its place, so exactly one thread completes it, and a call object reused for a later request can
 * never be taken for an earlier one.
 * <p>
 * The scans ({@link #onTimer}, {@link #failDoomed}, {@link #failAll}) run on the conductor only.
 */
final class PendingCalls
{
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(PendingCall[].class);
    private static final int MIN_RING_SIZE = 1024;

    private final PendingCall[] slots;
    private final int mask;
    private final int maxInflightCalls;
    // Calls in flight in the high 32 bits, timed calls among them in the low 32: one atomic operation a change.
    private final AtomicLong counts = new AtomicLong();
    private final Long2ObjectHashMap<PendingCall> overflow = new Long2ObjectHashMap<>();
    private volatile int overflowSize;
    private final ArrayList<PendingCall> scanned = new ArrayList<>();
    private final long[] scannedIds;

    private volatile ClientIdleStrategy idle;

    /**
     * The idle strategy of the client's thread, woken when a call is added.
     *
     * @param idle the strategy.
     */
    void idleStrategy(final ClientIdleStrategy idle)
    {
        this.idle = idle;
    }

    PendingCalls(final int maxInflightCalls)
    {
        this.maxInflightCalls = maxInflightCalls;
        final int ringSize = BitUtil.findNextPositivePowerOfTwo(Math.max(MIN_RING_SIZE, 2 * maxInflightCalls));
        slots = new PendingCall[ringSize];
        mask = ringSize - 1;
        scannedIds = new long[ringSize + 1];
    }

    /**
     * Adds a call unless the client has too many in flight.
     *
     * @param requestId the call's request id, never used before.
     * @param call      the call, not pending.
     * @return false when {@code maxInflightCalls} are already in flight.
     */
    boolean add(final long requestId, final PendingCall call)
    {
        final long delta = countDelta(call);
        if ((counts.addAndGet(delta) >>> 32) > maxInflightCalls)
        {
            counts.addAndGet(-delta);
            return false;
        }
        call.markPending(requestId);
        if (!SLOTS.compareAndSet(slots, index(requestId), null, call))
        {
            synchronized (overflow)
            {
                overflow.put(requestId, call);
                overflowSize = overflow.size();
            }
        }
        final ClientIdleStrategy idle = this.idle;
        if (null != idle)
        {
            // The client's thread may sleep deeply while nothing is in flight: this call is for it to poll.
            idle.wake();
        }
        return true;
    }

    /**
     * Claims a call for completion: whoever gets it back completes it.
     *
     * @param requestId the call's request id.
     * @return the call, or null when it is not (or no longer) in flight.
     */
    PendingCall remove(final long requestId)
    {
        final int index = index(requestId);
        final PendingCall inRing = (PendingCall)SLOTS.getAcquire(slots, index);
        if (null != inRing && inRing.pendingId() == requestId)
        {
            if (inRing.claim(requestId))
            {
                // Only the claimer clears the place, and no call can take it while this one holds it.
                SLOTS.setRelease(slots, index, null);
                removed(inRing);
                return inRing;
            }
            return null;
        }
        if (0 == overflowSize)
        {
            return null;
        }
        synchronized (overflow)
        {
            final PendingCall call = overflow.get(requestId);
            if (null != call && call.claim(requestId))
            {
                overflow.remove(requestId);
                overflowSize = overflow.size();
                removed(call);
                return call;
            }
        }
        return null;
    }

    /**
     * Looks a call up without claiming it: for frames that do not end a call (stream items, credit).
     *
     * @param requestId the call's request id.
     * @return the call, or null when it is not in flight.
     */
    PendingCall get(final long requestId)
    {
        final PendingCall inRing = (PendingCall)SLOTS.getAcquire(slots, index(requestId));
        if (null != inRing && inRing.pendingId() == requestId)
        {
            return inRing;
        }
        if (0 == overflowSize)
        {
            return null;
        }
        synchronized (overflow)
        {
            final PendingCall call = overflow.get(requestId);
            return null != call && call.pendingId() == requestId ? call : null;
        }
    }

    /**
     * How many calls are in flight.
     *
     * @return the count.
     */
    int size()
    {
        return (int)(counts.get() >>> 32);
    }

    /**
     * Ends the timed calls whose deadline passed and lets the others retry when due. Runs on the conductor.
     *
     * @param nowNs the time now.
     * @return how many calls ended.
     */
    int onTimer(final long nowNs)
    {
        if (0 == (int)counts.get())
        {
            return 0;
        }
        final int count = scan(true);
        int expired = 0;
        for (int i = 0; i < count; i++)
        {
            final PendingCall call = scanned.get(i);
            final long requestId = scannedIds[i];
            if (nowNs - call.deadlineNs() >= 0)
            {
                if (null != remove(requestId))
                {
                    call.onError(Status.DEADLINE_EXCEEDED, "no answer before the deadline");
                    expired++;
                }
            }
            else if (call.pendingId() == requestId)
            {
                call.onTimer(nowNs);
            }
        }
        scanned.clear();
        return expired;
    }

    /**
     * Fails the calls that cannot survive a reconnection (at-most-once calls, streams, calls out of attempts) and
     * keeps the others for the new session. Runs on the conductor.
     *
     * @param status  why.
     * @param message what happened.
     */
    void failDoomed(final Status status, final String message)
    {
        final int count = scan(false);
        for (int i = 0; i < count; i++)
        {
            final PendingCall call = scanned.get(i);
            if (!call.survivesReconnection() && null != remove(scannedIds[i]))
            {
                call.onError(status, message);
            }
        }
        scanned.clear();
    }

    /**
     * Completes every call in flight with one status, when the client closes or gives up on its server. Runs on
     * the conductor.
     *
     * @param status  why.
     * @param message what happened.
     */
    void failAll(final Status status, final String message)
    {
        final int count = scan(false);
        for (int i = 0; i < count; i++)
        {
            final PendingCall call = scanned.get(i);
            if (null != remove(scannedIds[i]))
            {
                call.onError(status, message);
            }
        }
        scanned.clear();
    }

    private int scan(final boolean timedOnly)
    {
        scanned.clear();
        int count = 0;
        final PendingCall[] slots = this.slots;
        for (int i = 0; i < slots.length; i++)
        {
            final PendingCall call = (PendingCall)SLOTS.getAcquire(slots, i);
            if (null != call && (!timedOnly || call.timed()))
            {
                final long requestId = call.pendingId();
                if (PendingCall.NOT_PENDING != requestId)
                {
                    scanned.add(call);
                    scannedIds[count++] = requestId;
                }
            }
        }
        if (0 != overflowSize)
        {
            synchronized (overflow)
            {
                for (final PendingCall call : overflow.values())
                {
                    final long requestId = call.pendingId();
                    if ((!timedOnly || call.timed()) && PendingCall.NOT_PENDING != requestId && count < scannedIds.length)
                    {
                        scanned.add(call);
                        scannedIds[count++] = requestId;
                    }
                }
            }
        }
        return count;
    }

    private void removed(final PendingCall call)
    {
        counts.addAndGet(-countDelta(call));
    }

    private static long countDelta(final PendingCall call)
    {
        return call.timed() ? (1L << 32) | 1 : 1L << 32;
    }

    private int index(final long requestId)
    {
        return (int)requestId & mask;
    }
}
