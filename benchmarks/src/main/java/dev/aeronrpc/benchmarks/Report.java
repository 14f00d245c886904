package dev.aeronrpc.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The human-readable report, in Markdown so that it reads on a terminal and pastes into docs: the setup, a latency
 * table, a throughput table, the like-for-like ratios and each target with its measured value.
 */
public final class Report
{
    /** Steady-state allocation below this many bytes per operation counts as none (the meter's own noise). */
    static final double ZERO_ALLOCATION_BYTES = 0.5;

    private final Settings settings;
    private final List<Result> results;

    /**
     * A report of these results.
     *
     * @param settings how they were run.
     * @param results  what they measured.
     */
    public Report(final Settings settings, final List<Result> results)
    {
        this.settings = settings;
        this.results = results;
    }

    /**
     * The whole report.
     *
     * @return Markdown text.
     */
    public String toMarkdown()
    {
        final StringBuilder md = new StringBuilder();
        setup(md);
        latencyTable(md);
        throughputTable(md);
        ratios(md);
        targets(md);
        return md.toString();
    }

    private void setup(final StringBuilder md)
    {
        md.append("## Setup\n\n")
            .append(String.format(Locale.ROOT,
                "- mode %s: warm-up %.1f s and measurement %.1f s per scenario; payloads %s bytes%n",
                settings.modeName(), settings.warmUpNs() / 1e9,
                settings.measureNs() / 1e9, payloads()))
            .append(String.format(Locale.ROOT,
                "- latency: one call in flight, open loop at %,d calls/s, timed from the scheduled send time%n",
                settings.rateHz()))
            .append(String.format(Locale.ROOT,
                "- pipelined: %d calls in flight; streams: batches of %,d items, framework credit window %d%n",
                settings.window(), settings.streamBatch(), settings.streamWindow()))
            .append("- idle strategy of every Aeron and framework polling thread: `")
            .append(LoadRig.idleStrategyName()).append("`; media driver embedded, SHARED (one thread)\n")
            .append(String.format(Locale.ROOT, "- %d cores, %s %s, %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), System.getProperty("os.name") + " " + System.getProperty("os.arch")));
        for (final String system : new String[]{"aeron", "rpc", "grpc"})
        {
            results.stream().filter(r -> r.system().equals(system)).findFirst()
                .ifPresent(r -> md.append("- threads, ").append(system).append(": ").append(r.threads()).append('\n'));
        }
        md.append('\n');
    }

    private void latencyTable(final StringBuilder md)
    {
        md.append("## Round trips\n\n")
            .append("| scenario | p50 us | p90 us | p99 us | p99.9 us | max us | calls/s | B/call |\n")
            .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        boolean anyNotKept = false;
        for (final Result r : results)
        {
            if (null != r.histogram())
            {
                anyNotKept |= !r.comparable();
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    r.name(), us(r.percentileUs(50)), us(r.percentileUs(90)), us(r.percentileUs(99)),
                    us(r.percentileUs(99.9)), us(r.maxUs()),
                    ops(r.opsPerSec()) + (r.comparable() ? "" : " (schedule not kept)"), bytes(r.allocBytesPerOp())));
            }
        }
        if (anyNotKept)
        {
            md.append(String.format(Locale.ROOT, "%nA scenario marked \"schedule not kept\" sent fewer than %.0f%% of " +
                "the %,d calls/s asked for: its percentiles measure its own backlog, so no ratio or target uses it.%n",
                100 * LoadRig.SCHEDULE_KEPT_SHARE, settings.rateHz()));
        }
        md.append('\n');
    }

    private void throughputTable(final StringBuilder md)
    {
        md.append("## Throughput\n\n")
            .append("| scenario | ops/s | MB/s | B/op | failed |\n")
            .append("|---|---:|---:|---:|---:|\n");
        for (final Result r : results)
        {
            if (Mode.THROUGHPUT == r.workload().mode())
            {
                md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %s | %s |%n",
                    r.name(), ops(r.opsPerSec()), r.opsPerSec() * r.payloadBytes() / 1e6, bytes(r.allocBytesPerOp()),
                    null == r.failures() ? "" : r.failures() + (r.failures() > 0 ? " " + r.failureDetail() : "")));
            }
        }
        md.append('\n');
    }

    private void ratios(final StringBuilder md)
    {
        md.append("## Like for like\n\n")
            .append("| pair | p50 | p99 | ops/s |\n")
            .append("|---|---:|---:|---:|\n");
        for (final Result rpc : results)
        {
            if (!rpc.system().startsWith("rpc"))
            {
                continue;
            }
            find("aeron", rpc.workload(), rpc.transport(), rpc.payloadBytes()).ifPresent(aeron ->
                ratioRow(md, rpc.system() + "/aeron " + pairName(rpc), rpc, aeron));
            if ("rpc".equals(rpc.system()) && Transport.UDP == rpc.transport())
            {
                find("grpc", rpc.workload(), Transport.TCP, rpc.payloadBytes()).ifPresent(grpc ->
                    ratioRow(md, "grpc/rpc " + rpc.workload().label() + " tcp/udp " + rpc.payloadBytes() + "b", grpc, rpc));
            }
        }
        md.append('\n');
    }

    private static void ratioRow(final StringBuilder md, final String label, final Result numerator, final Result denominator)
    {
        if (!numerator.comparable() || !denominator.comparable())
        {
            md.append("| ").append(label).append(" | schedule not kept | | |\n");
            return;
        }
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", label,
            ratio(numerator.percentileUs(50), denominator.percentileUs(50)),
            ratio(numerator.percentileUs(99), denominator.percentileUs(99)),
            ratio(numerator.opsPerSec(), denominator.opsPerSec())));
    }

    private void targets(final StringBuilder md)
    {
        md.append("## Targets\n\n")
            .append("Targets compare the client in invoker mode (`rpc`, one polling thread a side, as raw Aeron has); " +
                "the default setup (`rpc-agent`, the client's own thread) is in the like-for-like table above.\n\n");
        final List<String> lines = new ArrayList<>();
        for (final Result rpc : results)
        {
            if (!"rpc".equals(rpc.system()))
            {
                if ("rpc-agent".equals(rpc.system()) && Workload.BURST == rpc.workload())
                {
                    burst(lines, rpc);
                }
                continue;
            }
            final Optional<Result> aeron = find("aeron", rpc.workload(), rpc.transport(), rpc.payloadBytes())
                .filter(Result::comparable);
            final boolean ipc = Transport.IPC == rpc.transport();
            switch (rpc.workload())
            {
                case UNARY_OPEN_LOOP ->
                {
                    aeron.filter(a -> rpc.comparable()).ifPresent(a ->
                    {
                        lines.add(target("blocking unary p50 <= 1.5x raw Aeron, " + pairName(rpc),
                            rpc.percentileUs(50) / a.percentileUs(50), 1.5, true));
                        lines.add(target("blocking unary p99 <= 2x raw Aeron, " + pairName(rpc),
                            rpc.percentileUs(99) / a.percentileUs(99), 2.0, true));
                    });
                    allocation(lines, "blocking unary call", rpc);
                    grpcLatency(lines, rpc);
                }
                case UNARY_CLOSED_LOOP ->
                {
                    final double bound = ipc ? 1.2 : 1.1;
                    aeron.ifPresent(a -> lines.add(target(String.format(Locale.ROOT,
                        "blocking unary p50 <= %.1fx raw Aeron, closed loop, %s", bound, pairName(rpc)),
                        rpc.percentileUs(50) / a.percentileUs(50), bound, true)));
                    allocation(lines, "blocking unary call", rpc);
                }
                case UNARY_PIPELINED ->
                {
                    aeron.ifPresent(a -> lines.add(target(
                        "pipelined calls/s >= 0.8x raw Aeron pipelined echo, " + pairName(rpc),
                        rpc.opsPerSec() / a.opsPerSec(), 0.8, false)));
                    allocation(lines, "pipelined call", rpc);
                    grpcThroughput(lines, rpc);
                }
                case STREAM ->
                {
                    final double bound = ipc ? 0.5 : 0.8;
                    aeron.ifPresent(a -> lines.add(target(String.format(Locale.ROOT,
                        "one server stream items/s >= %.1fx raw Aeron, %s", bound, pairName(rpc)),
                        rpc.opsPerSec() / a.opsPerSec(), bound, false)));
                    allocation(lines, "stream item", rpc);
                    grpcThroughput(lines, rpc);
                }
                case BURST -> burst(lines, rpc);
            }
        }
        lines.forEach(line -> md.append("- ").append(line).append('\n'));
        md.append('\n');
    }

    private void burst(final List<String> lines, final Result burst)
    {
        lines.add(String.format(Locale.ROOT, "%s: no call of a burst of %,d asynchronous %,d B calls fails, %s %s: " +
            "measured %d failed%s", 0 == burst.failures() ? "MET" : "MISSED", settings.burstCalls(),
            LoadRig.BURST_PAYLOAD_BYTES, burst.system(), burst.transport().label(), burst.failures(),
            burst.failures() > 0 ? " " + burst.failureDetail() : ""));
    }

    private void grpcLatency(final List<String> lines, final Result rpc)
    {
        if (!rpc.comparable())
        {
            return;
        }
        find("grpc", rpc.workload(), Transport.TCP, rpc.payloadBytes()).filter(Result::comparable)
            .ifPresent(grpc -> lines.add(target(
            "p50 at least 5x lower than gRPC, " + pairName(rpc) + " vs grpc tcp",
            grpc.percentileUs(50) / rpc.percentileUs(50), 5.0, false)));
    }

    private void grpcThroughput(final List<String> lines, final Result rpc)
    {
        find("grpc", rpc.workload(), Transport.TCP, rpc.payloadBytes()).ifPresent(grpc -> lines.add(target(
            "ops/s at least 5x gRPC, " + pairName(rpc) + " vs grpc tcp",
            rpc.opsPerSec() / grpc.opsPerSec(), 5.0, false)));
    }

    private static void allocation(final List<String> lines, final String what, final Result rpc)
    {
        if (null != rpc.allocBytesPerOp())
        {
            final boolean met = rpc.allocBytesPerOp() < ZERO_ALLOCATION_BYTES;
            lines.add(String.format(Locale.ROOT, "%s: zero bytes allocated per %s, %s: measured %.3f B (all threads)",
                met ? "MET" : "MISSED", what, pairName(rpc), rpc.allocBytesPerOp()));
        }
    }

    private static String target(final String what, final double measured, final double bound, final boolean atMost)
    {
        final boolean met = atMost ? measured <= bound : measured >= bound;
        return String.format(Locale.ROOT, "%s: %s: measured %.2fx", met ? "MET" : "MISSED", what, measured);
    }

    private Optional<Result> find(final String system, final Workload workload, final Transport transport, final int payloadBytes)
    {
        return results.stream()
            .filter(r -> r.system().equals(system) && r.workload() == workload && r.transport() == transport &&
                r.payloadBytes() == payloadBytes)
            .findFirst();
    }

    private static String pairName(final Result r)
    {
        return r.workload().label() + " " + r.transport().label() + " " + r.payloadBytes() + "b";
    }

    private String payloads()
    {
        final StringBuilder sizes = new StringBuilder();
        for (final int size : settings.payloadSizes())
        {
            sizes.append(sizes.length() > 0 ? ", " : "").append(size);
        }
        return sizes.toString();
    }

    private static String ratio(final Double numerator, final Double denominator)
    {
        return null == numerator || null == denominator || 0 == denominator ?
            "" : String.format(Locale.ROOT, "%.2fx", numerator / denominator);
    }

    private static String us(final Double value)
    {
        return null == value ? "" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String ops(final double value)
    {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String bytes(final Double value)
    {
        return null == value ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }
}
