package dev.aeronrpc.client;

import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import org.agrona.sbe.MessageDecoderFlyweight;
import org.agrona.sbe.MessageEncoderFlyweight;

import java.util.Iterator;

/**
 * A bidirectional stream: the client sends items within the server's credit and reads the server's items within
 * its own window, independently (a chat, a running total). Both halves end on their own:
 * {@link #completeSending()} ends the client's; the server's ends when its producer completes or fails it.
 * {@link #cancel()} ends both, at both ends, with CANCELLED.
 * <p>
 * The server's items are read with the iterator, or, in the asynchronous form (opened with an observer), pushed to
 * the observer, which asks for more with {@link #request(int)}; the client's are sent with {@link #send()} (which
 * waits for credit) or {@link #trySend()} within the credit the {@link #onReady} callback announces.
 * <p>
 * Each half is used by one thread at a time: send and read from the same thread, or hand the reading to another
 * thread and keep sending on this one.
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
     * Sends the item if the server has credit for it, without waiting.
     *
     * @return true when sent; false when there is no credit now or the stream has ended.
     */
    public boolean trySend()
    {
        return outbound.trySend();
    }

    /**
     * Hears when the server grants credit for the client's items; it runs on the client's thread and must not
     * block.
     *
     * @param readyListener the callback, or null for none.
     */
    public void onReady(final Runnable readyListener)
    {
        outbound.onReady(readyListener);
    }

    /**
     * Items the server has room for now.
     *
     * @return the credit.
     */
    public long credit()
    {
        return outbound.credit();
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
     * @return true when an item is ready, false when the server's half completed.
     * @throws RpcException when the stream failed or was cancelled.
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
     * Asks the server for more items, when they go to an observer.
     *
     * @param items how many more.
     * @return true when the credit was sent, or queued to be sent; false once the stream has ended or the
     * connection is down.
     */
    public boolean request(final int items)
    {
        return inbound.request(items);
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
     * How the server's half ended, or null while it runs; see {@link ClientStream#status()}.
     *
     * @return the status.
     */
    public Status status()
    {
        return inbound.status();
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
