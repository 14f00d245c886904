package dev.aeronrpc.client;

import dev.aeronrpc.core.RpcException;
import org.agrona.sbe.MessageDecoderFlyweight;
import org.agrona.sbe.MessageEncoderFlyweight;

import java.util.Iterator;

/**
 * A bidirectional stream: the client sends items within the server's credit and reads the server's items within
 * its own, independently (a chat, a running total). Both halves end on their own: {@link #completeSending()} ends
 * the client's; the server's ends when its producer completes or fails it. {@link #cancel()} ends both.
 * <p>
 * Used by one thread at a time (send and read from the same thread, or hand the reading to another thread and
 * keep sending on this one: the halves share nothing but the connection).
 *
 * @param <E> the encoder of the client's items.
 * @param <D> the decoder of the server's items.
 */
public final class BidiStream<E extends MessageEncoderFlyweight, D extends MessageDecoderFlyweight>
    implements Iterator<D>, AutoCloseable
{
    private final ClientStream<D> inbound;
    private final Outbound<E> outbound;

    BidiStream(final ClientStream<D> inbound, final Outbound<E> outbound)
    {
        this.inbound = inbound;
        this.outbound = outbound;
    }

    /**
     * The next item's encoder: fill it, then {@link #send()}.
     *
     * @return the encoder.
     */
    public E item()
    {
        return outbound.item();
    }

    /**
     * Sends the item, waiting for credit if the server has granted none.
     *
     * @return true when sent; false when the stream has ended.
     * @throws RpcException DEADLINE_EXCEEDED when no credit comes before the deadline.
     */
    public boolean send()
    {
        return outbound.send();
    }

    /**
     * Ends the client's half: the server's handler sees its inbound stream complete.
     */
    public void completeSending()
    {
        outbound.complete();
        inbound.onSendingEnded();
    }

    /**
     * Waits for the server's next item.
     *
     * @return true when an item is ready, false when the server's half completed or the stream was cancelled.
     * @throws RpcException when the stream failed.
     */
    @Override
    public boolean hasNext()
    {
        return inbound.hasNext();
    }

    /**
     * The server's next item, valid until the following call.
     *
     * @return the item.
     */
    @Override
    public D next()
    {
        return inbound.next();
    }

    /**
     * The sequence number of the item {@link #next()} returned last.
     *
     * @return its number in the server's half, from 0.
     */
    public long lastSequence()
    {
        return inbound.lastSequence();
    }

    /**
     * Ends both halves and tells the server.
     */
    public void cancel()
    {
        inbound.cancel();
    }

    /**
     * Cancels the stream if either half is still open.
     */
    @Override
    public void close()
    {
        cancel();
    }
}
