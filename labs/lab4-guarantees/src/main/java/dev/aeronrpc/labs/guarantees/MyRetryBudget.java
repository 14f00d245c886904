package dev.aeronrpc.labs.guarantees;

import dev.aeronrpc.labs.guarantees.lab.RetryBudget;

/**
 * Step 2: a token bucket that throttles retries. See {@link RetryBudget} for the rules.
 */
final class MyRetryBudget implements RetryBudget
{
    private final double maxTokens;
    private final double tokenRatio;

    MyRetryBudget(final double maxTokens, final double tokenRatio)
    {
        this.maxTokens = maxTokens;
        this.tokenRatio = tokenRatio;
    }

    @Override
    public boolean tryRetry()
    {
        // TODO step 2: allow a retry, taking a token, only while more than half the bucket is left.
        return true;
    }

    @Override
    public void onSuccess()
    {
        // TODO step 2: an answered call puts tokenRatio tokens back, up to maxTokens.
    }

    @Override
    public double tokens()
    {
        // TODO step 2: the tokens left.
        return 0;
    }
}
