package dev.aeronrpc.server;

import dev.aeronrpc.core.Payloads;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.protocol.MessageHeaderEncoder;
import org.agrona.sbe.MessageEncoderFlyweight;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The producing end of a server stream: the handler fills {@link #item()} and calls {@link #send()} for each item,
 * then {@link #complete()} (a finite stream) or keeps going until the consumer cancels (an infinite one).
 * <p>
 * <b>Credit.</b> The consumer says how many items it can take ({@link #credit()}); {@link #send()} refuses to send
 * beyond that, so a slow consumer slows the producer and nothing queues up anywhere. A producer that finds
 * {@link #send()} refusing stops, and resumes when {@link #onReady(Runnable)} tells it to: more credit came, the
 * client's connection drained, a new duty cycle began after this stream had its share of the last one, or the
 * stream was cancelled.
 * <p>
 * <b>Fair shares.</b> Producing on the poll thread (in the handler or the ready callback), a stream sends at most
 * {@code itemsPerStreamPerCycle} items, and a session's streams together {@code itemsPerSessionPerCycle}, per duty
 * cycle; then {@link #send()} returns false until the next one, so one greedy reader cannot hold the poll thread
 * while other clients wait.
 * <p>
 * <b>Threading.</b> Keep the sink after the handler returns and produce from any thread, one thread at a time, one
 * item at a time: {@link #item()} wraps the encoder over the calling thread's buffer, which {@link #send()} then
 * sends. The ready callback runs on the server's poll thread and must not block. Nothing a producer does waits on
 * the client: what back pressure refuses waits in the session's queue, and {@link #send()} returns false while it
 * does.
 *
 * @param <E> the item's encoder type.
 */
public final class StreamSink<E extends MessageEncoderFlyweight>
{
    private final MessageHeaderEncoder payloadHeaderEncoder = new MessageHeaderEncoder();
    private final ServerConductor conductor;
    private final Session session;
    private final long requestId;
    private final long deadlineNs;
    private final int maxMessageLength;
    // Credit is the items granted (written by the poll thread only) less the items sent (by the producer only):
    // no atomic operation per item.
    private volatile long granted;
    private volatile boolean cancelled;
    private volatile boolean ended;
    private final AtomicBoolean terminated = new AtomicBoolean();
    private volatile Runnable readyListener;
    private volatile boolean wantsReady;
    private volatile Status failure;
    private E encoder;
    private ServerProxy itemProxy;
    private long sequence;
    private int itemsThisCycle;
    private long cycle;

    StreamSink(
        final ServerConductor conductor,
        final Session session,
        final long requestId,
        final int initialCredit,
        final long deadlineNs,
        final int maxMessageLength)
    {
        this.conductor = conductor;
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
     * The next item's encoder, wrapped over the calling thread's send buffer: fill it, then {@link #send()} on the
     * same thread.
     *
     * @return the encoder.
     */
    public E item()
    {
        final ServerProxy proxy = conductor.itemProxy();
        proxy.itemOwner(this);
        itemProxy = proxy;
        return Payloads.wrapEncoder(encoder, proxy.buffer(), ServerProxy.STREAM_PAYLOAD_OFFSET);
    }

    /**
     * Sends the item {@link #item()} holds, if the consumer has credit for it.
     *
     * @return true when sent; false when there is no credit, the stream has had its share of this duty cycle, the
     * client's connection is backed up (wait for {@link #onReady}), or the stream has ended ({@link #isOpen()} is
     * false). An item larger than the route to the client carries ends the stream with RESOURCE_EXHAUSTED at both
     * ends.
     * @throws IllegalStateException when the item was not built with {@link #item()} on this thread, or another
     *                               stream's item was built there since.
     */
    public boolean send()
    {
        if (sequence >= granted || ended || cancelled || terminated.get())
        {
            return false;
        }
        final ServerProxy proxy = itemProxy;
        if (null == proxy || proxy != conductor.itemProxy() || proxy.itemOwner() != this)
        {
            throw new IllegalStateException("build each item with item() on the thread that sends it, and send it " +
                "before building another stream's item there");
        }
        if (!session.sendQueue.isEmpty() || session.outbox.holds(requestId))
        {
            // The client reads slowly, or this stream's last item is still going out in chunks: nothing more joins
            // until that has gone.
            wantsReady = true;
            conductor.wantsReady(this);
            return false;
        }
        final boolean onPollThread = conductor.isPollThread();
        if (onPollThread && !takeShareOfCycle())
        {
            return false;
        }

        final int payloadLength = Payloads.writeHeader(
            payloadHeaderEncoder, proxy.buffer(), ServerProxy.STREAM_PAYLOAD_OFFSET, encoder);
        final int frameLength = ServerProxy.STREAM_PAYLOAD_OFFSET + payloadLength;
        if (frameLength > maxMessageLength)
        {
            // An item that can never be sent ends the stream, at both ends, with the sizes that refused it.
            fail(Status.RESOURCE_EXHAUSTED, "item " + sequence + " of " + frameLength + " bytes exceeds the " +
                maxMessageLength + " bytes the client and server allow");
            return false;
        }

        final Status sent;
        if (onPollThread && StreamBatch.fits(payloadLength, session.publication.maxMessageLength()))
        {
            sent = conductor.streamBatch().add(
                this, session, sequence, proxy.buffer(), ServerProxy.STREAM_PAYLOAD_OFFSET, payloadLength);
        }
        else
        {
            if (onPollThread)
            {
                conductor.streamBatch().flush(this);
            }
            sent = proxy.streamItem(session, requestId, sequence, payloadLength);
        }
        if (Status.UNAVAILABLE == sent)
        {
            cancel();
            return false;
        }
        if (Status.RESOURCE_EXHAUSTED == sent && frameLength > session.publication.maxMessageLength())
        {
            fail(Status.RESOURCE_EXHAUSTED, "item " + sequence + " not sent: " + proxy.lastFailure());
            return false;
        }
        if (frameLength > ServerProxy.TRIM_ABOVE)
        {
            proxy.trim();
        }
        sequence++;
        return Status.OK == sent;
    }

    private boolean takeShareOfCycle()
    {
        final long cycle = conductor.cycle();
        if (cycle != this.cycle)
        {
            this.cycle = cycle;
            itemsThisCycle = 0;
        }
        if (cycle != session.itemsCycle)
        {
            session.itemsCycle = cycle;
            session.itemsThisCycle = 0;
        }
        if (itemsThisCycle >= conductor.itemsPerStreamPerCycle() ||
            session.itemsThisCycle >= conductor.itemsPerSessionPerCycle())
        {
            wantsReady = true;
            conductor.wantsReady(this);
            return false;
        }
        itemsThisCycle++;
        session.itemsThisCycle++;
        return true;
    }

    /**
     * Ends the stream: the consumer sees its end after the items sent.
     */
    public void complete()
    {
        if (terminated.compareAndSet(false, true))
        {
            final ServerProxy proxy = terminalProxy();
            proxy.streamEnd(session, requestId, sequence);
            ended = true;
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
            terminalProxy().error(session, requestId, status, message);
            ended = true;
        }
    }

    private ServerProxy terminalProxy()
    {
        if (conductor.isPollThread())
        {
            // The items gathered for this stream go out before its end.
            conductor.streamBatch().flush(this);
        }
        return conductor.threadProxy();
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
     * Runs a callback on the poll thread whenever the producer may go on: credit arrived, the client's connection
     * drained, a new duty cycle began after this stream had its share, or the stream was cancelled. It must return
     * quickly; an exception it throws ends the stream with UNKNOWN at both ends.
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

    Session session()
    {
        return session;
    }

    boolean isEnded()
    {
        return ended || cancelled;
    }

    void addCredit(final long more)
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
     * Calls the ready callback of a producer that stopped for its share or a backed-up connection. Poll thread.
     *
     * @return true when there was something to call.
     */
    boolean retryWhenReady()
    {
        if (wantsReady && !isEnded() && session.sendQueue.isEmpty())
        {
            wantsReady = false;
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
