package dev.aeronrpc.client;

import io.aeron.Publication;

/**
 * One granted session, as every sending thread sees it: the request publication, the session id requests carry,
 * and the connection's number. The conductor publishes a new one when a session is granted and {@link #DOWN} when
 * it is lost; a sender reads it once per frame, so the frame goes out on one consistent session or not at all.
 * Immutable.
 */
final class Connection
{
    /** No session: nothing can be sent. */
    static final Connection DOWN = new Connection(null, 0, 0, 0);

    final Publication publication;
    final long sessionId;
    final long epoch;
    final int maxMessageLength;

    Connection(final Publication publication, final long sessionId, final long epoch, final int maxMessageLength)
    {
        this.publication = publication;
        this.sessionId = sessionId;
        this.epoch = epoch;
        this.maxMessageLength = maxMessageLength;
    }

    boolean isUp()
    {
        return null != publication;
    }
}
