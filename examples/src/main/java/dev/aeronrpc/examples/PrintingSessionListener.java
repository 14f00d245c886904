package dev.aeronrpc.examples;

import dev.aeronrpc.core.Status;
import dev.aeronrpc.server.SessionListener;

import java.io.PrintStream;

/**
 * Prints sessions as they open and close, to show what the server sees of its clients.
 */
final class PrintingSessionListener implements SessionListener
{
    private final PrintStream out;

    PrintingSessionListener(final PrintStream out)
    {
        this.out = out;
    }

    @Override
    public void onSessionOpened(final long sessionId, final long clientId)
    {
        out.println("  [server] session " + sessionId + " opened for client " + clientId);
    }

    @Override
    public void onSessionClosed(final long sessionId, final long clientId, final Status status, final String reason)
    {
        out.println("  [server] session " + sessionId + " of client " + clientId + " closed: " +
            (Status.OK == status ? "the client disconnected" : status + ", " + reason));
    }
}
