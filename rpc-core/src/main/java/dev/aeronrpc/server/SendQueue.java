package dev.aeronrpc.server;

import io.aeron.Publication;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableRingBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The frames of one session that its publication refused (back pressure: the client reads too slowly), kept in
 * order for the poll thread to offer again, so that no thread of the server ever waits on a slow client.
 * <p>
 * Bounded in bytes: a client that lets more than the session's budget pile up is not reading its answers, and the
 * session is closed (its calls then fail at the client with UNAVAILABLE, or are retried by their guarantee). A
 * sender checks {@link #isEmpty()} without the lock; while anything is queued every frame of the session goes
 * through the queue, so a thread's frames keep their order.
 * <p>
 * Thread-safe: any sending thread appends, the poll thread drains.
 */
final class SendQueue
{
    private final ExpandableRingBuffer frames;
    private final ExpandableRingBuffer.MessageConsumer offerOne = this::offerOne;
    private Publication drainTo;
    private boolean refused;
    private volatile int queuedBytes;
    private long lastProgressNs;

    SendQueue(final int maxBytes)
    {
        this.frames = new ExpandableRingBuffer(0, org.agrona.BitUtil.findNextPositivePowerOfTwo(
            Math.max(ExpandableRingBuffer.HEADER_ALIGNMENT, maxBytes)), false);
    }

    /**
     * Whether nothing is waiting; read without the lock.
     *
     * @return true when a frame may be offered directly.
     */
    boolean isEmpty()
    {
        return 0 == queuedBytes;
    }

    /**
     * Bytes waiting.
     *
     * @return the queued bytes.
     */
    int queuedBytes()
    {
        return queuedBytes;
    }

    /**
     * Offers a frame directly when nothing is queued ahead of it, and queues it when the publication refuses it.
     *
     * @param publication the session's publication.
     * @param buffer      holding the frame.
     * @param offset      where it starts.
     * @param length      its length.
     * @return {@link #SENT}, {@link #QUEUED}, {@link #OVERFLOW} (over budget: the session must close) or
     * {@link #GONE} (the publication is closed or not connected).
     */
    int send(final Publication publication, final DirectBuffer buffer, final int offset, final int length)
    {
        if (0 == queuedBytes)
        {
            final long result = publication.offer(buffer, offset, length);
            if (result > 0)
            {
                return SENT;
            }
            if (Publication.BACK_PRESSURED != result && Publication.ADMIN_ACTION != result)
            {
                return GONE;
            }
        }
        synchronized (this)
        {
            if (0 == queuedBytes)
            {
                // Drained meanwhile: nothing is ahead of this frame any more.
                final long result = publication.offer(buffer, offset, length);
                if (result > 0)
                {
                    return SENT;
                }
                if (Publication.BACK_PRESSURED != result && Publication.ADMIN_ACTION != result)
                {
                    return GONE;
                }
                lastProgressNs = System.nanoTime();
            }
            if (!frames.append(buffer, offset, length))
            {
                return OVERFLOW;
            }
            queuedBytes = frames.size();
            return QUEUED;
        }
    }

    /**
     * Offers what is queued, in order, until the publication refuses one. Runs on the poll thread.
     *
     * @param publication the session's publication.
     * @param limitFrames the most frames to offer this time, so one session cannot hold the poll thread.
     * @param nowNs       the time now.
     * @return the bytes sent.
     */
    synchronized int drain(final Publication publication, final int limitFrames, final long nowNs)
    {
        if (0 == queuedBytes)
        {
            return 0;
        }
        drainTo = publication;
        refused = false;
        final int before = frames.size();
        frames.consume(offerOne, limitFrames);
        drainTo = null;
        queuedBytes = frames.size();
        final int sent = before - queuedBytes;
        if (sent > 0)
        {
            lastProgressNs = nowNs;
        }
        return sent;
    }

    /**
     * When the queue last moved: a frame went out of it, or it filled from empty.
     *
     * @return the time, on the nano clock; meaningless when empty.
     */
    synchronized long lastProgressNs()
    {
        return lastProgressNs;
    }

    /**
     * Drops everything, when the session ends.
     */
    synchronized void clear()
    {
        frames.reset(0);
        queuedBytes = 0;
    }

    private boolean offerOne(final MutableDirectBuffer buffer, final int offset, final int length, final int headOffset)
    {
        if (refused)
        {
            return false;
        }
        if (drainTo.offer(buffer, offset, length) > 0)
        {
            return true;
        }
        refused = true;
        return false;
    }

    /** The frame went out. */
    static final int SENT = 0;
    /** The frame waits in the queue; it will go out in order. */
    static final int QUEUED = 1;
    /** The queue is over its budget: the client does not read, and its session must end. */
    static final int OVERFLOW = 2;
    /** The publication is closed or not connected: nothing more can reach the client. */
    static final int GONE = 3;
}
