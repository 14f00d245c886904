package dev.aeronrpc.client;

import dev.aeronrpc.core.Status;
import org.agrona.DirectBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A call sent and not yet answered, as {@link PendingCalls} holds it. Whoever claims it (removes it from the
 * table) completes it, exactly once: the client's conductor with its answer, its timer at the deadline, a lost
 * connection, or a blocking caller whose deadline passed.
 * <p>
 * The request id the call is pending under lives in the call object itself, and claiming is a compare-and-set of
 * that id to {@link #NOT_PENDING}: a call object reused for a later request (a blocking caller's slot, a pooled
 * asynchronous call) can never be claimed for an earlier one, since request ids never repeat.
 */
abstract class PendingCall
{
    /** The id of a call that is not in the table. */
    static final long NOT_PENDING = 0;

    private static final VarHandle PENDING_ID;

    static
    {
        try
        {
            PENDING_ID = MethodHandles.lookup().findVarHandle(PendingCall.class, "pendingId", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    @SuppressWarnings("unused")
    private volatile long pendingId;

    /**
     * The request id this call is pending under.
     *
     * @return the id, or {@link #NOT_PENDING}.
     */
    final long pendingId()
    {
        return pendingId;
    }

    final void markPending(final long requestId)
    {
        PENDING_ID.setRelease(this, requestId);
    }

    /**
     * Claims the call for completion, if it is still pending under that id.
     *
     * @param requestId the id it should be pending under.
     * @return true for the one thread that gets to complete it.
     */
    final boolean claim(final long requestId)
    {
        return NOT_PENDING != requestId && PENDING_ID.compareAndSet(this, requestId, NOT_PENDING);
    }

    /**
     * When the call gives up.
     *
     * @return the deadline on the {@link System#nanoTime()} clock.
     */
    abstract long deadlineNs();

    /**
     * Whether the conductor's timer watches this call: its deadline, and for an asynchronous call its retries. A
     * blocking call's own thread watches its deadline and sends its retries.
     *
     * @return true for calls completed on the conductor's timer.
     */
    boolean timed()
    {
        return true;
    }

    /**
     * Whether the call may be sent again after its connection is lost: it retries, and has attempts left.
     *
     * @return true when a reconnection can still save it.
     */
    boolean survivesReconnection()
    {
        return false;
    }

    /**
     * The conductor's timer ticked while the call is pending: send it again if it is due. Runs on the conductor.
     *
     * @param nowNs the time now.
     */
    void onTimer(final long nowNs)
    {
    }

    /**
     * The server answered. Runs on the conductor, after the call was claimed.
     *
     * @param buffer holding the response payload.
     * @param offset where the payload starts.
     * @param length the payload's length.
     */
    abstract void onResponse(DirectBuffer buffer, int offset, int length);

    /**
     * The call failed. Runs on whichever thread claimed it.
     *
     * @param status  why.
     * @param message what happened.
     */
    abstract void onError(Status status, String message);
}
