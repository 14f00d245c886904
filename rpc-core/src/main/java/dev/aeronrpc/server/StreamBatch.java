package dev.aeronrpc.server;

import dev.aeronrpc.core.Status;
import dev.aeronrpc.protocol.MessageHeaderEncoder;
import dev.aeronrpc.protocol.StreamItemsEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteOrder;

/**
 * Small stream items the poll thread sends, gathered into one StreamItems frame per stream until the duty cycle
 * ends (or the frame is full, or the stream ends, or another stream sends): one Aeron message for many items, where
 * an item each costs the publication most of a producer's time. Items larger than {@link #MAX_ITEM_BYTES} go alone,
 * in place, as before.
 * <p>
 * The frame is a StreamItems message of the protocol schema: its block, then an SBE group of one var-data field per
 * item, each the user's SBE message. Poll thread only.
 */
final class StreamBatch
{
    /** Items at most this long are gathered; longer ones are sent on their own, without a copy. */
    static final int MAX_ITEM_BYTES = 1024;
    /** A batch goes out once it holds this many bytes. */
    static final int MAX_BATCH_BYTES = 16 * 1024;

    private static final int BLOCK_OFFSET = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int GROUP_HEADER_OFFSET = BLOCK_OFFSET + StreamItemsEncoder.BLOCK_LENGTH;
    private static final int FIRST_ITEM_OFFSET = GROUP_HEADER_OFFSET + 4;
    private static final int MAX_ITEMS = 65_535;

    private final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(MAX_BATCH_BYTES + MAX_ITEM_BYTES + 64);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final StreamItemsEncoder itemsEncoder = new StreamItemsEncoder();
    private final ServerProxy proxy;
    private Session session;
    private StreamSink<?> sink;
    private int count;
    private int limit;

    StreamBatch(final ServerProxy proxy)
    {
        this.proxy = proxy;
    }

    /**
     * Whether an item of this length may join a batch.
     *
     * @param payloadLength the item's length.
     * @param routeLimit    the largest frame the route to the client carries.
     * @return true for small items.
     */
    static boolean fits(final int payloadLength, final int routeLimit)
    {
        return payloadLength <= MAX_ITEM_BYTES && FIRST_ITEM_OFFSET + MAX_BATCH_BYTES + 4 + MAX_ITEM_BYTES <= routeLimit;
    }

    /**
     * Adds an item, copied from where the producer encoded it; sends what was gathered for another stream first.
     *
     * @param sink     the stream.
     * @param session  its session.
     * @param sequence the item's sequence number.
     * @param buffer   holding the item.
     * @param offset   where it starts.
     * @param length   its length.
     * @return OK, or the status of a send that failed (the batch before this item could not go out).
     */
    Status add(
        final StreamSink<?> sink,
        final Session session,
        final long sequence,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        Status status = Status.OK;
        if (this.sink != sink && 0 != count)
        {
            status = flush();
        }
        if (0 == count)
        {
            this.sink = sink;
            this.session = session;
            itemsEncoder.wrapAndApplyHeader(frame, 0, headerEncoder)
                .requestId(sink.requestId())
                .firstSequence(sequence);
            limit = FIRST_ITEM_OFFSET;
        }
        frame.putInt(limit, length, ByteOrder.LITTLE_ENDIAN);
        frame.putBytes(limit + 4, buffer, offset, length);
        limit += 4 + length;
        count++;
        if (limit >= MAX_BATCH_BYTES || MAX_ITEMS == count)
        {
            final Status flushed = flush();
            return Status.OK == status ? flushed : status;
        }
        return status;
    }

    /**
     * Sends what was gathered, if anything.
     *
     * @return OK when sent or queued, else why not.
     */
    Status flush()
    {
        if (0 == count)
        {
            return Status.OK;
        }
        // The group header: the entries' block length (none: each holds just its var data) and their number.
        frame.putShort(GROUP_HEADER_OFFSET, (short)0, ByteOrder.LITTLE_ENDIAN);
        frame.putShort(GROUP_HEADER_OFFSET + 2, (short)count, ByteOrder.LITTLE_ENDIAN);
        final Session session = this.session;
        final StreamSink<?> sink = this.sink;
        final int length = limit;
        count = 0;
        this.session = null;
        this.sink = null;
        final Status sent = proxy.sendFrame(session, frame, length, sink.requestId());
        if (Status.UNAVAILABLE == sent)
        {
            sink.cancel();
        }
        return sent;
    }

    /**
     * Sends what was gathered for this stream, before its end goes out.
     *
     * @param sink the stream.
     */
    void flush(final StreamSink<?> sink)
    {
        if (this.sink == sink)
        {
            flush();
        }
    }

    /**
     * Drops what was gathered for a session that is closing.
     *
     * @param session the session.
     */
    void discard(final Session session)
    {
        if (this.session == session)
        {
            count = 0;
            this.session = null;
            this.sink = null;
        }
    }

    boolean isEmpty()
    {
        return 0 == count;
    }
}
