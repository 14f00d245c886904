package dev.aeronrpc.core;

import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;


/**
 * Frames arriving in chunks from one peer, put back together: one buffer per call, of the frame's declared length
 * (checked against the largest message allowed and against the memory budget before anything is allocated), filled
 * in order, handed on whole when its last chunk arrives and freed then, or when the call ends, the peer goes, or
 * no chunk has come for the timeout.
 * <p>
 * Budgets: each peer's reassemblies together hold at most {@code maxBytes}; all peers' of one client or server
 * together share a {@link Budget}. Owned by one thread (the poll thread of a server, the conductor of a client).
 */
public final class Reassembly
{
    /** The chunk was taken; the frame is not complete yet. */
    public static final int IN_PROGRESS = 0;
    /** The chunk completed the frame: read it from {@link #completed()}, then {@link #release}. */
    public static final int COMPLETE = 1;
    /** The chunk is not the next one of its frame (Aeron delivers in order, so the peer broke the protocol). */
    public static final int OUT_OF_ORDER = 2;
    /** The frame's declared length exceeds the largest message allowed, or is not positive. */
    public static final int TOO_LARGE = 3;
    /** Taking the frame would exceed this peer's or the process's reassembly budget. */
    public static final int OVER_BUDGET = 4;
    /** A later chunk of a frame already refused: dropped without another word. */
    public static final int DISCARDED = 5;

    private static final int ABANDONED_REMEMBERED = 64;

    /** Memory shared by all reassemblies of a process side (one server, one client). */
    public static final class Budget
    {
        private final long maxBytes;
        private long usedBytes;

        /**
         * A budget.
         *
         * @param maxBytes bytes at most.
         */
        public Budget(final long maxBytes)
        {
            this.maxBytes = maxBytes;
        }

        boolean take(final long bytes)
        {
            if (usedBytes + bytes > maxBytes)
            {
                return false;
            }
            usedBytes += bytes;
            return true;
        }

        void give(final long bytes)
        {
            usedBytes -= bytes;
        }

        /**
         * Bytes held now.
         *
         * @return bytes.
         */
        public long usedBytes()
        {
            return usedBytes;
        }
    }

    private static final class Frame
    {
        final UnsafeBuffer buffer;
        int received;
        long lastChunkNs;

        Frame(final int totalLength)
        {
            buffer = new UnsafeBuffer(new byte[totalLength]);
        }
    }

    private final Long2ObjectHashMap<Frame> byRequestId = new Long2ObjectHashMap<>();
    private final int maxMessageLength;
    private final long maxBytes;
    private final Budget budget;
    private final long[] abandoned = new long[ABANDONED_REMEMBERED];
    private int abandonedNext;
    private long heldBytes;
    private Frame completed;

    /**
     * Reassembly for one peer.
     *
     * @param maxMessageLength the largest frame accepted.
     * @param maxBytes         bytes this peer's reassemblies may hold at once.
     * @param budget           the budget shared with the other peers.
     */
    public Reassembly(final int maxMessageLength, final long maxBytes, final Budget budget)
    {
        this.maxMessageLength = maxMessageLength;
        this.maxBytes = maxBytes;
        this.budget = budget;
    }

    /**
     * Takes a chunk.
     *
     * @param requestId   the call.
     * @param totalLength the whole frame's declared length.
     * @param offset      where the chunk starts in the frame.
     * @param buffer      holding the chunk's bytes.
     * @param chunkOffset where they start.
     * @param chunkLength how many there are.
     * @param nowNs       the time now.
     * @return {@link #IN_PROGRESS}, {@link #COMPLETE}, {@link #OUT_OF_ORDER}, {@link #TOO_LARGE} or
     * {@link #OVER_BUDGET}; after any but the first two, nothing of the frame is held any more.
     */
    public int onChunk(
        final long requestId,
        final int totalLength,
        final int offset,
        final DirectBuffer buffer,
        final int chunkOffset,
        final int chunkLength,
        final long nowNs)
    {
        Frame frame = byRequestId.get(requestId);
        if (0 == offset)
        {
            // A first chunk starts the frame afresh: a call sent again after its first attempt broke off.
            release(requestId);
            if (totalLength <= 0 || totalLength > maxMessageLength)
            {
                abandon(requestId);
                return TOO_LARGE;
            }
            if (heldBytes + totalLength > maxBytes || !budget.take(totalLength))
            {
                abandon(requestId);
                return OVER_BUDGET;
            }
            heldBytes += totalLength;
            frame = new Frame(totalLength);
            byRequestId.put(requestId, frame);
        }
        if (null == frame && wasAbandoned(requestId))
        {
            return DISCARDED;
        }
        if (null == frame || offset != frame.received || totalLength != frame.buffer.capacity() ||
            chunkLength <= 0 || chunkLength > totalLength - offset)
        {
            release(requestId);
            abandon(requestId);
            return OUT_OF_ORDER;
        }
        frame.buffer.putBytes(offset, buffer, chunkOffset, chunkLength);
        frame.received += chunkLength;
        frame.lastChunkNs = nowNs;
        if (frame.received == totalLength)
        {
            completed = frame;
            return COMPLETE;
        }
        return IN_PROGRESS;
    }

    /**
     * The frame the last chunk completed, valid until {@link #release}.
     *
     * @return the whole frame.
     */
    public DirectBuffer completed()
    {
        return completed.buffer;
    }

    /**
     * Frees what is held for a call.
     *
     * @param requestId the call.
     */
    public void release(final long requestId)
    {
        final Frame frame = byRequestId.remove(requestId);
        if (null != frame)
        {
            free(frame);
        }
    }

    /**
     * Frees the frames no chunk has come for since the timeout.
     *
     * @param nowNs     the time now.
     * @param timeoutNs how long a frame may wait for its next chunk.
     * @param expired   told the request id of each frame freed.
     * @return how many were freed.
     */
    public int expire(final long nowNs, final long timeoutNs, final java.util.function.LongConsumer expired)
    {
        if (byRequestId.isEmpty())
        {
            return 0;
        }
        int count = 0;
        for (final Long2ObjectHashMap<Frame>.KeyIterator it = byRequestId.keySet().iterator(); it.hasNext(); )
        {
            final long requestId = it.nextLong();
            final Frame frame = byRequestId.get(requestId);
            if (nowNs - frame.lastChunkNs > timeoutNs)
            {
                it.remove();
                free(frame);
                abandon(requestId);
                expired.accept(requestId);
                count++;
            }
        }
        return count;
    }

    /**
     * Frees what is held for a call and drops its later chunks quietly: the call ended (cancelled, past its
     * deadline) while its frame was arriving.
     *
     * @param requestId the call.
     */
    public void abandon(final long requestId)
    {
        release(requestId);
        if (!wasAbandoned(requestId))
        {
            abandoned[abandonedNext] = requestId;
            abandonedNext = (abandonedNext + 1) % ABANDONED_REMEMBERED;
        }
    }

    private boolean wasAbandoned(final long requestId)
    {
        for (final long id : abandoned)
        {
            if (id == requestId && 0 != id)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Frees everything, when the peer goes.
     */
    public void clear()
    {
        for (final Frame frame : byRequestId.values())
        {
            free(frame);
        }
        byRequestId.clear();
    }

    /**
     * Bytes this peer's reassemblies hold.
     *
     * @return bytes.
     */
    public long heldBytes()
    {
        return heldBytes;
    }

    private void free(final Frame frame)
    {
        heldBytes -= frame.buffer.capacity();
        budget.give(frame.buffer.capacity());
        if (completed == frame)
        {
            completed = null;
        }
    }
}
