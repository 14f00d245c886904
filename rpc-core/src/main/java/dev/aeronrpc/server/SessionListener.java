package dev.aeronrpc.server;

import dev.aeronrpc.core.Status;

/**
 * Hears sessions open and close, for logs and dashboards. Called on the server's poll thread: return quickly.
 */
public interface SessionListener
{
    /** A listener that ignores everything. */
    SessionListener NO_OP = new SessionListener()
    {
    };

    /**
     * A client connected.
     *
     * @param sessionId the session the server assigned.
     * @param clientId  the client's identity.
     */
    default void onSessionOpened(final long sessionId, final long clientId)
    {
    }

    /**
     * A session ended and its resources were freed.
     *
     * @param sessionId the session.
     * @param clientId  the client's identity.
     * @param status    OK when the client disconnected cleanly, else why the session was ended.
     * @param reason    what happened, or null after a clean disconnect.
     */
    default void onSessionClosed(final long sessionId, final long clientId, final Status status, final String reason)
    {
    }
}
