package dev.aeronrpc.benchmarks;

import dev.aeronrpc.benchmarks.aeron.AeronContender;
import dev.aeronrpc.benchmarks.grpc.GrpcContender;
import dev.aeronrpc.benchmarks.rpc.RpcContender;
import dev.aeronrpc.core.RpcConfiguration;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs every scenario in one invocation: raw Aeron (the limit), this framework, and gRPC-java (the peer), for each
 * workload, transport and payload size; then prints the report and writes {@code results.json}, {@code report.md}
 * and {@code latency-percentiles.svg} next to the jar (benchmarks/target).
 * <p>
 * {@code java -jar benchmarks/target/aeron-rpc-benchmarks.jar [--quick | --full] [--only TEXT] [--rate CALLS_PER_S]
 * [--payloads 32,1024] [--warmup-ms N] [--measure-ms N] [--idle backoff|yield|...] [--output DIR]}
 * <p>
 * {@code --idle} sets the idle strategy of every Aeron and framework polling thread (the driver's, the responder's
 * and the requester's) for the whole run, as {@code -Daeron.rpc.idle.strategy} would; the default is the
 * framework's, {@code backoff}.
 */
public final class BenchmarkMain
{
    private BenchmarkMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length > 0 && "clients".equals(args[0]))
        {
            dev.aeronrpc.benchmarks.scale.ManyClients.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && "large".equals(args[0]))
        {
            dev.aeronrpc.benchmarks.large.LargeMessages.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        final Settings settings = parse(args);
        final List<Result> results = run(settings);
        final Report report = new Report(settings, results);
        System.out.println();
        System.out.print(report.toMarkdown());
        final Path[] written = write(settings, results, report);
        System.out.println("wrote " + Arrays.toString(written));
    }

    /**
     * Runs the scenarios the settings select, printing a line as each finishes.
     *
     * @param settings what to run and for how long.
     * @return the results, in the order run.
     */
    public static List<Result> run(final Settings settings)
    {
        final Contender[] contenders = {
            new AeronContender(),
            new RpcContender(settings.window(), settings.streamWindow(), true),
            new RpcContender(settings.window(), settings.streamWindow(), false),
            new GrpcContender()};
        final LoadRig rig = new LoadRig(settings);
        final List<Result> results = new ArrayList<>();
        for (final int payloadBytes : settings.payloadSizes())
        {
            for (final Workload workload : Workload.values())
            {
                for (final Contender contender : contenders)
                {
                    for (final Transport transport : contender.transports())
                    {
                        final String name = LoadRig.name(contender.system(), workload, transport,
                            Workload.BURST == workload ? LoadRig.BURST_PAYLOAD_BYTES : payloadBytes);
                        if (null != settings.only() && !name.contains(settings.only()))
                        {
                            continue;
                        }
                        // The burst has its own payload size: it runs once, with the first payload size's pass.
                        if (!contender.runs(workload) ||
                            Workload.BURST == workload && payloadBytes != settings.payloadSizes()[0])
                        {
                            continue;
                        }
                        System.out.printf("%-50s ", name);
                        System.out.flush();
                        final Result result = rig.run(contender, workload, transport, payloadBytes);
                        results.add(result);
                        System.out.println(summary(result));
                    }
                }
            }
        }
        return results;
    }

    /**
     * Writes results.json, report.md and latency-percentiles.svg into the settings' output folder.
     *
     * @param settings where to.
     * @param results  what.
     * @param report   the report of those results.
     * @return the files written.
     * @throws IOException when a file cannot be written.
     */
    public static Path[] write(final Settings settings, final List<Result> results, final Report report) throws IOException
    {
        Files.createDirectories(settings.outputDir());
        final Path json = settings.outputDir().resolve("results.json");
        final Path markdown = settings.outputDir().resolve("report.md");
        final Path chart = settings.outputDir().resolve("latency-percentiles.svg");
        Files.writeString(json, ResultsJson.toJson(results));
        Files.writeString(markdown, report.toMarkdown());
        Files.writeString(chart, LatencyChart.toSvg(results, String.format(Locale.ROOT,
            "Round trip by percentile: one call in flight, %,d calls/s open loop, %s", settings.rateHz(),
            settings.modeName() + " mode")));
        return new Path[]{json, markdown, chart};
    }

    private static String summary(final Result r)
    {
        final String alloc = null == r.allocBytesPerOp() ? "" : String.format(Locale.ROOT, "  %.2f B/op", r.allocBytesPerOp());
        final String kept = Boolean.FALSE.equals(r.scheduleKept()) ? "  schedule NOT KEPT" : "";
        final String failed = null == r.failures() ? "" : "  failures " + r.failures() + " " + r.failureDetail();
        if (null != r.histogram())
        {
            return String.format(Locale.ROOT, "p50 %8.1f us  p99 %8.1f us  max %9.1f us  %,12.0f ops/s%s%s",
                r.percentileUs(50), r.percentileUs(99), r.maxUs(), r.opsPerSec(), alloc, kept);
        }
        return String.format(Locale.ROOT, "%,12.0f ops/s%s%s", r.opsPerSec(), alloc, failed);
    }

    static Settings parse(final String[] args)
    {
        boolean full = false;
        String only = null;
        Integer rateHz = null;
        int[] payloadSizes = null;
        Long warmUpNs = null;
        Long measureNs = null;
        Path outputDir = defaultOutputDir();
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            switch (arg)
            {
                case "--quick" -> full = false;
                case "--full" -> full = true;
                case "--only" -> only = value(args, ++i, arg);
                case "--rate" -> rateHz = Integer.parseInt(value(args, ++i, arg));
                case "--payloads" ->
                    payloadSizes = Arrays.stream(value(args, ++i, arg).split(",")).mapToInt(Integer::parseInt).toArray();
                case "--warmup-ms" -> warmUpNs = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(value(args, ++i, arg)));
                case "--measure-ms" -> measureNs = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(value(args, ++i, arg)));
                case "--idle" -> System.setProperty(RpcConfiguration.IDLE_STRATEGY_PROP_NAME, value(args, ++i, arg));
                case "--output" -> outputDir = Path.of(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option " + arg +
                    "; use --quick | --full, --only TEXT, --rate N, --payloads A,B, --warmup-ms N, --measure-ms N, --idle NAME, --output DIR");
            }
        }

        final Settings mode = full ? Settings.full(outputDir) : Settings.quick(outputDir);
        final Settings settings = new Settings(
            mode.modeName(),
            null != warmUpNs ? warmUpNs : mode.warmUpNs(),
            null != measureNs ? measureNs : mode.measureNs(),
            null != rateHz ? rateHz : mode.rateHz(),
            mode.window(),
            mode.streamWindow(),
            mode.streamBatch(),
            mode.burstCalls(),
            null != payloadSizes ? payloadSizes : mode.payloadSizes(),
            outputDir,
            only);
        for (final int payloadBytes : settings.payloadSizes())
        {
            if (payloadBytes < Stamps.MIN_PAYLOAD_BYTES)
            {
                throw new IllegalArgumentException("payloads carry an 8-byte stamp: " + payloadBytes + " is too small");
            }
        }
        return settings;
    }

    private static String value(final String[] args, final int index, final String option)
    {
        if (index >= args.length)
        {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static Path defaultOutputDir()
    {
        try
        {
            final Path codeSource = Path.of(BenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // From the jar: the folder holding it (benchmarks/target). From classes: target/classes' parent.
            return codeSource.getParent();
        }
        catch (final URISyntaxException | RuntimeException ex)
        {
            return Path.of("benchmarks", "target");
        }
    }
}
