package dev.aeronrpc.labs.guarantees.solution;

import dev.aeronrpc.labs.guarantees.lab.RetryBudget;

/**
 * gRPC's retry throttling: retries spend tokens, answers earn a fraction back, retries stop at half.
 */
public final class TokenBucketRetryBudget implements RetryBudget
{
    private final double maxTokens;
    private final double tokenRatio;
    private double tokens;

    public TokenBucketRetryBudget(final double maxTokens, final double tokenRatio)
    {
        this.maxTokens = maxTokens;
        this.tokenRatio = tokenRatio;
        this.tokens = maxTokens;
    }

    @Override
    public boolean tryRetry()
    {
        if (tokens <= maxTokens / 2)
        {
            return false;
        }
        tokens -= 1;
        return true;
    }

    @Override
    public void onSuccess()
    {
        tokens = Math.min(maxTokens, tokens + tokenRatio);
    }

    @Override
    public double tokens()
    {
        return tokens;
    }
}
