package dev.aeronrpc.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryBudgetTest
{
    @Test
    void shouldAllowRetriesWhileMoreThanHalfTheTokensAreLeft()
    {
        final RetryBudget budget = new RetryBudget(10, 0.1);
        for (int i = 0; i < 4; i++)
        {
            assertTrue(budget.tryRetry(), "retry " + i);
        }
        assertFalse(budget.tryRetry());
        assertEquals(5.0, budget.tokens());
    }

    @Test
    void shouldEarnRetriesBackWithSuccesses()
    {
        final RetryBudget budget = new RetryBudget(10, 0.5);
        while (budget.tryRetry())
        {
            Thread.onSpinWait();
        }
        budget.onSuccess();
        budget.onSuccess();
        budget.onSuccess();
        assertTrue(budget.tryRetry());
    }

    @Test
    void shouldNeverHoldMoreThanTheBucket()
    {
        final RetryBudget budget = new RetryBudget(10, 0.1);
        budget.onSuccess();
        assertEquals(10.0, budget.tokens());
    }
}
