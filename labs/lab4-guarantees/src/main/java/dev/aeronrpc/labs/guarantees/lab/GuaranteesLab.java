package dev.aeronrpc.labs.guarantees.lab;

/**
 * What a submission of lab 4 provides: the client's retry policy and loop, and the server's deduplication. The
 * grader builds everything else (the media driver, the faulty network, the {@link MiniClient}s and
 * {@link MiniServer}s) and calls these factories for the parts the student writes.
 */
public interface GuaranteesLab
{
    /**
     * @param initialNs wait before the first retry.
     * @param maxNs     longest wait.
     * @param jitter    fraction of a wait to add or take at random, 0 to 1.
     * @return the wait schedule described in {@link Backoff}.
     */
    Backoff backoff(long initialNs, long maxNs, double jitter);

    /**
     * @param maxTokens  the bucket's size and initial fill.
     * @param tokenRatio put back per answered call.
     * @return a new bucket, as described in {@link RetryBudget}.
     */
    RetryBudget retryBudget(double maxTokens, double tokenRatio);

    /**
     * @param backoff of this caller.
     * @param budget  of this caller's client.
     * @return the retry loop.
     */
    Caller caller(Backoff backoff, RetryBudget budget);

    /**
     * @return a new, empty deduplicator for one server run.
     */
    Deduplicator deduplicator();
}
