package dev.aeronrpc.client;

import dev.aeronrpc.core.Payloads;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.core.StreamObserver;
import dev.aeronrpc.protocol.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.sbe.MessageDecoderFlyweight;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.Executor;

/**
 * The consuming end of a server stream (or of the server's half of a bidirectional one), read either as a blocking
 * {@link Iterator} on one thread at a time, or pushed to a {@link StreamObserver}.
 * <p>
 * <b>Credit.</b> The client grants the producer a window of items when it opens the stream; the producer sends no
 * more than it was granted. A blocking reader grants more as it consumes, half a window at a time, into a ring of
 * {@code window + 1} slots that therefore never overflows; an observer grants more with {@link #request(int)}.
 * A slow reader slows the producer; nothing queues up without bound.
 * <p>
 * <b>Nothing lost in silence.</b> Items carry sequence numbers and the producer's end says how many it sent: a gap,
 * or an end whose count disagrees with what arrived, ends the stream with {@link Status#DATA_LOSS}, never as if it
 * were complete.
 * <p>
 * <b>Ending.</b> A stream ends when the producer completes it ({@link #hasNext()} returns false, the observer hears
 * {@code onCompleted}), fails it (the status arrives as an {@link RpcException} from {@link #hasNext()}, or through
 * {@link StreamObserver#onError}), its deadline passes, the connection is lost (UNAVAILABLE; a stream does not
 * survive a reconnection), or the consumer {@link #cancel()}s it, which tells the producer; after a cancel,
 * {@link #hasNext()} throws an {@link RpcException} with CANCELLED and an observer hears {@code onError(CANCELLED)}.
 * {@link #status()} says how it ended.
 * <p>
 * <b>Threads.</b> An observer runs on the client's conductor thread, or on the call's executor; it must not block
 * the conductor. An exception it throws cancels the stream, at both ends, with UNKNOWN.
 *
 * @param <D> the item decoder type.
 */
public final class ClientStream<D extends MessageDecoderFlyweight> extends PendingCall
    implements Iterator<D>, AutoCloseable, ObserverInbox.Target
{
    private final RpcClient client;
    private final long requestId;
    private final long deadlineNs;
    private final D decoder;
    private final StreamObserver<D> observer;
    private final ObserverInbox inbox;
    private final MessageHeaderDecoder payloadHeader = new MessageHeaderDecoder();
    private final IdleStrategy idleStrategy;
    private final int window;
    private final CallSlot owner;
    private final boolean useInbox;
    private final boolean timed;
    private ItemRing ring;
    private long lastSequence = -1;
    private long expectedSequence;
    private volatile long produced;
    private volatile long consumed;
    private long granted;
    private long ungranted;
    private volatile boolean completed;
    private volatile Status status;
    private volatile String statusMessage;
    private volatile boolean observerEnded;
    private volatile boolean cancelledHere;
    private Outbound<?> outbound;

    ClientStream(
        final RpcClient client,
        final long requestId,
        final long deadlineNs,
        final D decoder,
        final StreamObserver<D> observer,
        final Executor executor,
        final int window,
        final CallSlot owner)
    {
        this.client = client;
        this.requestId = requestId;
        this.deadlineNs = deadlineNs;
        this.decoder = decoder;
        this.observer = observer;
        this.window = window;
        this.idleStrategy = client.context().idleStrategy();
        this.granted = window;
        this.owner = owner;
        // The item handed out last is not granted again until the next call: the ring has one slot more than the
        // window for it.
        this.ring = null == observer ? owner.takeRing(window + 1) : null;
        final Executor callbackExecutor = null != executor ? executor : client.context().callbackExecutor();
        this.inbox = null == observer ? null :
            new ObserverInbox(this, callbackExecutor, client.conductor(), client.context().errorHandler());
        this.useInbox = null != callbackExecutor;
        this.timed = deadlineNs - System.nanoTime() < CallOptions.NO_DEADLINE_NS / 2;
    }

    /**
     * Waits for the next item; in invoker mode, runs the client's duty cycle while it waits.
     *
     * @return true when an item is ready, false when the stream completed and every item was read.
     * @throws RpcException when the stream failed, was cancelled (CANCELLED) or lost items (DATA_LOSS).
     */
    @Override
    public boolean hasNext()
    {
        checkIterator();
        final IdleStrategy idle = idleStrategy;
        idle.reset();
        while (true)
        {
            // The end is read before the items: an item that arrived before the end is then seen below.
            final boolean completed = this.completed;
            final Status status = this.status;
            if (cancelledHere)
            {
                // Items still buffered are dropped: the reader asked for no more.
                throw new RpcException(Status.CANCELLED, statusMessage);
            }
            if (consumed < produced)
            {
                return true;
            }
            if (null != status && Status.OK != status)
            {
                throw new RpcException(status, statusMessage);
            }
            if (completed)
            {
                recycleRing();
                return false;
            }
            if (ungranted > 0)
            {
                grantUngranted();
            }
            final int workCount = client.driveWhileWaiting();
            if (System.nanoTime() - deadlineNs >= 0 && null != client.pendingCalls().remove(requestId))
            {
                end(Status.DEADLINE_EXCEEDED, "the stream's deadline passed", true);
            }
            idle.idle(workCount);
        }
    }

    /**
     * The next item, a flyweight valid until the following call to {@link #next()}.
     *
     * @return the item.
     * @throws NoSuchElementException when the stream has completed.
     */
    @Override
    public D next()
    {
        if (!hasNext())
        {
            throw new NoSuchElementException("the stream has ended");
        }
        final long position = consumed;
        final MutableDirectBuffer item = ring.buffer(position);
        final int itemLength = ring.length(position);
        lastSequence = ring.sequence(position);
        consumed = position + 1;
        final long grantable = position + window - granted;
        if (grantable >= Math.max(1, window / 2))
        {
            ungranted = grantable;
            grantUngranted();
        }
        final String problem = Payloads.check(payloadHeader, item, 0, itemLength, decoder);
        if (null != problem)
        {
            cancel(Status.INTERNAL, "unreadable item " + lastSequence + ": " + problem);
            throw new RpcException(Status.INTERNAL, statusMessage);
        }
        return Payloads.wrapDecoder(payloadHeader, item, 0, itemLength, decoder);
    }

    private void grantUngranted()
    {
        // Counted only once sent: credit refused by back pressure is granted again on the next read or wait.
        if (Status.OK == client.currentProxy().credit(client.connection(), requestId, (int)ungranted))
        {
            granted += ungranted;
            ungranted = 0;
        }
    }

    /**
     * The sequence number of the item the last {@link #next()} returned.
     *
     * @return its number in the stream, from 0.
     */
    public long lastSequence()
    {
        return lastSequence;
    }

    /**
     * Asks the producer for more items; for streams read by a {@link StreamObserver}.
     *
     * @param items how many more.
     * @return true when the credit was sent to the producer, or queued for the client's conductor to send as soon
     * as the publication takes it; false when the stream has ended or the connection is down (the call then ends
     * with its status).
     */
    public boolean request(final int items)
    {
        return items > 0 && isOpen() && client.sendCredit(requestId, items);
    }

    /**
     * Stops the stream: tells the producer, and ends this end with CANCELLED. Does nothing once it has ended.
     */
    public void cancel()
    {
        cancel(Status.CANCELLED, "cancelled by the client");
    }

    void cancel(final Status status, final String message)
    {
        if (null != client.pendingCalls().remove(requestId))
        {
            cancelledHere = Status.CANCELLED == status;
            end(status, message, true);
        }
        else if (isSending())
        {
            // A bidirectional stream whose server half completed, still sending: it is no longer pending.
            client.sendCancel(requestId);
            outbound.end(status, message);
        }
    }

    /**
     * Cancels the stream if it is still open.
     */
    @Override
    public void close()
    {
        cancel();
    }

    /**
     * Whether the stream ended, however it ended.
     *
     * @return true once completed, failed or cancelled.
     */
    public boolean isDone()
    {
        return completed || null != status;
    }

    /**
     * How the stream ended: OK once it completed with every item, the status of its failure, CANCELLED once
     * cancelled, or null while it runs.
     *
     * @return the status, or null.
     */
    public Status status()
    {
        final Status status = this.status;
        return null != status ? status : completed ? Status.OK : null;
    }

    /**
     * What ended the stream, in words, or null.
     *
     * @return the message.
     */
    public String statusMessage()
    {
        return statusMessage;
    }

    private boolean isOpen()
    {
        return !completed && null == status;
    }

    private void checkIterator()
    {
        if (null != observer)
        {
            throw new IllegalStateException("this stream's items go to its observer: it cannot also be iterated");
        }
    }

    /**
     * A stream that completed and was read to the end gives its ring back for the next stream of its call slot:
     * no item can arrive after the end.
     */
    private void recycleRing()
    {
        final ItemRing ring = this.ring;
        if (null != ring)
        {
            this.ring = null;
            owner.recycleRing(ring);
        }
    }

    /**
     * An item arrived. Runs on the conductor.
     */
    void onItem(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        if (sequence != expectedSequence)
        {
            lost("item " + sequence + " arrived where item " + expectedSequence + " was due: " +
                (sequence > expectedSequence ? (sequence - expectedSequence) + " items were lost" :
                "an item came twice"));
            return;
        }
        expectedSequence++;

        if (null != observer)
        {
            if (useInbox || client.conductor().isDeferring())
            {
                if (!inbox.offerItem(sequence, buffer, offset, length))
                {
                    failFromConductor(Status.RESOURCE_EXHAUSTED, "the observer fell behind by more than " +
                        ObserverInbox.MAX_BYTES + " bytes of items");
                }
            }
            else
            {
                deliverItem(buffer, offset, length, sequence);
            }
            return;
        }

        if (completed)
        {
            return;
        }
        final long produced = this.produced;
        if (produced - consumed >= window)
        {
            failFromConductor(Status.INTERNAL, "the producer sent more items than it was granted");
            return;
        }
        ring.put(produced, sequence, buffer, offset, length);
        this.produced = produced + 1;
    }

    @Override
    public void deliverItem(final DirectBuffer buffer, final int offset, final int length, final long sequence)
    {
        if (observerEnded || null != status)
        {
            return;
        }
        final String problem = Payloads.check(payloadHeader, buffer, offset, length, decoder);
        if (null != problem)
        {
            cancel(Status.INTERNAL, "unreadable item: " + problem);
            return;
        }
        try
        {
            observer.onNext(Payloads.wrapDecoder(payloadHeader, buffer, offset, length, decoder), sequence);
        }
        catch (final RuntimeException ex)
        {
            client.clientCounters().onCallbackFailed();
            cancel(Status.UNKNOWN, "the stream's observer threw " + ex);
        }
    }

    @Override
    public void deliverEnd(final Status status, final String message)
    {
        if (observerEnded)
        {
            return;
        }
        observerEnded = true;
        try
        {
            if (Status.OK == status)
            {
                observer.onCompleted();
            }
            else
            {
                observer.onError(status, message);
            }
        }
        catch (final RuntimeException ex)
        {
            client.clientCounters().onCallbackFailed();
            client.context().errorHandler().onError(ex);
        }
    }

    private void lost(final String what)
    {
        failFromConductor(Status.DATA_LOSS, what);
    }

    private void failFromConductor(final Status status, final String message)
    {
        if (null != client.pendingCalls().remove(requestId))
        {
            end(status, message, true);
        }
    }

    void outbound(final Outbound<?> outbound)
    {
        this.outbound = outbound;
    }

    boolean isSending()
    {
        return null != outbound && !outbound.isEnded();
    }

    /**
     * The client's half of a bidirectional stream ended: if the server's half has too, the stream is done.
     */
    void onSendingEnded()
    {
        if (completed)
        {
            client.pendingCalls().remove(requestId);
        }
    }

    long requestId()
    {
        return requestId;
    }

    void addCredit(final int more)
    {
        if (null != outbound)
        {
            outbound.addCredit(more);
        }
    }

    /**
     * The producer completed the stream after {@code items} items. Runs on the conductor; the stream stays pending
     * while the client's half of a bidirectional stream is still sending.
     *
     * @param items how many the producer says it sent.
     * @return true when the stream is fully done and may leave the table.
     */
    boolean onEnd(final long items)
    {
        if (items != expectedSequence)
        {
            lost("the stream ended after " + items + " items, but " + expectedSequence + " arrived");
            return false;
        }
        completed = true;
        if (null != observer)
        {
            deliverOrQueueEnd(Status.OK, null);
        }
        return !isSending();
    }

    private void deliverOrQueueEnd(final Status status, final String message)
    {
        if (useInbox || client.conductor().isDeferring() || !client.isConductorThread())
        {
            inbox.offerEnd(status, message);
        }
        else
        {
            deliverEnd(status, message);
        }
    }

    /**
     * Ends this end: records the status, tells the producer when it should stop, ends the client's half, and tells
     * the observer.
     */
    private void end(final Status status, final String message, final boolean tellProducer)
    {
        statusMessage = message;
        this.status = status;
        if (tellProducer)
        {
            client.sendCancel(requestId);
        }
        if (null != outbound)
        {
            outbound.end(status, message);
        }
        if (null != observer)
        {
            deliverOrQueueEnd(status, message);
        }
        client.onOutcome(status);
    }

    @Override
    long deadlineNs()
    {
        return deadlineNs;
    }

    @Override
    boolean timed()
    {
        return timed;
    }

    @Override
    void onResponse(final DirectBuffer buffer, final int offset, final int length)
    {
        end(Status.INTERNAL, "a single response arrived for a stream", true);
    }

    @Override
    void onError(final Status status, final String message)
    {
        // From the producer (its Error ends the stream), the timer (deadline), or a lost connection.
        end(status, message, Status.DEADLINE_EXCEEDED == status || Status.CANCELLED == status);
    }
}
