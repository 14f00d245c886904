package dev.aeronrpc.labs.guarantees.solution;

import dev.aeronrpc.labs.guarantees.lab.Backoff;
import dev.aeronrpc.labs.guarantees.lab.Caller;
import dev.aeronrpc.labs.guarantees.lab.Deduplicator;
import dev.aeronrpc.labs.guarantees.lab.GuaranteesLab;
import dev.aeronrpc.labs.guarantees.lab.RetryBudget;

/**
 * Lab 4's reference solution.
 */
public final class ReferenceLab implements GuaranteesLab
{
    @Override
    public Backoff backoff(final long initialNs, final long maxNs, final double jitter)
    {
        return new ExponentialBackoff(initialNs, maxNs, jitter);
    }

    @Override
    public RetryBudget retryBudget(final double maxTokens, final double tokenRatio)
    {
        return new TokenBucketRetryBudget(maxTokens, tokenRatio);
    }

    @Override
    public Caller caller(final Backoff backoff, final RetryBudget budget)
    {
        return new RetryingCaller(backoff, budget);
    }

    @Override
    public Deduplicator deduplicator()
    {
        return new JournaledDeduplicator();
    }
}
