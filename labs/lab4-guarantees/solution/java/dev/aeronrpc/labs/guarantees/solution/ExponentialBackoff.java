package dev.aeronrpc.labs.guarantees.solution;

import dev.aeronrpc.labs.guarantees.lab.Backoff;

/**
 * Waits that double from the initial one, capped, with jitter so that many clients do not retry in step.
 */
public final class ExponentialBackoff implements Backoff
{
    private final long initialNs;
    private final long maxNs;
    private final double jitter;

    public ExponentialBackoff(final long initialNs, final long maxNs, final double jitter)
    {
        this.initialNs = initialNs;
        this.maxNs = maxNs;
        this.jitter = jitter;
    }

    @Override
    public long delayNs(final int retry, final double random)
    {
        // In doubles: 2^(retry - 1) overflows a long from retry 64 on, a double only saturates.
        final double uncapped = initialNs * Math.pow(2, Math.max(0, retry - 1));
        final double capped = Math.min(maxNs, uncapped);
        return Math.max(0, Math.round(capped * (1 + jitter * (2 * random - 1))));
    }
}
