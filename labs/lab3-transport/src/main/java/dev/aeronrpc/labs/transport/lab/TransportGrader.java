package dev.aeronrpc.labs.transport.lab;

import dev.aeronrpc.labs.grading.Await;
import dev.aeronrpc.labs.grading.CheckFailure;
import dev.aeronrpc.labs.grading.Checks;
import dev.aeronrpc.labs.grading.FreePorts;
import dev.aeronrpc.labs.grading.Grader;
import dev.aeronrpc.labs.grading.LabDriver;
import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.driver.status.PublisherPos;
import io.aeron.driver.status.StreamCounter;
import io.aeron.driver.status.SystemCounterDescriptor;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.aeronrpc.labs.grading.CheckFailure.require;

/**
 * Lab 3's grader. It runs the submission's pinger against its own ponger in three setups: IPC through the
 * submission's embedded driver; UDP from the submission's embedded driver to the grader's; UDP from a standalone
 * driver process (Aeron's {@code MediaDriver} main, started here) to the grader's. In each it checks the program
 * ran where it was told (the right driver's counters moved), and that the histogram is a real measurement: one
 * sample per pong, the ponger's deliberately slow pongs visible in it, no round trip longer than the run.
 */
public final class TransportGrader extends Grader<TransportLab>
{
    static final int ROUND_TRIPS = 1_000;
    static final int WARM_UP = 200;

    /** The setups, in the order they run. */
    enum Setup
    {
        IPC, UDP, UDP_STANDALONE
    }

    public TransportGrader()
    {
        super("lab3-transport", TransportLab.class);
    }

    @Override
    public String mainSubmission()
    {
        return "dev.aeronrpc.labs.transport.MyLab";
    }

    @Override
    public String referenceSolution()
    {
        return "dev.aeronrpc.labs.transport.solution.ReferenceLab";
    }

    @Override
    protected void grade(final TransportLab lab, final Checks checks)
    {
        final Map<Setup, Measurement> measured = new EnumMap<>(Setup.class);
        try (LabDriver graderDriver = LabDriver.launch())
        {
            checks.check("ipc-embedded", "runs over IPC, through the media driver it embeds",
                "connect(EMBEDDED, dir) launches a MediaDriver in dir and connects an Aeron client to it; the IPC " +
                "channel needs no address", () -> ipc(lab, measured));
            checks.check("udp-embedded", "runs over UDP, from the driver it embeds to the grader's",
                "a UDP channel names the endpoint its receiver listens on: the pong channel is yours, the ping " +
                "channel the grader's", () -> udpEmbedded(lab, graderDriver, measured));
            checks.check("udp-standalone", "runs over UDP through a standalone media driver process",
                "connect(STANDALONE, dir) launches nothing: it connects an Aeron client to the driver already " +
                "running in dir", () -> udpStandalone(lab, graderDriver, measured));
        }
        checks.check("measurements-real", "every histogram is a real measurement of every round trip",
            "record, for each ping, the time from just before its offer to the arrival of its pong, in " +
            "nanoseconds, with System.nanoTime()", () -> real(measured));
        checks.check("explanation", "the explanation's answers are right, and agree with the measurements",
            "read the concept page again: where does each setup's message wait, and who moves it?",
            () -> explanation(lab, measured));
    }

    private String ipc(final TransportLab lab, final Map<Setup, Measurement> measured) throws Exception
    {
        final String dir = directory("ipc");
        try (Connection connection = lab.connect(DriverMode.EMBEDDED, dir))
        {
            require(null != connection && null != connection.driver(), "connect(EMBEDDED, ...) launched no driver");
            requireDirectory(connection, dir);
            try (Aeron graderAeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir)))
            {
                final String channel = lab.channel(Transport.IPC, 0);
                final Measurement m = measure(lab, connection, graderAeron, channel, channel, channel, channel);
                requirePublication(connection.aeron(), "aeron:ipc", "the embedded driver");
                measured.put(Setup.IPC, m);
                return m.summary();
            }
        }
        finally
        {
            // A driver launched without deleting its directory on shutdown must not leave it behind.
            IoUtil.delete(new File(dir), true);
        }
    }

    private String udpEmbedded(final TransportLab lab, final LabDriver graderDriver,
        final Map<Setup, Measurement> measured) throws Exception
    {
        final String dir = directory("udp");
        try (Connection connection = lab.connect(DriverMode.EMBEDDED, dir))
        {
            require(null != connection && null != connection.driver(), "connect(EMBEDDED, ...) launched no driver");
            requireDirectory(connection, dir);
            final Measurement m = udp(lab, connection, graderDriver);
            measured.put(Setup.UDP, m);
            return m.summary();
        }
        finally
        {
            IoUtil.delete(new File(dir), true);
        }
    }

    private String udpStandalone(final TransportLab lab, final LabDriver graderDriver,
        final Map<Setup, Measurement> measured) throws Exception
    {
        final String dir = directory("standalone");
        try (StandaloneDriver driver = new StandaloneDriver(dir))
        {
            try (Connection connection = lab.connect(DriverMode.STANDALONE, dir))
            {
                require(null != connection, "connect(STANDALONE, ...) returned null");
                require(null == connection.driver(), "connect(STANDALONE, ...) launched a driver of its own; the " +
                    "standalone one is already running");
                requireDirectory(connection, dir);
                final Measurement m = udp(lab, connection, graderDriver);
                measured.put(Setup.UDP_STANDALONE, m);
                return m.summary() + " (driver process " + driver.pid() + ")";
            }
        }
        finally
        {
            IoUtil.delete(new File(dir), true);
        }
    }

    private Measurement udp(final TransportLab lab, final Connection connection, final LabDriver graderDriver)
    {
        final int pongerPort = FreePorts.udp();
        final int pingerPort = FreePorts.udp();
        final String pingChannel = lab.channel(Transport.UDP, pongerPort);
        final String pongChannel = lab.channel(Transport.UDP, pingerPort);
        require(null != pingChannel && pingChannel.startsWith("aeron:udp"), "channel(UDP, %d) is %s", pongerPort,
            pingChannel);
        final long bytesSentBefore = bytesSent(connection.aeron());
        final Measurement m = measure(lab, connection, graderDriver.aeron(), pingChannel, pongChannel,
            "aeron:udp?endpoint=localhost:" + pongerPort, "aeron:udp?endpoint=localhost:" + pingerPort);
        final long sent = bytesSent(connection.aeron()) - bytesSentBefore;
        require(sent >= (long)ROUND_TRIPS * 64, "the driver sent %d bytes over UDP for %d pings: the pings did not " +
            "go through this driver's sender", sent, ROUND_TRIPS);
        requirePublication(connection.aeron(), "aeron:udp", "the driver");
        return m;
    }

    private static Measurement measure(
        final TransportLab lab,
        final Connection connection,
        final Aeron graderAeron,
        final String pingChannel,
        final String pongChannel,
        final String pongerPingChannel,
        final String pongerPongChannel)
    {
        require(null != pingChannel && null != pongChannel, "a channel is null");
        try (Ponger ponger = new Ponger(graderAeron, pongerPingChannel, pongerPongChannel);
            Pinger pinger = lab.pinger(connection.aeron(), pingChannel, pongChannel))
        {
            Await.until(() -> ponger.isConnected() && pinger.isConnected(), 10_000,
                "the pinger and the ponger to connect (ping " + pingChannel + ", pong " + pongChannel + ")");
            pinger.run(WARM_UP, new Histogram(TimeUnit.SECONDS.toNanos(10), 3));
            require(ponger.pongs() == WARM_UP, "the ponger sent %d pongs for %d warm-up pings", ponger.pongs(),
                WARM_UP);
            final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            final long pongsBefore = ponger.pongs();
            final long startNs = System.nanoTime();
            pinger.run(ROUND_TRIPS, histogram);
            final long elapsedNs = System.nanoTime() - startNs;
            final long pongs = ponger.pongs() - pongsBefore;
            require(histogram.getTotalCount() == pongs, "the histogram holds %d round trips; the ponger sent %d " +
                "pongs", histogram.getTotalCount(), pongs);
            require(pongs == ROUND_TRIPS, "%d round trips were made; %d were asked for", pongs, ROUND_TRIPS);
            return new Measurement(histogram, elapsedNs, pongs);
        }
    }

    private static String real(final Map<Setup, Measurement> measured)
    {
        require(!measured.isEmpty(), "no setup ran");
        final StringBuilder seen = new StringBuilder();
        for (final Map.Entry<Setup, Measurement> entry : measured.entrySet())
        {
            final Measurement m = entry.getValue();
            final Histogram h = m.histogram;
            final long slow = h.getCountBetweenValues(Ponger.MARKER_NS, h.getMaxValue());
            final long expectedSlow = ROUND_TRIPS / Ponger.MARKER_EVERY;
            require(slow >= expectedSlow * 9 / 10, "%s: %d round trips of 2 ms or more; the ponger held %d pongs " +
                "for 2 ms, so a real measurement shows at least that many", entry.getKey(), slow, expectedSlow);
            final double sumNs = h.getMean() * h.getTotalCount();
            require(sumNs <= m.elapsedNs * 1.01 && h.getMaxValue() <= m.elapsedNs, "%s: the round trips add up to " +
                "%.1f ms, in a run of %.1f ms: they cannot have been made one after another",
                entry.getKey(), sumNs / 1e6, m.elapsedNs / 1e6);
            require(h.getMinValue() > 0, "%s: a round trip of 0 ns", entry.getKey());
            seen.append(seen.length() == 0 ? "" : "; ").append(entry.getKey()).append(": ").append(slow)
                .append(" slow pongs seen, sum of round trips ").append(String.format("%.0f", 100 * sumNs /
                m.elapsedNs)).append("% of the run");
            writeLog(entry.getKey(), h);
        }
        require(measured.size() == Setup.values().length, "the setups that ran measured for real, but not every " +
            "setup ran: only %s did", measured.keySet());
        return seen + "; histograms in " + Path.of(System.getProperty("java.io.tmpdir")).resolve("lab3-*.hlog");
    }

    private static String explanation(final TransportLab lab, final Map<Setup, Measurement> measured)
    {
        final Explanation answers = lab.explanation();
        require(null != answers, "explanation() returned null");
        final StringBuilder wrong = new StringBuilder();
        judge(wrong, "sendsUdpDatagrams", answers.sendsUdpDatagrams(), Explanation.Party.MEDIA_DRIVER);
        judge(wrong, "movesIpcMessages", answers.movesIpcMessages(), Explanation.Party.NOBODY);
        judge(wrong, "handsMessagesToStandaloneDriver", answers.handsMessagesToStandaloneDriver(),
            Explanation.Party.NOBODY);
        require(measured.size() == Setup.values().length, "fastestMedian is judged against all three runs, and " +
            "some did not run");
        final Map<String, Long> medians = new LinkedHashMap<>();
        measured.forEach((setup, m) -> medians.put(setup.name(), m.histogram.getValueAtPercentile(50)));
        final long best = medians.values().stream().min(Long::compare).orElseThrow();
        final String fastest = answers.fastestMedian();
        if (null == fastest)
        {
            wrong.append("fastestMedian: not answered. ");
        }
        else if (!medians.containsKey(fastest))
        {
            wrong.append("fastestMedian: \"").append(fastest).append("\" is not one of ").append(medians.keySet())
                .append(". ");
        }
        else if (medians.get(fastest) > best * 1.1)
        {
            wrong.append("fastestMedian: your runs say otherwise (medians in µs: ").append(micros(medians))
                .append("). ");
        }
        require(wrong.length() == 0, "%s", wrong.toString().trim());
        return "all right; medians in µs: " + micros(medians);
    }

    private static String micros(final Map<String, Long> medians)
    {
        final StringBuilder text = new StringBuilder();
        medians.forEach((k, v) -> text.append(text.length() == 0 ? "" : ", ").append(k).append(' ')
            .append(String.format("%.1f", v / 1000.0)));
        return text.toString();
    }

    private static void judge(final StringBuilder wrong, final String question, final Object answer,
        final Object right)
    {
        if (null == answer)
        {
            wrong.append(question).append(": not answered. ");
        }
        else if (!answer.equals(right))
        {
            wrong.append(question).append(": not ").append(answer).append(". ");
        }
    }

    private static void writeLog(final Setup setup, final Histogram histogram)
    {
        final File file = Path.of(System.getProperty("java.io.tmpdir")).resolve(
            "lab3-" + setup.name().toLowerCase() + ".hlog").toFile();
        try (PrintStream out = new PrintStream(file))
        {
            final HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputLegend();
            writer.outputIntervalHistogram(histogram);
        }
        catch (final FileNotFoundException ex)
        {
            throw new CheckFailure("cannot write " + file + ": " + ex.getMessage());
        }
    }

    private static String directory(final String name)
    {
        return CommonContext.getAeronDirectoryName() + "-lab3-" + name + "-" + UUID.randomUUID();
    }

    private static void requireDirectory(final Connection connection, final String dir)
    {
        require(null != connection.aeron(), "the connection has no Aeron client");
        require(new File(dir).getAbsolutePath().equals(
            new File(connection.aeron().context().aeronDirectoryName()).getAbsolutePath()),
            "the Aeron client is connected to %s, not to %s", connection.aeron().context().aeronDirectoryName(), dir);
    }

    private static long bytesSent(final Aeron aeron)
    {
        return aeron.countersReader().getCounterValue(SystemCounterDescriptor.BYTES_SENT.id());
    }

    private static void requirePublication(final Aeron aeron, final String channelPrefix, final String where)
    {
        final CountersReader counters = aeron.countersReader();
        final boolean[] found = new boolean[1];
        counters.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (typeId == PublisherPos.PUBLISHER_POS_TYPE_ID &&
                keyBuffer.getInt(StreamCounter.STREAM_ID_OFFSET) == Pinger.PING_STREAM_ID &&
                label.contains(channelPrefix) && counters.getCounterValue(counterId) >= (long)ROUND_TRIPS * 64)
            {
                found[0] = true;
            }
        });
        require(found[0], "%s has no %s ping publication that carried the pings", where, channelPrefix);
    }

    /** One setup's round trips. */
    private record Measurement(Histogram histogram, long elapsedNs, long pongs)
    {
        String summary()
        {
            return String.format("%d round trips: p50 %.1f µs, p90 %.1f µs, p99 %.1f µs, max %.1f ms", pongs,
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(90) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1e6);
        }
    }
}
