package dev.aeronrpc.server;

import dev.aeronrpc.core.Status;
import io.aeron.Publication;
import org.agrona.collections.Long2ObjectHashMap;


/**
 * One connected client as the server sees it: the session id the server assigned, the client's identity, the
 * Aeron image its requests arrive on, and the publication that answers it.
 * <p>
 * The publication is a concurrent one on Aeron's response channel bound to that image: the poll thread, executor
 * threads and stream producers all offer to it without a lock, and the driver routes it to this client only.
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
    final Status refusal;
    final String refusalMessage;
    /** Open server streams by request id; touched only by the poll thread. */
    final Long2ObjectHashMap<StreamSink<?>> streams = new Long2ObjectHashMap<>();
    /** Open client streams by request id; opened from handler threads, so guarded by the map's monitor. */
    final Long2ObjectHashMap<InboundStream<?>> inbound = new Long2ObjectHashMap<>();
    /** Client streams cancelled before their handler opened them; guarded by {@link #inbound}'s monitor. */
    final org.agrona.collections.LongHashSet cancelledBeforeOpen = new org.agrona.collections.LongHashSet();
    volatile State state = State.AWAITING_PUBLICATION;
    Publication publication;
    long lastFrameNs;
    long nextHeartbeatNs;

    Session(
        final long sessionId,
        final long clientId,
        final int imageSessionId,
        final long connectCorrelationId,
        final int clientMaxMessageLength,
        final long publicationRegistrationId,
        final Status refusal,
        final String refusalMessage,
        final long nowNs)
    {
        this.sessionId = sessionId;
        this.clientId = clientId;
        this.imageSessionId = imageSessionId;
        this.connectCorrelationId = connectCorrelationId;
        this.clientMaxMessageLength = clientMaxMessageLength;
        this.publicationRegistrationId = publicationRegistrationId;
        this.refusal = refusal;
        this.refusalMessage = refusalMessage;
        this.lastFrameNs = nowNs;
    }

    boolean isActive()
    {
        return State.ACTIVE == state;
    }

    @Override
    public String toString()
    {
        return "session " + sessionId + " (client " + clientId + ")";
    }
}
