package dev.aeronrpc.labs.streaming.lab;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * The two Aeron streams a stream needs, over IPC: items from producer to consumer, control (credit, cancel) from
 * consumer to producer. Each send is one {@code offer}, and returns false when Aeron refuses it (back pressure):
 * try again on a later duty cycle. It counts what each side sent, for the grader.
 * <pre>
 * data:    ITEM  (type 1 | sequence long | value long)    END (type 2 | count long)
 * control: CREDIT (type 3 | items int)                    CANCEL (type 4)
 * </pre>
 */
public final class Link implements AutoCloseable
{
    /** Hears the control frames the consumer sent. */
    public interface ControlListener
    {
        void onCredit(int items);

        void onCancel();
    }

    /** Hears the data frames the producer sent. */
    public interface DataListener
    {
        void onItem(long sequence, long value);

        void onEnd(long count);
    }

    public static final int DATA_STREAM_ID = 5001;
    public static final int CONTROL_STREAM_ID = 5002;

    private final ExclusivePublication dataPublication;
    private final Subscription dataSubscription;
    private final ExclusivePublication controlPublication;
    private final Subscription controlSubscription;
    private final UnsafeBuffer dataBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(32));
    private final UnsafeBuffer controlBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(16));
    private volatile long itemsSent;
    private volatile long creditGranted;
    private volatile long cancelsSent;
    private volatile long endsSent;
    private ControlListener controlListener;
    private DataListener dataListener;
    private final FragmentHandler onControl = this::onControl;
    private final FragmentHandler onData = this::onData;

    /**
     * @param aeron    to add the publications and subscriptions with.
     * @param channel  of both streams, such as {@code aeron:ipc}.
     * @param streamIdOffset added to both stream ids, so several links can share a driver.
     */
    public Link(final Aeron aeron, final String channel, final int streamIdOffset)
    {
        dataSubscription = aeron.addSubscription(channel, DATA_STREAM_ID + streamIdOffset);
        controlSubscription = aeron.addSubscription(channel, CONTROL_STREAM_ID + streamIdOffset);
        dataPublication = aeron.addExclusivePublication(channel, DATA_STREAM_ID + streamIdOffset);
        controlPublication = aeron.addExclusivePublication(channel, CONTROL_STREAM_ID + streamIdOffset);
    }

    /**
     * @return whether both directions are connected.
     */
    public boolean isConnected()
    {
        return dataPublication.isConnected() && controlPublication.isConnected();
    }

    // ---- the producer's side ----

    /**
     * Sends one item.
     *
     * @return false when Aeron refused it: nothing was sent.
     */
    public boolean sendItem(final long sequence, final long value)
    {
        dataBuffer.putInt(0, 1);
        dataBuffer.putLong(8, sequence);
        dataBuffer.putLong(16, value);
        if (dataPublication.offer(dataBuffer, 0, 24) > 0)
        {
            itemsSent++;
            return true;
        }
        return false;
    }

    /**
     * Sends the end of a finite stream.
     *
     * @param count items the stream had.
     * @return false when Aeron refused it.
     */
    public boolean sendEnd(final long count)
    {
        dataBuffer.putInt(0, 2);
        dataBuffer.putLong(8, count);
        if (dataPublication.offer(dataBuffer, 0, 16) > 0)
        {
            endsSent++;
            return true;
        }
        return false;
    }

    /**
     * Reads control frames the consumer sent.
     *
     * @param listener to hear them.
     * @param limit    of frames to read.
     * @return frames read.
     */
    public int pollControl(final ControlListener listener, final int limit)
    {
        controlListener = listener;
        return controlSubscription.poll(onControl, limit);
    }

    // ---- the consumer's side ----

    /**
     * Grants the producer more items.
     *
     * @param items to add to its credit, positive.
     * @return false when Aeron refused it.
     */
    public boolean sendCredit(final int items)
    {
        if (items <= 0)
        {
            throw new IllegalArgumentException("credit must be positive: " + items);
        }
        controlBuffer.putInt(0, 3);
        controlBuffer.putInt(4, items);
        if (controlPublication.offer(controlBuffer, 0, 8) > 0)
        {
            creditGranted += items;
            return true;
        }
        return false;
    }

    /**
     * Asks the producer to stop.
     *
     * @return false when Aeron refused it.
     */
    public boolean sendCancel()
    {
        controlBuffer.putInt(0, 4);
        if (controlPublication.offer(controlBuffer, 0, 4) > 0)
        {
            cancelsSent++;
            return true;
        }
        return false;
    }

    /**
     * Reads data frames the producer sent.
     *
     * @param listener to hear them.
     * @param limit    of frames to read: the most items this call can deliver.
     * @return frames read.
     */
    public int pollData(final DataListener listener, final int limit)
    {
        dataListener = listener;
        return dataSubscription.poll(onData, limit);
    }

    // ---- counts, for the grader ----

    public long itemsSent()
    {
        return itemsSent;
    }

    public long creditGranted()
    {
        return creditGranted;
    }

    public long cancelsSent()
    {
        return cancelsSent;
    }

    public long endsSent()
    {
        return endsSent;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(dataPublication, controlPublication, dataSubscription, controlSubscription);
    }

    private void onControl(final DirectBuffer buffer, final int offset, final int length,
        final io.aeron.logbuffer.Header header)
    {
        switch (buffer.getInt(offset))
        {
            case 3 -> controlListener.onCredit(buffer.getInt(offset + 4));
            case 4 -> controlListener.onCancel();
            default -> { }
        }
    }

    private void onData(final DirectBuffer buffer, final int offset, final int length,
        final io.aeron.logbuffer.Header header)
    {
        switch (buffer.getInt(offset))
        {
            case 1 -> dataListener.onItem(buffer.getLong(offset + 8), buffer.getLong(offset + 16));
            case 2 -> dataListener.onEnd(buffer.getLong(offset + 8));
            default -> { }
        }
    }
}
