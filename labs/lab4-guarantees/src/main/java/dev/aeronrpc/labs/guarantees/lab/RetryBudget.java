package dev.aeronrpc.labs.guarantees.lab;

/**
 * Retry throttling as gRPC does it (gRFC A6): a bucket of tokens shared by all of one client's calls.
 * <p>
 * The bucket starts full ({@code maxTokens}). A retry takes one token, and is allowed only while more than half the
 * bucket is left: {@code tryRetry()} answers false, taking nothing, when {@code tokens <= maxTokens / 2}. Each call
 * that gets its answer puts back {@code tokenRatio} tokens, never above {@code maxTokens}. A healthy server
 * refills the bucket; a failing one empties it, and clients stop piling retries on a server that is already down.
 * <p>
 * One caller thread uses a budget at a time in this lab; it need not be thread safe.
 */
public interface RetryBudget
{
    /**
     * Asks to retry.
     *
     * @return true when the retry may go (a token was taken), false when retries are throttled.
     */
    boolean tryRetry();

    /**
     * Tells the budget a call got its answer.
     */
    void onSuccess();

    /**
     * @return tokens left, for the grader.
     */
    double tokens();
}
