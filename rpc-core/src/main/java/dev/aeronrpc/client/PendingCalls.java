package dev.aeronrpc.client;

import dev.aeronrpc.core.Status;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;

import java.util.ArrayList;

/**
 * The calls a client has in flight, by request id, shared by the calling threads and the polling thread.
 * <p>
 * Removal is the arbiter of completion: the thread that removes a call (the poller with its response, a caller
 * whose deadline passed, the timer, a lost connection) is the one that completes it, so a call completes once.
 * Guarded by this object's monitor; every critical section is a table operation or a scan that only collects.
 * <p>
 * Request ids are handed out in sequence, so a call usually finds its place in a ring indexed by the low bits of
 * its id, with no hashing and no probing; a call whose place is still taken by an older one that has not finished
 * (a long stream, a slow call) goes to an overflow map.
 */
final class PendingCalls
{
    private static final int RING_SIZE = 1024;
    private static final int RING_MASK = RING_SIZE - 1;

    private final long[] ringIds = new long[RING_SIZE];
    private final PendingCall[] ringCalls = new PendingCall[RING_SIZE];
    private final Long2ObjectHashMap<PendingCall> overflow = new Long2ObjectHashMap<>();
    private final int maxInflightCalls;
    private int size;
    private final LongArrayList expiredIds = new LongArrayList();
    private final LongArrayList timerIds = new LongArrayList();
    private final ArrayList<PendingCall> timerCalls = new ArrayList<>();
    private final LongArrayList failedIds = new LongArrayList();

    PendingCalls(final int maxInflightCalls)
    {
        this.maxInflightCalls = maxInflightCalls;
    }

    /**
     * Adds a call unless the client has too many in flight.
     *
     * @param requestId the call's request id, not in the table already.
     * @param call      the call.
     * @return false when {@code maxInflightCalls} are already in flight.
     */
    synchronized boolean add(final long requestId, final PendingCall call)
    {
        if (size >= maxInflightCalls)
        {
            return false;
        }
        final int index = (int)requestId & RING_MASK;
        if (null == ringCalls[index])
        {
            ringIds[index] = requestId;
            ringCalls[index] = call;
        }
        else
        {
            overflow.put(requestId, call);
        }
        size++;
        return true;
    }

    /**
     * Removes a call: whoever gets it back completes it.
     *
     * @param requestId the call's request id.
     * @return the call, or null when it is not (or no longer) in flight.
     */
    synchronized PendingCall remove(final long requestId)
    {
        final int index = (int)requestId & RING_MASK;
        final PendingCall inRing = ringCalls[index];
        if (null != inRing && ringIds[index] == requestId)
        {
            ringCalls[index] = null;
            size--;
            return inRing;
        }
        if (overflow.isEmpty())
        {
            return null;
        }
        final PendingCall call = overflow.remove(requestId);
        if (null != call)
        {
            size--;
        }
        return call;
    }

    /**
     * Looks a call up without removing it.
     *
     * @param requestId the call's request id.
     * @return the call, or null when it is not in flight.
     */
    synchronized PendingCall get(final long requestId)
    {
        final int index = (int)requestId & RING_MASK;
        final PendingCall inRing = ringCalls[index];
        if (null != inRing && ringIds[index] == requestId)
        {
            return inRing;
        }
        return overflow.isEmpty() ? null : overflow.get(requestId);
    }

    /**
     * How many calls are in flight.
     *
     * @return the count.
     */
    synchronized int size()
    {
        return size;
    }

    /**
     * Ends the calls whose deadline passed and lets the others retry when due; called by the polling thread.
     *
     * @param nowNs the time now.
     * @return how many calls ended.
     */
    int onTimer(final long nowNs)
    {
        synchronized (this)
        {
            if (0 == size)
            {
                return 0;
            }
            expiredIds.clear();
            timerIds.clear();
            timerCalls.clear();
            for (int i = 0; i < RING_SIZE; i++)
            {
                final PendingCall call = ringCalls[i];
                if (null != call)
                {
                    sortForTimer(ringIds[i], call, nowNs);
                }
            }
            if (!overflow.isEmpty())
            {
                for (final Long2ObjectHashMap<PendingCall>.EntryIterator it = overflow.entrySet().iterator(); it.hasNext(); )
                {
                    it.next();
                    sortForTimer(it.getLongKey(), it.getValue(), nowNs);
                }
            }
        }

        int expired = 0;
        for (int i = 0, size = expiredIds.size(); i < size; i++)
        {
            final PendingCall call = remove(expiredIds.getLong(i));
            if (null != call)
            {
                call.onError(Status.DEADLINE_EXCEEDED, "no answer before the deadline");
                expired++;
            }
        }

        for (int i = 0, size = timerCalls.size(); i < size; i++)
        {
            final PendingCall call = timerCalls.get(i);
            if (get(timerIds.getLong(i)) == call)
            {
                call.onTimer(nowNs);
            }
        }
        timerCalls.clear();

        return expired;
    }

    /**
     * Fails the calls that cannot survive a reconnection (at-most-once calls, streams, calls out of attempts) and
     * keeps the others for the new session.
     *
     * @param status  why.
     * @param message what happened.
     */
    void failDoomed(final Status status, final String message)
    {
        synchronized (this)
        {
            failedIds.clear();
            for (int i = 0; i < RING_SIZE; i++)
            {
                final PendingCall call = ringCalls[i];
                if (null != call && !call.survivesReconnection())
                {
                    failedIds.addLong(ringIds[i]);
                }
            }
            for (final Long2ObjectHashMap<PendingCall>.EntryIterator it = overflow.entrySet().iterator(); it.hasNext(); )
            {
                it.next();
                if (!it.getValue().survivesReconnection())
                {
                    failedIds.addLong(it.getLongKey());
                }
            }
        }

        for (int i = 0, size = failedIds.size(); i < size; i++)
        {
            final PendingCall call = remove(failedIds.getLong(i));
            if (null != call)
            {
                call.onError(status, message);
            }
        }
    }

    /**
     * Completes every call in flight with one status, when the client closes or gives up on its server.
     *
     * @param status  why.
     * @param message what happened.
     */
    void failAll(final Status status, final String message)
    {
        final ArrayList<PendingCall> failed = new ArrayList<>();
        synchronized (this)
        {
            for (int i = 0; i < RING_SIZE; i++)
            {
                if (null != ringCalls[i])
                {
                    failed.add(ringCalls[i]);
                    ringCalls[i] = null;
                }
            }
            failed.addAll(overflow.values());
            overflow.clear();
            size = 0;
        }
        for (int i = 0; i < failed.size(); i++)
        {
            failed.get(i).onError(status, message);
        }
    }

    private void sortForTimer(final long requestId, final PendingCall call, final long nowNs)
    {
        if (nowNs - call.deadlineNs() >= 0)
        {
            expiredIds.addLong(requestId);
        }
        else if (call.retriesOnTimer())
        {
            timerIds.addLong(requestId);
            timerCalls.add(call);
        }
    }
}
