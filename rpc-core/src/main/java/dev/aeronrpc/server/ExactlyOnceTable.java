package dev.aeronrpc.server;

import dev.aeronrpc.core.Status;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayDeque;

/**
 * The outcomes of exactly-once calls, by (client id, request id), so that a request sent again is answered from
 * memory instead of running its handler a second time.
 * <p>
 * Bounded three ways: at most {@code maxEntries} finished outcomes, holding at most {@code maxPayloadBytes} of
 * answers together, each kept at most {@code expiryNs}; the oldest go
 * first. For each client the table remembers the highest request id it has forgotten (its low-water mark). A
 * client's request ids only grow, so a request at or below the mark that the table does not hold is a duplicate
 * too old to answer: it gets a clear status and is never run again. What a server restart loses: everything here,
 * so a duplicate that reaches a new server process runs again.
 * <p>
 * Thread-safe: the poll thread looks requests up and executor threads record outcomes.
 */
final class ExactlyOnceTable
{
    /** The request was never seen: it is now recorded as running, and must run. */
    static final int NEW = 0;
    /** The first copy is still running: answer nothing now; the client's next attempt finds the outcome. */
    static final int RUNNING = 1;
    /** The outcome is recorded: answer with it. */
    static final int DONE = 2;
    /** Older than what the table remembers: refuse, never run. */
    static final int TOO_OLD = 3;

    /** One exactly-once call: running, then its outcome. */
    static final class Entry
    {
        final long clientId;
        final long requestId;
        boolean done;
        long completedNs;
        Status status;
        String message;
        byte[] payload;

        Entry(final long clientId, final long requestId)
        {
            this.clientId = clientId;
            this.requestId = requestId;
        }
    }

    private static final class ClientHistory
    {
        final Long2ObjectHashMap<Entry> entries = new Long2ObjectHashMap<>();
        long lowWaterMark = Long.MIN_VALUE;
    }

    private final Long2ObjectHashMap<ClientHistory> historyByClient = new Long2ObjectHashMap<>();
    private final ArrayDeque<Entry> finished = new ArrayDeque<>();
    private final int maxEntries;
    private final long maxPayloadBytes;
    private long payloadBytes;
    private final long expiryNs;
    private Entry current;

    ExactlyOnceTable(final int maxEntries, final long expiryNs)
    {
        this(maxEntries, expiryNs, Long.MAX_VALUE);
    }

    ExactlyOnceTable(final int maxEntries, final long expiryNs, final long maxPayloadBytes)
    {
        this.maxEntries = maxEntries;
        this.maxPayloadBytes = maxPayloadBytes;
        this.expiryNs = expiryNs;
    }

    /**
     * Looks a request up, recording it as running when it is new. The entry concerned is then {@link #current()}.
     *
     * @param clientId  the client.
     * @param requestId the request.
     * @return {@link #NEW}, {@link #RUNNING}, {@link #DONE} or {@link #TOO_OLD}.
     */
    synchronized int begin(final long clientId, final long requestId)
    {
        ClientHistory history = historyByClient.get(clientId);
        if (null == history)
        {
            history = new ClientHistory();
            historyByClient.put(clientId, history);
        }

        current = history.entries.get(requestId);
        if (null != current)
        {
            return current.done ? DONE : RUNNING;
        }
        if (requestId <= history.lowWaterMark)
        {
            return TOO_OLD;
        }

        current = new Entry(clientId, requestId);
        history.entries.put(requestId, current);
        return NEW;
    }

    /**
     * The entry the last {@link #begin} concerned; for the poll thread only.
     *
     * @return the entry, or null when the request was too old.
     */
    Entry current()
    {
        return current;
    }

    /**
     * The low-water mark of a client, for the too-old status.
     *
     * @param clientId the client.
     * @return the highest request id forgotten.
     */
    synchronized long lowWaterMark(final long clientId)
    {
        final ClientHistory history = historyByClient.get(clientId);
        return null == history ? Long.MIN_VALUE : history.lowWaterMark;
    }

    /**
     * Records the outcome of a call that ran.
     *
     * @param entry   from {@link #begin}.
     * @param status  its status.
     * @param message the error message, or null for OK.
     * @param payload the response payload for OK, else null.
     * @param offset  where the payload starts.
     * @param length  its length.
     * @param nowNs   the time now.
     */
    synchronized void complete(
        final Entry entry,
        final Status status,
        final String message,
        final DirectBuffer payload,
        final int offset,
        final int length,
        final long nowNs)
    {
        entry.status = status;
        entry.message = message;
        if (null != payload)
        {
            entry.payload = new byte[length];
            payload.getBytes(offset, entry.payload);
            payloadBytes += length;
        }
        entry.completedNs = nowNs;
        entry.done = true;
        finished.addLast(entry);
        evict(nowNs);
    }

    /**
     * Forgets a request that was recorded as running but never ran (the server refused it for lack of room), so
     * that the client's next attempt runs it.
     *
     * @param entry from {@link #begin}.
     */
    synchronized void abandon(final Entry entry)
    {
        final ClientHistory history = historyByClient.get(entry.clientId);
        if (null != history && history.entries.get(entry.requestId) == entry && !entry.done)
        {
            history.entries.remove(entry.requestId);
        }
    }

    /**
     * Forgets the oldest outcomes beyond the size bound or the expiry time.
     *
     * @param nowNs the time now.
     * @return how many were forgotten.
     */
    synchronized int evict(final long nowNs)
    {
        int evicted = 0;
        Entry oldest;
        while (null != (oldest = finished.peekFirst()) &&
            (finished.size() > maxEntries || nowNs - oldest.completedNs > expiryNs || payloadBytes > maxPayloadBytes))
        {
            finished.pollFirst();
            if (null != oldest.payload)
            {
                payloadBytes -= oldest.payload.length;
            }
            final ClientHistory history = historyByClient.get(oldest.clientId);
            history.entries.remove(oldest.requestId);
            history.lowWaterMark = Math.max(history.lowWaterMark, oldest.requestId);
            evicted++;
        }
        return evicted;
    }

    /**
     * The number of outcomes held.
     *
     * @return finished entries.
     */
    synchronized int size()
    {
        return finished.size();
    }
}
