package dev.aeronrpc.benchmarks;

import org.HdrHistogram.Histogram;

/**
 * What one scenario measured.
 *
 * @param name            the scenario's name: system, workload, transport and payload size.
 * @param system          {@code aeron}, {@code rpc} or {@code grpc}.
 * @param workload        what the scenario did.
 * @param transport       how the bytes travelled.
 * @param payloadBytes    size of each payload.
 * @param histogram       round trips in nanoseconds, or null where the workload does not time them.
 * @param opsPerSec       calls (or items) per second.
 * @param allocBytesPerOp bytes allocated per call (or item) by all threads, or null where the JVM cannot tell.
 * @param threads         who ran where.
 * @param idleStrategy    the idle strategy of every polling thread.
 * @param driverThreading the media driver's threading, or "none".
 * @param scheduleKept    for an open-loop scenario, whether the sender kept its schedule (at least 95% of the
 *                        calls per second asked for); a result that fell behind measures its own backlog, and no
 *                        ratio or target is computed from it. Null for closed-loop scenarios.
 * @param failures        calls that failed, for the burst; null elsewhere (any failure there aborts the run).
 * @param failureDetail   what the failures were, or empty.
 */
public record Result(
    String name,
    String system,
    Workload workload,
    Transport transport,
    int payloadBytes,
    Histogram histogram,
    double opsPerSec,
    Double allocBytesPerOp,
    String threads,
    String idleStrategy,
    String driverThreading,
    Boolean scheduleKept,
    Long failures,
    String failureDetail)
{
    /**
     * Whether ratios and targets may use this result: it kept its schedule, or had none.
     *
     * @return false for an open-loop result that fell behind.
     */
    public boolean comparable()
    {
        return !Boolean.FALSE.equals(scheduleKept);
    }

    /**
     * A percentile of the round trips in microseconds.
     *
     * @param percentile from 0 to 100.
     * @return microseconds, or null without a histogram.
     */
    public Double percentileUs(final double percentile)
    {
        return null == histogram ? null : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /**
     * The longest round trip in microseconds.
     *
     * @return microseconds, or null without a histogram.
     */
    public Double maxUs()
    {
        return null == histogram ? null : histogram.getMaxValue() / 1000.0;
    }
}
