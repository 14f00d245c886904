package dev.aeronrpc.client;

import dev.aeronrpc.core.Status;
import org.agrona.DirectBuffer;

/**
 * A call sent and not yet answered. Whoever removes it from {@link PendingCalls} completes it, exactly once.
 */
interface PendingCall
{
    /**
     * When the call gives up.
     *
     * @return the deadline on the {@link System#nanoTime()} clock.
     */
    long deadlineNs();

    /**
     * Whether the call may be sent again after its connection is lost: it retries, and has attempts left.
     *
     * @return true when a reconnection can still save it; false by default.
     */
    default boolean survivesReconnection()
    {
        return false;
    }

    /**
     * Whether the polling thread's timer drives this call's retries (asynchronous calls); a blocking call's own
     * thread drives its retries.
     *
     * @return true when {@link #onTimer(long)} should be called; false by default.
     */
    default boolean retriesOnTimer()
    {
        return false;
    }

    /**
     * Sends the call again if it is due; called on the polling thread while the call is pending.
     *
     * @param nowNs the time now.
     */
    default void onTimer(final long nowNs)
    {
    }

    /**
     * The server answered.
     *
     * @param buffer holding the response payload.
     * @param offset where the payload starts.
     * @param length the payload's length.
     */
    void onResponse(DirectBuffer buffer, int offset, int length);

    /**
     * The call failed.
     *
     * @param status  why.
     * @param message what went wrong.
     */
    void onError(Status status, String message);
}
