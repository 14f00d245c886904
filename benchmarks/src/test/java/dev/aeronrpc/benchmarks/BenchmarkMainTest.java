package dev.aeronrpc.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every scenario runs, briefly, against real peers (an embedded media driver, a gRPC server on loopback), and the
 * run writes results.json, the report and the chart with every field the report promises. The figures of so short
 * a run mean nothing; that they exist, and are sane, does.
 */
class BenchmarkMainTest
{
    private static final String[] FIELDS = {
        "name", "system", "transport", "mode", "payloadBytes", "p50Us", "p90Us", "p99Us", "p999Us", "maxUs",
        "opsPerSec", "allocBytesPerOp", "threads", "idleStrategy", "driverThreading", "scheduleKept", "failures"};

    @Test
    void shouldRunEveryScenarioAndWriteTheResults(@TempDir final Path output) throws Exception
    {
        final Settings settings = new Settings("test", TimeUnit.MILLISECONDS.toNanos(200),
            TimeUnit.MILLISECONDS.toNanos(300), 1_000, 16, 256, 5_000, 20, new int[]{32}, output, null);

        final List<Result> results = BenchmarkMain.run(settings);
        final Report report = new Report(settings, results);
        BenchmarkMain.write(settings, results, report);

        // 4 workloads x (aeron ipc, aeron udp, rpc ipc, rpc udp, rpc-agent ipc, rpc-agent udp, grpc tcp), and the
        // burst for the two framework setups on each transport.
        assertEquals(32, results.size());
        for (final Result r : results)
        {
            assertTrue(r.opsPerSec() > 0, r.name());
            if (Workload.BURST == r.workload())
            {
                assertEquals(0L, r.failures(), r.name() + " " + r.failureDetail());
            }
            if (Workload.STREAM == r.workload() || Workload.BURST == r.workload())
            {
                assertNull(r.histogram(), r.name());
            }
            else
            {
                assertTrue(r.histogram().getTotalCount() > 0, r.name());
                assertTrue(r.percentileUs(50) <= r.percentileUs(99), r.name());
            }
        }

        final String json = Files.readString(output.resolve("results.json"));
        assertTrue(json.startsWith("[") && json.trim().endsWith("]"), json);
        for (final String field : FIELDS)
        {
            assertEquals(32, count(json, "\"" + field + "\": "), field);
        }
        assertEquals(11, count(json, "\"p50Us\": null"), "only the 7 stream and 4 burst scenarios have no percentiles");
        assertEquals(4, count(json, "\"system\": \"grpc\", \"transport\": \"tcp\""));
        assertEquals(10, count(json, "\"system\": \"rpc\""));
        assertEquals(10, count(json, "\"system\": \"rpc-agent\""));

        final String svg = Files.readString(output.resolve("latency-percentiles.svg"));
        assertTrue(svg.startsWith("<svg"), svg);
        assertEquals(7, count(svg, "<polyline"), "one line per open-loop latency scenario");

        final String markdown = Files.readString(output.resolve("report.md"));
        assertTrue(markdown.contains("rpc/aeron unary-blocking ipc 32b"), markdown);
        assertTrue(markdown.contains("grpc/rpc unary-pipelined tcp/udp 32b"), markdown);
        assertTrue(markdown.contains("blocking unary p50 <= 1.5x raw Aeron"), markdown);
        assertTrue(markdown.contains("blocking unary p50 <= 1.2x raw Aeron, closed loop"), markdown);
        assertTrue(markdown.contains("rpc-agent/aeron unary-blocking ipc 32b"), markdown);
        assertTrue(markdown.contains("no call of a burst of 20 asynchronous 262,144 B calls fails"), markdown);
    }

    @Test
    void shouldRejectUnknownOptionsAndPayloadsTooSmallForTheStamp()
    {
        assertThrows(IllegalArgumentException.class, () -> BenchmarkMain.parse(new String[]{"--fast"}));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkMain.parse(new String[]{"--payloads", "4"}));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkMain.parse(new String[]{"--rate"}));
    }

    @Test
    void shouldChooseTheModeAndOverrides()
    {
        final Settings full = BenchmarkMain.parse(new String[]{"--full", "--payloads", "64,512", "--rate", "500"});
        assertEquals("full", full.modeName());
        assertEquals(64, full.payloadSizes()[0]);
        assertEquals(512, full.payloadSizes()[1]);
        assertEquals(500, full.rateHz());
        assertNotNull(full.outputDir());
    }

    private static int count(final String text, final String what)
    {
        final Matcher matcher = Pattern.compile(Pattern.quote(what)).matcher(text);
        int count = 0;
        while (matcher.find())
        {
            count++;
        }
        return count;
    }
}
