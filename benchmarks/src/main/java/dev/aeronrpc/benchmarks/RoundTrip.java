package dev.aeronrpc.benchmarks;

/**
 * One request and its answer at a time: sends a payload carrying a time stamp and blocks until the echo of that
 * payload comes back.
 * <p>
 * Called from one thread only.
 */
public interface RoundTrip extends AutoCloseable
{
    /**
     * Sends one payload stamped with {@code stampNs} and waits for its echo.
     *
     * @param stampNs the time written into the payload's first 8 bytes.
     * @return the stamp read back from the echo; a mismatch is a broken echo.
     */
    long roundTrip(long stampNs);

    @Override
    void close();
}
