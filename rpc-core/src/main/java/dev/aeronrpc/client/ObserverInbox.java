package dev.aeronrpc.client;

import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.ExpandableRingBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The items and the end of a stream whose observer does not run on the conductor (it has an executor, or the
 * conductor is running inside a blocking call in invoker mode): the conductor copies them in, in order, and one
 * drain at a time hands them to the observer, on the executor or at the conductor's next {@code poll()}.
 * <p>
 * What it holds is bounded by the credit the observer granted: the producer sends no more. A producer that sends
 * more anyway, beyond {@link #MAX_BYTES}, fails the stream rather than grow memory without bound.
 */
final class ObserverInbox implements Runnable
{
    /** The most bytes of items held for one observer. */
    static final int MAX_BYTES = 64 * 1024 * 1024;

    /**
     * Where the drained items go: the stream, which decodes them and calls its observer.
     */
    interface Target
    {
        void deliverItem(DirectBuffer buffer, int offset, int length, long sequence);

        void deliverEnd(Status status, String message);
    }

    private final ExpandableRingBuffer items = new ExpandableRingBuffer(0, MAX_BYTES, false);
    private final ExpandableArrayBuffer in = new ExpandableArrayBuffer(256);
    private final ExpandableArrayBuffer out = new ExpandableArrayBuffer(256);
    private final ExpandableRingBuffer.MessageConsumer takeOne = this::takeOne;
    private final Target target;
    private final Executor executor;
    private final ClientConductor conductor;
    private final org.agrona.ErrorHandler errorHandler;
    private int outLength;
    private boolean took;
    private boolean scheduled;
    private boolean ended;
    private boolean endDelivered;
    private Status endStatus;
    private String endMessage;

    ObserverInbox(
        final Target target,
        final Executor executor,
        final ClientConductor conductor,
        final org.agrona.ErrorHandler errorHandler)
    {
        this.target = target;
        this.executor = executor;
        this.conductor = conductor;
        this.errorHandler = errorHandler;
    }

    /**
     * Copies an item in. Runs on the conductor.
     *
     * @return false when the inbox is full: the producer ignored its credit.
     */
    boolean offerItem(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        in.putLong(0, sequence);
        in.putBytes(Long.BYTES, buffer, offset, length);
        final boolean schedule;
        synchronized (this)
        {
            if (ended || !items.append(in, 0, Long.BYTES + length))
            {
                return ended;
            }
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule)
        {
            schedule();
        }
        return true;
    }

    /**
     * Records the end, delivered after every item already in. Runs on the conductor, or the thread that cancels.
     */
    void offerEnd(final Status status, final String message)
    {
        final boolean schedule;
        synchronized (this)
        {
            if (ended)
            {
                return;
            }
            ended = true;
            endStatus = status;
            endMessage = message;
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule)
        {
            schedule();
        }
    }

    private void schedule()
    {
        if (null == executor)
        {
            conductor.defer(this);
            return;
        }
        try
        {
            executor.execute(this);
        }
        catch (final RejectedExecutionException ex)
        {
            errorHandler.onError(new RpcException(Status.INTERNAL,
                "a stream observer's executor refused it; the observer ran on the client's thread", ex));
            conductor.defer(this);
        }
    }

    /**
     * Hands everything in to the observer, one item at a time, outside the lock.
     */
    @Override
    public void run()
    {
        while (true)
        {
            Status status = null;
            String message = null;
            synchronized (this)
            {
                took = false;
                items.consume(takeOne, Integer.MAX_VALUE);
                if (!took)
                {
                    if (ended && !endDelivered)
                    {
                        endDelivered = true;
                        status = endStatus;
                        message = endMessage;
                    }
                    else
                    {
                        scheduled = false;
                        return;
                    }
                }
            }
            if (null != status)
            {
                target.deliverEnd(status, message);
            }
            else
            {
                target.deliverItem(out, Long.BYTES, outLength - Long.BYTES, out.getLong(0));
            }
        }
    }

    private boolean takeOne(final MutableDirectBuffer buffer, final int offset, final int length, final int headOffset)
    {
        if (took)
        {
            return false;
        }
        out.putBytes(0, buffer, offset, length);
        outLength = length;
        took = true;
        return true;
    }
}
