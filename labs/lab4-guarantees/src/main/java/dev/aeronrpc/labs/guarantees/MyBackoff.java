package dev.aeronrpc.labs.guarantees;

import dev.aeronrpc.labs.guarantees.lab.Backoff;

/**
 * Step 1: the wait before each retry. See {@link Backoff} for the exact schedule the grader expects.
 */
final class MyBackoff implements Backoff
{
    private final long initialNs;
    private final long maxNs;
    private final double jitter;

    MyBackoff(final long initialNs, final long maxNs, final double jitter)
    {
        this.initialNs = initialNs;
        this.maxNs = maxNs;
        this.jitter = jitter;
    }

    @Override
    public long delayNs(final int retry, final double random)
    {
        // TODO step 1: double the wait with each retry (initialNs for retry 1), cap it at maxNs, then apply the
        //  jitter: stretch or shrink by up to jitter of itself, as random (0 to 1) says. Mind the overflow.
        return initialNs;
    }
}
