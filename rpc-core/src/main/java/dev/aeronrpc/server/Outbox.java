package dev.aeronrpc.server;

import dev.aeronrpc.core.ChunkWriter;
import io.aeron.Publication;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A session's frames too long for one Aeron message, copied here by whichever thread sent them and sent by the
 * poll thread in chunks, a few per duty cycle, so that a 64 MiB answer neither holds the sending thread nor keeps
 * the session's other calls waiting: their frames go out between the chunks.
 * <p>
 * Frames of a call that has one waiting here queue behind it (a stream's next item, its end), so each call's
 * frames keep their order; other calls' frames pass. Bounded twice: by the session's budget and by the server's.
 * Thread-safe: any thread adds, the poll thread drains.
 */
final class Outbox
{
    /** Added: it goes out in order. */
    static final int ADDED = 0;
    /** Over the session's or the server's budget: not added. */
    static final int OVER_BUDGET = 1;

    private static final class Entry
    {
        final long requestId;
        final UnsafeBuffer frame;
        int position;

        Entry(final long requestId, final UnsafeBuffer frame)
        {
            this.requestId = requestId;
            this.frame = frame;
        }
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final ChunkWriter chunkWriter = new ChunkWriter();
    private final long maxBytes;
    private final AtomicLong serverBytes;
    private final long maxServerBytes;
    private long heldBytes;
    private volatile int size;
    private long lastProgressNs;

    Outbox(final long maxBytes, final AtomicLong serverBytes, final long maxServerBytes)
    {
        this.maxBytes = maxBytes;
        this.serverBytes = serverBytes;
        this.maxServerBytes = maxServerBytes;
    }

    boolean isEmpty()
    {
        return 0 == size;
    }

    /**
     * Whether a frame of a call waits here, so that the call's next frame must queue behind it.
     *
     * @param requestId the call; 0 (a session-level frame) never waits.
     * @return true when the call has a frame here.
     */
    synchronized boolean holds(final long requestId)
    {
        if (0 == size || 0 == requestId)
        {
            return false;
        }
        for (final Entry entry : entries)
        {
            if (entry.requestId == requestId)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Copies a frame in, behind the others.
     *
     * @param requestId the call it belongs to.
     * @param buffer    holding the frame.
     * @param offset    where it starts.
     * @param length    its length.
     * @param nowNs     the time now.
     * @return {@link #ADDED} or {@link #OVER_BUDGET}.
     */
    synchronized int add(final long requestId, final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        if (heldBytes + length > maxBytes)
        {
            return OVER_BUDGET;
        }
        if (serverBytes.addAndGet(length) > maxServerBytes)
        {
            serverBytes.addAndGet(-length);
            return OVER_BUDGET;
        }
        heldBytes += length;
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[length]);
        frame.putBytes(0, buffer, offset, length);
        if (entries.isEmpty())
        {
            lastProgressNs = nowNs;
        }
        entries.addLast(new Entry(requestId, frame));
        size = entries.size();
        return ADDED;
    }

    /**
     * Sends what waits, in order, until the publication refuses or this cycle's share is sent. Poll thread.
     *
     * @param publication the session's publication.
     * @param sessionId   the session, named in each chunk.
     * @param maxOffers   the most offers this cycle.
     * @param nowNs       the time now.
     * @return true when a call's frame went out whole (its producer may go on).
     */
    synchronized boolean drain(final Publication publication, final long sessionId, final int maxOffers, final long nowNs)
    {
        boolean finished = false;
        for (int offers = 0; offers < maxOffers && !entries.isEmpty(); offers++)
        {
            final Entry entry = entries.peekFirst();
            final int length = entry.frame.capacity();
            final long result;
            if (length <= publication.maxMessageLength())
            {
                result = publication.offer(entry.frame, 0, length);
                if (result > 0)
                {
                    entry.position = length;
                }
            }
            else
            {
                result = chunkWriter.offer(publication, sessionId, entry.requestId, entry.frame, 0, length, entry.position);
                if (result > 0)
                {
                    entry.position = ChunkWriter.next(publication, length, entry.position);
                }
            }
            if (result <= 0)
            {
                break;
            }
            lastProgressNs = nowNs;
            if (entry.position == length)
            {
                entries.removeFirst();
                free(length);
                finished = true;
            }
        }
        size = entries.size();
        return finished;
    }

    /**
     * When a frame here last moved.
     *
     * @return the time; meaningless when empty.
     */
    synchronized long lastProgressNs()
    {
        return lastProgressNs;
    }

    /**
     * Drops the frames of a call that ended (cancelled): a frame partly sent stays, so the peer's reassembly is
     * not left with a torn frame.
     *
     * @param requestId the call.
     */
    synchronized void remove(final long requestId)
    {
        entries.removeIf(entry ->
        {
            if (entry.requestId == requestId && 0 == entry.position)
            {
                free(entry.frame.capacity());
                return true;
            }
            return false;
        });
        size = entries.size();
    }

    /**
     * Drops everything, when the session ends.
     */
    synchronized void clear()
    {
        for (final Entry entry : entries)
        {
            free(entry.frame.capacity());
        }
        entries.clear();
        size = 0;
    }

    synchronized long heldBytes()
    {
        return heldBytes;
    }

    private void free(final int length)
    {
        heldBytes -= length;
        serverBytes.addAndGet(-length);
    }
}
