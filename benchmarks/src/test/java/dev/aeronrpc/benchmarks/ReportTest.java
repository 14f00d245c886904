package dev.aeronrpc.benchmarks;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report never computes a ratio or a target from a contender that fell behind its schedule.
 */
class ReportTest
{
    private static final Settings SETTINGS = new Settings("test", 1, 1, 2_000, 64, 1024, 100, 10, new int[]{32},
        Path.of("."), null);

    private static Result openLoop(final String system, final Transport transport, final long p50Ns, final boolean kept)
    {
        final Histogram histogram = LoadRig.newHistogram();
        histogram.recordValueWithCount(p50Ns, 100);
        return new Result(LoadRig.name(system, Workload.UNARY_OPEN_LOOP, transport, 32), system,
            Workload.UNARY_OPEN_LOOP, transport, 32, histogram, kept ? 2_000 : 1_614, 0.0, "", "", "", kept, null, "");
    }

    @Test
    void shouldLeaveAContenderThatFellBehindOutOfRatiosAndTargets()
    {
        final List<Result> results = List.of(
            openLoop("aeron", Transport.UDP, TimeUnit.MICROSECONDS.toNanos(100), true),
            openLoop("rpc", Transport.UDP, TimeUnit.MICROSECONDS.toNanos(160), true),
            openLoop("grpc", Transport.TCP, TimeUnit.MILLISECONDS.toNanos(722), false));

        final String markdown = new Report(SETTINGS, results).toMarkdown();

        assertTrue(markdown.contains("1,614 (schedule not kept)"), markdown);
        assertTrue(markdown.contains("| grpc/rpc unary-blocking tcp/udp 32b | schedule not kept | | |"), markdown);
        assertFalse(markdown.contains("lower than gRPC"), "no target from a result that fell behind:\n" + markdown);
        assertTrue(markdown.contains("MISSED: blocking unary p50 <= 1.5x raw Aeron, unary-blocking udp 32b: measured " +
            "1.60x"), markdown);
    }
}
