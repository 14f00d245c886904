package dev.aeronrpc.client;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Retry throttling as gRPC does it (gRFC A6): a bucket of tokens shared by every call of a client. A failed
 * attempt takes one token, a success gives back a fraction of one, and retries are allowed only while more than
 * half the bucket is left. When a server is struggling, callers stop piling retries onto it.
 * <p>
 * Thread-safe without locks; tokens are kept in thousandths.
 */
final class RetryBudget
{
    private static final long SCALE = 1000;

    private final AtomicLong milliTokens;
    private final long maxMilliTokens;
    private final long successMilliTokens;

    /**
     * A full bucket.
     *
     * @param maxTokens  size of the bucket.
     * @param tokenRatio tokens a success gives back.
     */
    RetryBudget(final double maxTokens, final double tokenRatio)
    {
        this.maxMilliTokens = Math.round(maxTokens * SCALE);
        this.successMilliTokens = Math.round(tokenRatio * SCALE);
        this.milliTokens = new AtomicLong(maxMilliTokens);
    }

    /**
     * An attempt failed (no answer in time): takes a token and says whether a retry may follow.
     *
     * @return true when more than half the bucket is left after taking the token.
     */
    boolean tryRetry()
    {
        final long left = milliTokens.updateAndGet(tokens -> Math.max(0, tokens - SCALE));
        return left > maxMilliTokens / 2;
    }

    /**
     * A call succeeded: gives back a fraction of a token.
     */
    void onSuccess()
    {
        long tokens;
        while ((tokens = milliTokens.get()) < maxMilliTokens &&
            !milliTokens.compareAndSet(tokens, Math.min(maxMilliTokens, tokens + successMilliTokens)))
        {
            Thread.onSpinWait();
        }
    }

    /**
     * Tokens left, for tests and counters.
     *
     * @return tokens in the bucket.
     */
    double tokens()
    {
        return milliTokens.get() / (double)SCALE;
    }
}
