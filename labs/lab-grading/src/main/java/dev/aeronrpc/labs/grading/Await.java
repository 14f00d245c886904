package dev.aeronrpc.labs.grading;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waiting on a condition with a deadline: graders never sleep and hope.
 */
public final class Await
{
    private Await()
    {
    }

    /**
     * Waits until the condition holds, checking it every millisecond.
     *
     * @param condition to wait for.
     * @param timeoutMs after which the check fails.
     * @param what      is awaited, for the failure message.
     * @throws CheckFailure when the deadline passes first.
     */
    public static void until(final BooleanSupplier condition, final long timeoutMs, final String what)
    {
        if (!within(condition, timeoutMs))
        {
            throw new CheckFailure("waited " + timeoutMs + " ms for " + what + ", in vain");
        }
    }

    /**
     * Waits until the condition holds or the time is up.
     *
     * @param condition to wait for.
     * @param timeoutMs at most.
     * @return whether the condition held in time.
     */
    public static boolean within(final BooleanSupplier condition, final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                return false;
            }
            pause();
        }
        return true;
    }

    /**
     * Pauses the calling thread for about a millisecond, keeping its interrupt.
     */
    public static void pause()
    {
        try
        {
            Thread.sleep(1);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new CheckFailure("interrupted");
        }
    }
}
