package dev.aeronrpc.client;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The retry schedule of one call: how many times it was sent, on which connection, and when it may be sent
 * again. Each retry waits twice as long as the one before (from the attempt timeout up to the maximum backoff),
 * stretched or shrunk by up to a fifth at random, so that clients that lost the same server do not all come back
 * at the same instant.
 * <p>
 * The retry budget (gRFC A6) is there to stop retry storms against a live server that is too busy to answer, so it
 * is consulted only while the server is heard from (within two of its heartbeat intervals). While it is silent the
 * call neither retries nor spends a token: it waits, for the server to speak again or for the reconnection that
 * follows a lost server, after which it is sent again at once, so a call whose deadline has not passed survives a
 * server restart.
 * <p>
 * Used by one thread at a time: a blocking call's own thread, or the conductor for an asynchronous call.
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
     * An attempt went out, or is about to: it counts as sent on that connection.
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
     * The first and only attempt of a call that never retries went out: no backoff to work out.
     *
     * @param epoch the connection it went out on.
     */
    void sentOnce(final long epoch)
    {
        attempt = 1;
        sentEpoch = epoch;
        budgetConsulted = false;
        nextAttemptNs = Long.MAX_VALUE;
    }

    /**
     * The last attempt never left: it does not count, and may be sent again at once.
     */
    void notSent()
    {
        if (attempt > 0)
        {
            attempt--;
        }
        sentEpoch = NOT_SENT;
    }

    /**
     * What a retrying call should do now.
     *
     * @param nowNs       the time now.
     * @param connection  the current connection.
     * @param lastHeardNs when the server last spoke.
     * @param silenceNs   how long without a word from the server makes it silent.
     * @param budget      the client's retry budget.
     * @return {@link #WAIT}, {@link #RESEND}, {@link #THROTTLED} or {@link #EXHAUSTED}.
     */
    int decide(
        final long nowNs,
        final Connection connection,
        final long lastHeardNs,
        final long silenceNs,
        final RetryBudget budget)
    {
        final boolean connected = connection.isUp();
        final boolean lastAttemptLost = NOT_SENT == sentEpoch || connection.epoch != sentEpoch || !connected;
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
        if (nowNs - lastHeardNs > silenceNs)
        {
            // The server is silent: the connection is the trouble, not a busy server; wait for it to come back.
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

    static String describeGivingUp(final int decision, final int attempt)
    {
        return THROTTLED == decision ?
            "no answer, and the retry budget is spent: the server may or may not have run the call" :
            "no answer after " + attempt + " attempts, and the last one was lost with its connection";
    }
}
