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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A planted wrong solution of lab 4: retries, and a deduplication table that lives in memory only. It is right while
 * the server process lives; a restarted server has forgotten every request, and applies their repeats again.
 */
public final class ForgetfulDeduplication implements GuaranteesLab
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
            private final Map<List<Long>, Long> results = new HashMap<>();

            @Override
            public OptionalLong lookup(final long clientId, final long requestId)
            {
                final Long result = results.get(List.of(clientId, requestId));
                return null == result ? OptionalLong.empty() : OptionalLong.of(result);
            }

            @Override
            public void record(final long clientId, final long requestId, final long result)
            {
                results.put(List.of(clientId, requestId), result);
            }

            @Override
            public void recover(final Journal journal)
            {
                // The mistake: nothing is rebuilt, so the table starts empty after a restart.
            }
        };
    }
}
