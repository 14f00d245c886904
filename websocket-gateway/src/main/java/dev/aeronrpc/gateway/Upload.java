package dev.aeronrpc.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aeronrpc.client.BidiStream;
import dev.aeronrpc.client.ClientStreamCall;
import dev.aeronrpc.core.RawMessageDecoder;
import dev.aeronrpc.core.RawMessageEncoder;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.gateway.json.JsonConversionException;
import dev.aeronrpc.gateway.json.MessageType;
import org.agrona.ExpandableArrayBuffer;

/**
 * The browser's half of a client or bidirectional stream: item frames from the browser become items sent to the
 * service, paced by the service's credit, and the browser's end frame ends the half.
 * <p>
 * <b>Credit is mirrored, nothing queues.</b> The gateway tells the browser, with credit frames, exactly the credit
 * the service has granted, as the service grants it. An item within that credit goes straight to the service with
 * the non-blocking {@code trySend}, so the gateway holds no item and never waits for credit on a Jetty thread. An
 * item beyond it breaks the protocol: the call fails with RESOURCE_EXHAUSTED and is cancelled at the service.
 * <p>
 * <b>A bad item ends the call.</b> An item that does not convert fails the call with INVALID_ARGUMENT, naming the
 * field, and cancels it at the service, so that the service never sees a stream with an item missing.
 * <p>
 * <b>Threading.</b> Items and the end arrive on Jetty threads, one frame at a time per connection; credit arrives
 * on the client's thread. Both run under this object's lock, which also orders credit frames before the call's
 * terminal frame: once {@link #close()} has returned, no credit frame is sent.
 */
final class Upload
{
    /**
     * The sending half of the runtime's call: a {@link ClientStreamCall} or a {@link BidiStream}.
     */
    interface Sender
    {
        RawMessageEncoder item();

        boolean trySend();

        long credit();

        void completeSending();

        void onReady(Runnable listener);

        static Sender of(final ClientStreamCall<RawMessageEncoder, RawMessageDecoder> call)
        {
            return new Sender()
            {
                public RawMessageEncoder item()
                {
                    return call.item();
                }

                public boolean trySend()
                {
                    return call.trySend();
                }

                public long credit()
                {
                    return call.credit();
                }

                public void completeSending()
                {
                    call.completeSending();
                }

                public void onReady(final Runnable listener)
                {
                    call.onReady(listener);
                }
            };
        }

        static Sender of(final BidiStream<RawMessageEncoder, RawMessageDecoder> stream)
        {
            return new Sender()
            {
                public RawMessageEncoder item()
                {
                    return stream.item();
                }

                public boolean trySend()
                {
                    return stream.trySend();
                }

                public long credit()
                {
                    return stream.credit();
                }

                public void completeSending()
                {
                    stream.completeSending();
                }

                public void onReady(final Runnable listener)
                {
                    stream.onReady(listener);
                }
            };
        }
    }

    /**
     * Fails the whole call: sends its error frame and cancels it at the service.
     */
    interface Failure
    {
        void fail(Status status, String message);
    }

    private final GatewayConnection connection;
    private final JsonNode id;
    private final MessageType itemType;
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(256);
    private Failure failure;
    private Sender sender;
    private long sent;
    private long announced;
    private boolean completed;
    private boolean closed;

    Upload(final GatewayConnection connection, final JsonNode id, final MessageType itemType)
    {
        this.connection = connection;
        this.id = id;
        this.itemType = itemType;
    }

    /**
     * Says how a broken upload fails its call.
     *
     * @param failure ends the call with an error and cancels it.
     */
    void onFailure(final Failure failure)
    {
        this.failure = failure;
    }

    /**
     * Hands over the runtime's sending half, and starts mirroring its credit to the browser.
     *
     * @param sender the open call's sending half.
     */
    void sender(final Sender sender)
    {
        final boolean endedFirst;
        synchronized (this)
        {
            this.sender = sender;
            endedFirst = completed;
        }
        sender.onReady(this::announceCredit);
        if (endedFirst)
        {
            sender.completeSending();
        }
    }

    /**
     * The service granted credit (on the client's thread): tells the browser how many more items it may send.
     */
    private void announceCredit()
    {
        synchronized (this)
        {
            if (closed || completed || null == sender)
            {
                return;
            }
            final long granted = sender.credit() + sent;
            if (granted > announced)
            {
                connection.send(Frames.credit(id, granted - announced));
                announced = granted;
            }
        }
    }

    /**
     * An item frame from the browser.
     *
     * @param item the item as JSON; null or missing for all fields at their defaults.
     */
    void onItem(final JsonNode item)
    {
        final Status status;
        final String message;
        synchronized (this)
        {
            if (closed)
            {
                // The call is ending: its terminal frame is on its way.
                return;
            }
            if (completed)
            {
                status = Status.FAILED_PRECONDITION;
                message = "an item after the browser's end frame";
            }
            else if (null == sender || sent >= announced)
            {
                status = Status.RESOURCE_EXHAUSTED;
                message = "an item beyond the credit granted: " + announced + " items granted, " + sent +
                    " sent; wait for a credit frame";
            }
            else
            {
                final Problem problem = trySend(item);
                if (null == problem)
                {
                    sent++;
                    return;
                }
                status = problem.status();
                message = problem.message();
            }
        }
        // Outside the lock: failing takes the call's own lock, which is held while this one is taken.
        failure.fail(status, message);
    }

    private record Problem(Status status, String message)
    {
    }

    /**
     * Converts and sends one item within credit.
     *
     * @return null when sent, else what went wrong.
     */
    private Problem trySend(final JsonNode item)
    {
        final int length;
        try
        {
            length = itemType.encode(item, scratch, 0);
        }
        catch (final JsonConversionException ex)
        {
            return new Problem(Status.INVALID_ARGUMENT, itemType.name() + " item " + sent + ": " + ex.getMessage());
        }
        // The sender's encoder lies over its own growable frame: the body is copied in behind its header.
        final RawMessageEncoder encoder = sender.item();
        encoder.buffer().putBytes(encoder.offset(), scratch, 0, length);
        encoder.limit(encoder.offset() + length);
        try
        {
            return sender.trySend() ? null : new Problem(Status.UNAVAILABLE,
                "item " + sent + " not sent: the call has ended or the service cannot be reached");
        }
        catch (final RpcException ex)
        {
            return new Problem(ex.status(), "item " + sent + " not sent: " + ex.description());
        }
    }

    /**
     * The browser's end frame: the service's handler sees its inbound stream complete. A second end is ignored.
     */
    void onEnd()
    {
        final Sender sender;
        synchronized (this)
        {
            if (closed || completed || null == this.sender)
            {
                completed = true;
                return;
            }
            completed = true;
            sender = this.sender;
        }
        sender.completeSending();
    }

    /**
     * Whether the browser has ended its half.
     *
     * @return true after its end frame.
     */
    synchronized boolean isCompleted()
    {
        return completed;
    }

    /**
     * The call is ending: no credit frame is sent from now on, and items are dropped.
     */
    synchronized void close()
    {
        closed = true;
    }
}
