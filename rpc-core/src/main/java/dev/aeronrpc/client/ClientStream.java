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

/**
 * The consuming end of a server stream, read either as a blocking {@link Iterator} on one thread, or pushed to a
 * {@link StreamObserver} on the polling thread.
 * <p>
 * <b>Credit.</b> The client grants the producer a window of items when it opens the stream; the producer sends no
 * more than it was granted. A blocking reader grants more as it consumes, half a window at a time, into a ring of
 * {@code window + 1} slots that therefore never overflows; an observer grants more with {@link #request(int)}.
 * A slow reader slows the producer; nothing queues up without bound.
 * <p>
 * <b>Ending.</b> A stream ends when the producer completes it, fails it (the status arrives as an
 * {@link RpcException} from {@link #hasNext()}, or through {@link StreamObserver#onError}), its deadline passes,
 * the connection is lost (UNAVAILABLE; a stream does not survive a reconnection), or the consumer
 * {@link #cancel()}s it, which tells the producer.
 *
 * @param <D> the item decoder type.
 */
public final class ClientStream<D extends MessageDecoderFlyweight> implements PendingCall, Iterator<D>, AutoCloseable
{
    private final RpcClient client;
    private final long requestId;
    private final long deadlineNs;
    private final D decoder;
    private final StreamObserver<D> observer;
    private final MessageHeaderDecoder payloadHeader = new MessageHeaderDecoder();
    private final IdleStrategy idleStrategy;
    private final int window;
    private final CallSlot owner;
    private ItemRing ring;
    private long lastSequence = -1;
    private volatile long produced;
    private volatile long consumed;
    private long granted;
    private volatile boolean completed;
    private volatile Status failure;
    private volatile String failureMessage;
    private volatile boolean cancelled;
    private Outbound<?> outbound;

    ClientStream(
        final RpcClient client,
        final long requestId,
        final long deadlineNs,
        final D decoder,
        final StreamObserver<D> observer,
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
    }

    /**
     * Waits for the next item, polling the client while it waits.
     *
     * @return true when an item is ready, false when the stream completed (and every item was read) or was
     * cancelled (items still buffered are dropped).
     * @throws RpcException when the stream failed.
     */
    @Override
    public boolean hasNext()
    {
        final IdleStrategy idle = idleStrategy;
        idle.reset();
        while (true)
        {
            if (cancelled)
            {
                return false;
            }
            if (consumed < produced)
            {
                return true;
            }
            if (null != failure)
            {
                throw new RpcException(failure, failureMessage);
            }
            if (completed)
            {
                recycleRing();
                return false;
            }
            final int workCount = client.tryPoll();
            if (System.nanoTime() - deadlineNs >= 0 && null != client.pendingCalls().remove(requestId))
            {
                onError(Status.DEADLINE_EXCEEDED, "the stream's deadline passed");
            }
            idle.idle(workCount);
        }
    }

    /**
     * The next item, a flyweight valid until the following call to {@link #next()}.
     *
     * @return the item.
     */
    @Override
    public D next()
    {
        if (!hasNext())
        {
            throw new NoSuchElementException("the stream has ended");
        }
        final MutableDirectBuffer item = ring.buffer(consumed);
        final int itemLength = ring.length(consumed);
        lastSequence = ring.sequence(consumed);
        consumed++;
        final long grantable = consumed - 1 + window - granted;
        if (grantable >= Math.max(1, window / 2))
        {
            // Counted only once sent: credit lost to back pressure is granted again with the next item.
            if (Status.OK == client.proxy().credit(requestId, (int)grantable))
            {
                granted += grantable;
            }
        }
        payloadHeader.wrap(item, 0);
        return Payloads.wrapDecoder(payloadHeader, item, 0, itemLength, decoder);
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
     * @return true when the credit was sent to the producer; false when it was not (the stream has ended, the
     * connection is down, or the publication is back pressured), and the caller should ask again later for what
     * it still wants to grant.
     */
    public boolean request(final int items)
    {
        if (items > 0 && !cancelled && !completed && null == failure)
        {
            return Status.OK == client.proxy().credit(requestId, items);
        }
        return false;
    }

    /**
     * Stops the stream: tells the producer, and ends this end. An observer hears CANCELLED; an iterator ends.
     */
    public void cancel()
    {
        final boolean wasPending = null != client.pendingCalls().remove(requestId);
        if (wasPending || isSending())
        {
            cancelled = true;
            client.proxy().cancel(requestId);
            if (null != outbound)
            {
                outbound.end("cancelled by the client");
            }
            if (wasPending && null != observer)
            {
                observer.onError(Status.CANCELLED, "cancelled by the consumer");
            }
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
        return completed || cancelled || null != failure;
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

    void onItem(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        if (null != observer)
        {
            final String problem = Payloads.check(payloadHeader, buffer, offset, length, decoder);
            if (null != problem)
            {
                if (null != client.pendingCalls().remove(requestId))
                {
                    client.proxy().cancel(requestId);
                    onError(Status.INTERNAL, "unreadable item: " + problem);
                }
                return;
            }
            try
            {
                observer.onNext(Payloads.wrapDecoder(payloadHeader, buffer, offset, length, decoder), sequence);
            }
            catch (final RuntimeException ex)
            {
                client.context().errorHandler().onError(ex);
            }
            return;
        }

        if (completed)
        {
            // Nothing may follow the end; the ring may already serve another stream.
            return;
        }
        final long produced = this.produced;
        if (produced - consumed >= window)
        {
            // The producer sent beyond its credit: a broken producer, not a slow reader.
            if (null != client.pendingCalls().remove(requestId))
            {
                client.proxy().cancel(requestId);
                onError(Status.INTERNAL, "the producer sent more items than it was granted");
            }
            return;
        }
        ring.put(produced, sequence, buffer, offset, length);
        this.produced = produced + 1;
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

    void onEnd()
    {
        completed = true;
        if (null != observer)
        {
            observer.onCompleted();
        }
    }

    @Override
    public long deadlineNs()
    {
        return deadlineNs;
    }

    @Override
    public void onResponse(final DirectBuffer buffer, final int offset, final int length)
    {
        onError(Status.INTERNAL, "a single response arrived for a stream");
    }

    @Override
    public void onError(final Status status, final String message)
    {
        if (Status.DEADLINE_EXCEEDED == status || Status.CANCELLED == status)
        {
            client.proxy().cancel(requestId);
        }
        failureMessage = message;
        failure = status;
        if (null != outbound)
        {
            outbound.end(status + ": " + message);
        }
        if (null != observer)
        {
            observer.onError(status, message);
        }
    }
}
