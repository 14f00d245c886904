package dev.aeronrpc.benchmarks;

import org.HdrHistogram.Histogram;

/**
 * Requests sent without waiting for their answers, up to a window the caller keeps: the pipelined mode.
 * <p>
 * {@link #trySend} and {@link #poll} are called from one thread. Where the implementation learns of answers on a
 * thread of its own (gRPC's event loop), it records them there and {@link #poll} only collects the count.
 */
public interface Pipeline extends AutoCloseable
{
    /**
     * Sends one request stamped with {@code stampNs}, without waiting.
     *
     * @param stampNs the time written into the payload's first 8 bytes.
     * @return false when the transport pushed back and nothing was sent.
     */
    boolean trySend(long stampNs);

    /**
     * Takes in answers that have arrived, recording each one's round trip (now minus its stamp).
     *
     * @return how many answers arrived since the last poll.
     */
    int poll();

    /**
     * The round trips recorded so far; reset it only when no request is in flight.
     *
     * @return the histogram of round trips, in nanoseconds.
     */
    Histogram histogram();

    @Override
    void close();
}
