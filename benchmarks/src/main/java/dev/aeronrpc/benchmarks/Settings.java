package dev.aeronrpc.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * How long and how hard to run each scenario.
 *
 * @param modeName       {@code quick} or {@code full}.
 * @param warmUpNs       warm-up before each measurement.
 * @param measureNs      length of each measurement.
 * @param rateHz         calls per second of the open-loop latency workload.
 * @param window         calls in flight in the pipelined workload.
 * @param streamWindow   items a framework stream's consumer grants ahead (its credit window).
 * @param streamBatch    items per stream; a stream workload runs streams of this many back to back.
 * @param burstCalls     calls of the burst workload, all in flight at once.
 * @param payloadSizes   payload sizes, in bytes; every scenario runs at each.
 * @param outputDir      where results.json and the chart go.
 * @param only           run only scenarios whose name contains this, or null for all.
 */
public record Settings(
    String modeName,
    long warmUpNs,
    long measureNs,
    int rateHz,
    int window,
    int streamWindow,
    long streamBatch,
    int burstCalls,
    int[] payloadSizes,
    Path outputDir,
    String only)
{
    /**
     * The quick mode: the whole run in under 3 minutes on 2 cores.
     *
     * @param outputDir where results go.
     * @return the settings.
     */
    public static Settings quick(final Path outputDir)
    {
        return new Settings("quick", TimeUnit.SECONDS.toNanos(2), TimeUnit.SECONDS.toNanos(3),
            2_000, 64, 1024, 100_000, 1_000, new int[]{32}, outputDir, null);
    }

    /**
     * The full mode: longer runs, two payload sizes.
     *
     * @param outputDir where results go.
     * @return the settings.
     */
    public static Settings full(final Path outputDir)
    {
        return new Settings("full", TimeUnit.SECONDS.toNanos(5), TimeUnit.SECONDS.toNanos(15),
            2_000, 64, 1024, 200_000, 1_000, new int[]{32, 1024}, outputDir, null);
    }
}
