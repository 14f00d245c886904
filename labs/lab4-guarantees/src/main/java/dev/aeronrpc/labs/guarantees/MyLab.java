package dev.aeronrpc.labs.guarantees;

import dev.aeronrpc.labs.guarantees.lab.Backoff;
import dev.aeronrpc.labs.guarantees.lab.Caller;
import dev.aeronrpc.labs.guarantees.lab.Deduplicator;
import dev.aeronrpc.labs.guarantees.lab.GuaranteesLab;
import dev.aeronrpc.labs.guarantees.lab.RetryBudget;

/**
 * Your submission: the grader asks this class for the parts you write. Nothing to change here.
 */
public final class MyLab implements GuaranteesLab
{
    @Override
    public Backoff backoff(final long initialNs, final long maxNs, final double jitter)
    {
        return new MyBackoff(initialNs, maxNs, jitter);
    }

    @Override
    public RetryBudget retryBudget(final double maxTokens, final double tokenRatio)
    {
        return new MyRetryBudget(maxTokens, tokenRatio);
    }

    @Override
    public Caller caller(final Backoff backoff, final RetryBudget budget)
    {
        return new MyCaller(backoff, budget);
    }

    @Override
    public Deduplicator deduplicator()
    {
        return new MyDeduplicator();
    }
}
