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
