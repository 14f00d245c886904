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
 * Guarded by this object's monitor; every critical section is a hash-map operation or a scan that only collects.
 */
final class PendingCalls
{
    private final Long2ObjectHashMap<PendingCall> callsById = new Long2ObjectHashMap<>();
    private final int maxInflightCalls;
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
     * @param requestId the call's request id.
     * @param call      the call.
     * @return false when {@code maxInflightCalls} are already in flight.
     */
    synchronized boolean add(final long requestId, final PendingCall call)
    {
        if (callsById.size() >= maxInflightCalls)
        {
            return false;
        }
        callsById.put(requestId, call);
        return true;
    }

    /**
     * Takes a call out, making the caller responsible for completing it.
     *
     * @param requestId the call's request id.
     * @return the call, or null when it was completed already.
     */
    synchronized PendingCall remove(final long requestId)
    {
        return callsById.remove(requestId);
    }

    /**
     * Finds a call without taking it out: a stream stays pending while its items arrive.
     *
     * @param requestId the call's request id.
     * @return the call, or null.
     */
    synchronized PendingCall get(final long requestId)
    {
        return callsById.get(requestId);
    }

    /**
     * The number of calls in flight.
     *
     * @return calls sent and not yet completed.
     */
    synchronized int size()
    {
        return callsById.size();
    }

    /**
     * Completes calls whose deadline has passed with DEADLINE_EXCEEDED and lets asynchronous calls that retry send
     * again. Called only by the polling thread.
     *
     * @param nowNs the time now.
     * @return how many calls expired.
     */
    int onTimer(final long nowNs)
    {
        synchronized (this)
        {
            if (callsById.isEmpty())
            {
                return 0;
            }
            expiredIds.clear();
            timerIds.clear();
            timerCalls.clear();
            for (final Long2ObjectHashMap<PendingCall>.EntryIterator it = callsById.entrySet().iterator(); it.hasNext(); )
            {
                it.next();
                final PendingCall call = it.getValue();
                if (nowNs - call.deadlineNs() >= 0)
                {
                    expiredIds.addLong(it.getLongKey());
                }
                else if (call.retriesOnTimer())
                {
                    timerIds.addLong(it.getLongKey());
                    timerCalls.add(call);
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
            if (isPending(timerIds.getLong(i), call))
            {
                call.onTimer(nowNs);
            }
        }
        timerCalls.clear();

        return expired;
    }

    private synchronized boolean isPending(final long requestId, final PendingCall call)
    {
        return callsById.get(requestId) == call;
    }

    /**
     * Completes the calls a lost connection dooms: those that never retry, or have no attempts left.
     *
     * @param status  why.
     * @param message what happened.
     */
    void failDoomed(final Status status, final String message)
    {
        synchronized (this)
        {
            failedIds.clear();
            for (final Long2ObjectHashMap<PendingCall>.EntryIterator it = callsById.entrySet().iterator(); it.hasNext(); )
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
        final ArrayList<PendingCall> failed;
        synchronized (this)
        {
            failed = new ArrayList<>(callsById.values());
            callsById.clear();
        }
        for (int i = 0; i < failed.size(); i++)
        {
            failed.get(i).onError(status, message);
        }
    }
}
