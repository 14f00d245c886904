package dev.aeronrpc.labs.selftest;

import dev.aeronrpc.labs.guarantees.lab.Backoff;
import dev.aeronrpc.labs.guarantees.lab.Caller;
import dev.aeronrpc.labs.guarantees.lab.Deduplicator;
import dev.aeronrpc.labs.guarantees.lab.GuaranteesLab;
import dev.aeronrpc.labs.guarantees.lab.Journal;
import dev.aeronrpc.labs.guarantees.lab.RetryBudget;
import dev.aeronrpc.labs.guarantees.solution.ExponentialBackoff;
import dev.aeronrpc.labs.guarantees.solution.RetryingCaller;
import dev.aeronrpc.labs.guarantees.solution.TokenBucketRetryBudget;

import java.util.OptionalLong;

/**
 * A planted wrong solution of lab 4: the reference client's retries, and a server that remembers nothing. It is
 * at-least-once, not exactly-once: every repeat that arrives is applied again.
 */
public final class RetriesWithoutDeduplication implements GuaranteesLab
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
        return new Deduplicator()
        {
            @Override
            public OptionalLong lookup(final long clientId, final long requestId)
            {
                return OptionalLong.empty();
            }

            @Override
            public void record(final long clientId, final long requestId, final long result)
            {
            }

            @Override
            public void recover(final Journal journal)
            {
            }
        };
    }
}
