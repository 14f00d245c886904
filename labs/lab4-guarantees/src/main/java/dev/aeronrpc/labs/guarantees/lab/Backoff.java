package dev.aeronrpc.labs.guarantees.lab;

/**
 * How long a caller waits for an answer before it sends a request again.
 * <p>
 * The wait before retry {@code n} (n = 1 for the first retry) is {@code initialNs * 2^(n-1)}, capped at
 * {@code maxNs}, then stretched or shrunk at random by up to {@code jitter} of itself:
 * {@code capped * (1 + jitter * (2 * random - 1))}. Implementations are pure functions of their arguments.
 */
public interface Backoff
{
    /**
     * @param retry  which retry this wait comes before: 1, 2, 3, ... (may be large; must not overflow).
     * @param random a uniformly distributed number in [0, 1), such as {@code ThreadLocalRandom.nextDouble()}.
     * @return the wait in nanoseconds, never negative.
     */
    long delayNs(int retry, double random);
}
