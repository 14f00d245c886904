package dev.aeronrpc.client;

import dev.aeronrpc.core.Status;
import org.agrona.MutableDirectBuffer;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The retry schedule of one call: how many times it was sent, on which connection, and when it may be sent
 * again. Each retry waits twice as long as the one before (from the attempt timeout up to the maximum backoff),
 * stretched or shrunk by up to a fifth at random, so that clients that lost the same server do not all come back
 * at the same instant.
 * <p>
 * Used by one thread at a time: a blocking call's own thread, or the polling thread for an asynchronous call.
 */
final class Attempts
{
    /** Nothing to do yet. */
    static final int WAIT = 0;
    /** Send the request again now. */
    static final int RESEND = 1;
    /** The retry budget is spent: give up with UNAVAILABLE. */
    static final int THROTTLED = 2;
    /** Every attempt was used and the last one is lost with its connection: give up with UNAVAILABLE. */
    static final int EXHAUSTED = 3;

    private static final long NOT_SENT = -1;

    private final RpcClient.Context ctx;
    private int attempt;
    private long sentEpoch;
    private long nextAttemptNs;
    private boolean retryAllowed;
    private boolean budgetConsulted;

    Attempts(final RpcClient.Context ctx)
    {
        this.ctx = ctx;
    }

    /**
     * A new call: no attempt yet.
     */
    void reset()
    {
        attempt = 0;
        sentEpoch = NOT_SENT;
        nextAttemptNs = Long.MAX_VALUE;
    }

    /**
     * An attempt went out.
     *
     * @param nowNs the time now.
     * @param epoch the connection it went out on.
     */
    void sent(final long nowNs, final long epoch)
    {
        attempt++;
        sentEpoch = epoch;
        budgetConsulted = false;
        final long backoffNs = Math.min(ctx.maxBackoffNs(), ctx.attemptTimeoutNs() << Math.min(attempt - 1, 20));
        nextAttemptNs = nowNs + (long)(backoffNs * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
    }

    /**
     * What a retrying call should do now.
     *
     * @param nowNs     the time now.
     * @param epoch     the current connection.
     * @param connected whether requests can be sent.
     * @param budget    the client's retry budget.
     * @return {@link #WAIT}, {@link #RESEND}, {@link #THROTTLED} or {@link #EXHAUSTED}.
     */
    int decide(final long nowNs, final long epoch, final boolean connected, final RetryBudget budget)
    {
        final boolean lastAttemptLost = NOT_SENT == sentEpoch || epoch != sentEpoch || !connected;
        if (attempt >= ctx.maxAttempts())
        {
            return lastAttemptLost && attempt > 0 ? EXHAUSTED : WAIT;
        }
        if (!connected)
        {
            return WAIT;
        }
        if (lastAttemptLost)
        {
            return RESEND;
        }
        if (nowNs - nextAttemptNs < 0)
        {
            return WAIT;
        }
        if (!budgetConsulted)
        {
            // The attempt timed out: one token, however many tries the resend itself then takes.
            budgetConsulted = true;
            retryAllowed = budget.tryRetry();
        }
        return retryAllowed ? RESEND : THROTTLED;
    }

    /**
     * Sends a retrying call again when it is due, or gives it up when its budget or attempts are spent.
     *
     * @param client     the client.
     * @param call       the pending call this schedule belongs to.
     * @param requestId  its request id.
     * @param frame      its frame, envelope and payload.
     * @param frameLength the frame's length.
     * @param deadlineNs the call's deadline.
     * @param nowNs      the time now.
     */
    void retryIfDue(
        final RpcClient client,
        final PendingCall call,
        final long requestId,
        final MutableDirectBuffer frame,
        final int frameLength,
        final long deadlineNs,
        final long nowNs)
    {
        final ClientProxy proxy = client.proxy();
        final long epoch = proxy.epoch();
        final int decision = decide(nowNs, epoch, client.isConnected(), client.retryBudget());
        if (RESEND == decision)
        {
            if (Status.OK == proxy.request(frame, frameLength, attempt + 1, deadlineNs - nowNs))
            {
                if (attempt > 0)
                {
                    client.clientCounters().onRetry();
                }
                sent(nowNs, epoch);
            }
        }
        else if (WAIT != decision && null != client.pendingCalls().remove(requestId))
        {
            if (THROTTLED == decision)
            {
                client.clientCounters().onThrottled();
            }
            call.onError(Status.UNAVAILABLE, describeGivingUp(decision));
        }
    }

    /**
     * Whether the call may still be sent again after its connection is lost.
     *
     * @return true while attempts are left.
     */
    boolean attemptsLeft()
    {
        return attempt < ctx.maxAttempts();
    }

    int attempt()
    {
        return attempt;
    }

    private String describeGivingUp(final int decision)
    {
        return THROTTLED == decision ?
            "no answer, and the retry budget is spent: the server may or may not have run the call" :
            "no answer after " + attempt + " attempts, and the last one was lost with its connection";
    }
}
