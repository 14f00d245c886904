package dev.aeronrpc.server;

import dev.aeronrpc.core.FrameSender;
import dev.aeronrpc.core.Payloads;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.protocol.MessageHeaderEncoder;
import org.agrona.sbe.MessageEncoderFlyweight;


/**
 * The producing end of a server stream: the handler fills {@link #item()} and calls {@link #send()} for each item,
 * then {@link #complete()} (a finite stream) or keeps going until the consumer cancels (an infinite one).
 * <p>
 * <b>Credit.</b> The consumer says how many items it can take ({@link #credit()}); {@link #send()} refuses to send
 * beyond that, so a slow consumer slows the producer and nothing queues up anywhere. A producer that finds no
 * credit stops and resumes when {@link #onReady(Runnable)} tells it more credit came (or the stream was cancelled).
 * <p>
 * <b>Threading.</b> Keep the sink after the handler returns and produce from any thread, one thread at a time:
 * {@link #item()} and {@link #send()} share one buffer. The ready callback runs on the server's poll thread and must
 * not block; a handler on an executor that also produces from its own thread must not let the two overlap. Credit
 * is what the poll thread has granted less what the producer has sent, so a producer never sends beyond it.
 *
 * @param <E> the item's encoder type.
 */
public final class StreamSink<E extends MessageEncoderFlyweight>
{
    private final MessageHeaderEncoder payloadHeaderEncoder = new MessageHeaderEncoder();
    private final ServerProxy proxy;
    private final Session session;
    private final long requestId;
    private final long deadlineNs;
    private final int maxMessageLength;
    // Credit is the items granted (written by the poll thread only) less the items sent (by the producer only):
    // no atomic operation per item.
    private volatile long granted;
    private volatile boolean cancelled;
    private volatile boolean ended;
    private final java.util.concurrent.atomic.AtomicBoolean terminated = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Runnable readyListener;
    private volatile boolean terminalPending;
    private volatile boolean backPressured;
    private volatile Status failure;
    private Status pendingStatus;
    private String pendingMessage;
    private E encoder;
    private long sequence;

    StreamSink(
        final FrameSender sender,
        final Session session,
        final long requestId,
        final int initialCredit,
        final long deadlineNs,
        final int maxMessageLength)
    {
        this.proxy = new ServerProxy(sender);
        this.maxMessageLength = Math.min(maxMessageLength, session.clientMaxMessageLength);
        this.session = session;
        this.requestId = requestId;
        this.deadlineNs = deadlineNs;
        this.granted = initialCredit;
    }

    StreamSink<E> encoder(final E encoder)
    {
        this.encoder = encoder;
        return this;
    }

    /**
     * The next item's encoder, wrapped over this stream's send buffer: fill it, then {@link #send()}.
     *
     * @return the encoder.
     */
    public E item()
    {
        return Payloads.wrapEncoder(encoder, proxy.buffer(), ServerProxy.STREAM_PAYLOAD_OFFSET);
    }

    /**
     * Sends the item {@link #item()} holds, if the consumer has credit for it.
     *
     * @return true when sent; false when there is no credit (wait for {@link #onReady}), the stream has ended or
     * was cancelled ({@link #isOpen()} is false), or back pressure outlasted the send timeout ({@link #onReady} is
     * called again when it may be worth trying). An item larger than the route to the client carries ends the
     * stream with RESOURCE_EXHAUSTED at both ends.
     */
    public boolean send()
    {
        if (sequence >= granted || ended || cancelled || terminated.get())
        {
            return false;
        }

        final int payloadLength = Payloads.writeHeader(
            payloadHeaderEncoder, proxy.buffer(), ServerProxy.STREAM_PAYLOAD_OFFSET, encoder);
        final int frameLength = ServerProxy.STREAM_PAYLOAD_OFFSET + payloadLength;
        final int limit = Math.min(maxMessageLength, session.publication.maxMessageLength());
        if (frameLength > limit)
        {
            // An item that can never be sent ends the stream, at both ends, with the sizes that refused it.
            fail(Status.RESOURCE_EXHAUSTED, "item " + sequence + " of " + frameLength + " bytes exceeds the " + limit +
                " bytes the route to the client carries");
            return false;
        }
        final Status sent = proxy.streamItem(session, requestId, sequence, payloadLength);
        if (Status.OK != sent)
        {
            if (Status.UNAVAILABLE == sent)
            {
                // The client is gone: nothing more can reach it.
                cancel();
            }
            else
            {
                // Back pressure outlasted the send timeout: the poll thread calls onReady again soon.
                backPressured = true;
            }
            return false;
        }
        sequence++;
        return true;
    }

    /**
     * Ends the stream: the consumer sees its end after the items sent.
     */
    public void complete()
    {
        if (terminated.compareAndSet(false, true))
        {
            onTerminalSent(proxy.streamEnd(session, requestId, sequence), Status.OK, null);
        }
    }

    /**
     * Ends the stream with an error the consumer receives as a status.
     *
     * @param status  why, not OK.
     * @param message what went wrong.
     */
    public void fail(final Status status, final String message)
    {
        if (terminated.compareAndSet(false, true))
        {
            failure = status;
            onTerminalSent(proxy.error(session, requestId, status, message), status, message);
        }
    }

    /**
     * Items the consumer can take now.
     *
     * @return the credit left.
     */
    public long credit()
    {
        return granted - sequence;
    }

    /**
     * How many items were sent.
     *
     * @return the next item's sequence number.
     */
    public long sent()
    {
        return sequence;
    }

    /**
     * Whether the consumer cancelled, went away, or the stream's deadline passed.
     *
     * @return true when no more items will be taken.
     */
    public boolean isCancelled()
    {
        return cancelled;
    }

    /**
     * Whether items may still be sent.
     *
     * @return false once completed, failed or cancelled.
     */
    public boolean isOpen()
    {
        return !ended && !cancelled && !terminated.get();
    }

    /**
     * How the stream ended at this end: null while open or completed normally, else the status it failed with.
     *
     * @return the failure status, or null.
     */
    public Status failure()
    {
        return failure;
    }

    /**
     * Runs a callback on the poll thread whenever credit arrives or the stream is cancelled, so a producer can
     * resume or stop. It must return quickly.
     *
     * @param readyListener the callback, or null for none.
     */
    public void onReady(final Runnable readyListener)
    {
        this.readyListener = readyListener;
    }

    long requestId()
    {
        return requestId;
    }

    long deadlineNs()
    {
        return deadlineNs;
    }

    boolean isEnded()
    {
        return ended || cancelled;
    }

    /**
     * Whether the stream's end (or error) was refused by back pressure and waits to be sent again.
     *
     * @return true until {@link #retryTerminal} gets it out.
     */
    boolean isTerminalPending()
    {
        return terminalPending;
    }

    /**
     * Sends again the end (or error) that back pressure refused, from the server's poll thread and its own proxy,
     * trying once: a consumer without its end would otherwise wait for ever on a stream with no deadline.
     *
     * @param pollProxy the poll thread's proxy, which gives up at once under back pressure.
     * @return true when the frame went out, or the connection is gone and nothing more can be sent.
     */
    boolean retryTerminal(final ServerProxy pollProxy)
    {
        final Status sent = Status.OK == pendingStatus ?
            pollProxy.streamEnd(session, requestId, sequence) :
            pollProxy.error(session, requestId, pendingStatus, pendingMessage);
        if (Status.RESOURCE_EXHAUSTED == sent)
        {
            return false;
        }
        terminalPending = false;
        ended = true;
        return true;
    }

    private void onTerminalSent(final Status sent, final Status status, final String message)
    {
        if (Status.RESOURCE_EXHAUSTED == sent)
        {
            // Back pressure outlasted the send timeout: the poll thread sends it again (retryTerminal).
            pendingStatus = status;
            pendingMessage = message;
            terminalPending = true;
        }
        else
        {
            ended = true;
        }
    }

    void addCredit(final int more)
    {
        granted = granted + more;
        notifyReady();
    }

    void cancel()
    {
        cancelled = true;
        notifyReady();
    }

    /**
     * Calls the ready callback after back pressure refused an item, from the poll thread's timer.
     *
     * @return true when there was something to retry.
     */
    boolean retryAfterBackPressure()
    {
        if (backPressured && !isEnded())
        {
            backPressured = false;
            notifyReady();
            return true;
        }
        return false;
    }

    private void notifyReady()
    {
        final Runnable listener = readyListener;
        if (null != listener)
        {
            try
            {
                listener.run();
            }
            catch (final RuntimeException ex)
            {
                // A producer that throws ends its stream, at both ends.
                fail(Status.UNKNOWN, "the stream's ready callback threw " + ex);
            }
        }
    }
}
