package dev.aeronrpc.server;

import dev.aeronrpc.core.Status;
import io.aeron.Publication;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connected client as the server sees it: the session id the server assigned, the client's identity, the
 * Aeron image its requests arrive on, the publication that answers it, and everything the server holds for it,
 * each part bounded.
 * <p>
 * The publication is a concurrent one on Aeron's response channel bound to that image: the poll thread, executor
 * threads and stream producers all offer to it without a lock, and the driver routes it to this client only. What
 * back pressure refuses waits in the session's {@link SendQueue}; a client that stops reading is closed once the
 * queue has stood still for the slow-client timeout or outgrown its budget.
 */
final class Session
{
    enum State
    {
        /** Waiting for the driver to create the response publication. */
        AWAITING_PUBLICATION,
        /** Waiting for the client to subscribe to it. */
        AWAITING_CONNECTION,
        /** Serving calls. */
        ACTIVE,
        /** Freed. */
        CLOSED
    }

    final long sessionId;
    final long clientId;
    final int imageSessionId;
    final long connectCorrelationId;
    final int clientMaxMessageLength;
    final long publicationRegistrationId;
    final SendQueue sendQueue;
    /** Frames too long for one Aeron message, going out in chunks. */
    final Outbox outbox;
    /** Frames arriving in chunks; poll thread only. */
    final dev.aeronrpc.core.Reassembly reassembly;
    /** Raised when this session has frames queued or streams waiting, for the poll thread to serve it. */
    private final Signal serviceWanted;
    /** Open server streams by request id; touched only by the poll thread. */
    final Long2ObjectHashMap<StreamSink<?>> streams = new Long2ObjectHashMap<>();
    /** Open client streams by request id; opened from handler threads, so guarded by the map's monitor. */
    final Long2ObjectHashMap<InboundStream<?>> inbound = new Long2ObjectHashMap<>();
    /** Client streams cancelled before their handler opened them; guarded by {@link #inbound}'s monitor. */
    final LongHashSet cancelledBeforeOpen = new LongHashSet();
    /** Calls of this session queued or running on executors. */
    final AtomicInteger callsOnExecutors = new AtomicInteger();
    volatile State state = State.AWAITING_PUBLICATION;
    volatile Publication publication;
    /** Set by any thread when the send queue overflowed: the poll thread closes the session. */
    volatile String closeReason;
    long lastFrameNs;
    long nextHeartbeatNs;
    /** Items this session's streams sent from the poll thread in duty cycle {@link #itemsCycle}. */
    int itemsThisCycle;
    long itemsCycle;
    /** Whether the poll thread leaves this session's requests unread while its answers drain. */
    boolean readingPaused;
    /** A stream of this session waits for the next cycle or for the queue to drain; set by any thread. */
    volatile boolean readyPending;
    /** Malformed frames this session sent in the current strike window, and when the window began. */
    int strikes;
    long strikeWindowStartNs;

    Session(
        final long sessionId,
        final long clientId,
        final int imageSessionId,
        final long connectCorrelationId,
        final int clientMaxMessageLength,
        final long publicationRegistrationId,
        final int maxQueuedBytes,
        final Signal serviceWanted,
        final Outbox outbox,
        final dev.aeronrpc.core.Reassembly reassembly,
        final long nowNs)
    {
        this.serviceWanted = serviceWanted;
        this.outbox = outbox;
        this.reassembly = reassembly;
        this.sessionId = sessionId;
        this.clientId = clientId;
        this.imageSessionId = imageSessionId;
        this.connectCorrelationId = connectCorrelationId;
        this.clientMaxMessageLength = clientMaxMessageLength;
        this.publicationRegistrationId = publicationRegistrationId;
        this.sendQueue = new SendQueue(maxQueuedBytes);
        this.lastFrameNs = nowNs;
    }

    boolean isActive()
    {
        return State.ACTIVE == state;
    }

    /**
     * The number of streams this session has open, server and client streams together.
     *
     * @return open streams.
     */
    int openStreams()
    {
        synchronized (inbound)
        {
            return streams.size() + inbound.size();
        }
    }

    /**
     * Offers a frame to this client: at once when nothing waits, else after what waits, never blocking. A frame
     * too long for one Aeron message, and any frame of a call that has one waiting, goes to the outbox, whose
     * chunks the poll thread sends. Any thread.
     *
     * @param buffer    holding the frame.
     * @param offset    where it starts.
     * @param length    its length.
     * @param requestId the call it belongs to; 0 for a frame of the session itself.
     * @param proxy     the sending thread's proxy, told why a send failed.
     * @return OK when sent or queued; RESOURCE_EXHAUSTED when the queue is over budget (the session is then
     * closed) or a long frame would exceed the chunking budget; UNAVAILABLE when the client is gone.
     */
    Status send(final DirectBuffer buffer, final int offset, final int length, final long requestId, final ServerProxy proxy)
    {
        final Publication publication = this.publication;
        if (null == publication || State.CLOSED == state)
        {
            proxy.lastFailure("the session has ended");
            return Status.UNAVAILABLE;
        }
        if (length > publication.maxMessageLength() || (!outbox.isEmpty() && outbox.holds(requestId)))
        {
            if (Outbox.OVER_BUDGET == outbox.add(requestId, buffer, offset, length, System.nanoTime()))
            {
                proxy.lastFailure("a frame of " + length + " bytes would exceed the bytes of chunked frames this " +
                    "server keeps for a client, or for all its clients");
                return Status.RESOURCE_EXHAUSTED;
            }
            serviceWanted.raise();
            return Status.OK;
        }
        switch (sendQueue.send(publication, buffer, offset, length))
        {
            case SendQueue.SENT:
                return Status.OK;

            case SendQueue.QUEUED:
                serviceWanted.raise();
                return Status.OK;

            case SendQueue.OVERFLOW:
                closeReason = "the client did not read its answers: more than " + sendQueue.queuedBytes() +
                    " bytes waited for it";
                proxy.lastFailure(closeReason);
                return Status.RESOURCE_EXHAUSTED;

            default:
                proxy.lastFailure("the client's connection is gone");
                return Status.UNAVAILABLE;
        }
    }

    /**
     * A flag any thread raises and the poll thread takes: that some session needs serving.
     */
    static final class Signal
    {
        private volatile boolean raised;

        void raise()
        {
            if (!raised)
            {
                raised = true;
            }
        }

        boolean take()
        {
            if (raised)
            {
                raised = false;
                return true;
            }
            return false;
        }
    }

    @Override
    public String toString()
    {
        return "session " + sessionId + " (client " + clientId + ")";
    }
}
