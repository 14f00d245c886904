package dev.aeronrpc.benchmarks;

import dev.aeronrpc.core.RpcConfiguration;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a pair of peers through a workload: warm-up, then a measurement with the allocation counter running.
 * <p>
 * The open-loop latency workload sends at a fixed rate and times each round trip from the moment it was scheduled
 * to leave, not the moment it left: a stall that delays the following calls is charged to each of them, as a user
 * arriving at that time would have felt it (coordinated omission, after real-logic/benchmarks' LoadTestRig).
 */
public final class LoadRig
{
    private static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(60);
    private static final long PARK_THRESHOLD_NS = TimeUnit.MICROSECONDS.toNanos(150);
    private static final long PARK_MARGIN_NS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    /** The share of the scheduled calls per second an open-loop sender must reach to have kept its schedule. */
    static final double SCHEDULE_KEPT_SHARE = 0.95;
    /** Payload of each call of the burst workload. */
    public static final int BURST_PAYLOAD_BYTES = 256 * 1024;

    private final Settings settings;
    private final AllocationMeter allocation = new AllocationMeter();

    /**
     * A rig for the given settings.
     *
     * @param settings durations, rate and window.
     */
    public LoadRig(final Settings settings)
    {
        this.settings = settings;
    }

    /**
     * A histogram that records round trips of up to a minute at three significant digits.
     *
     * @return a new histogram.
     */
    public static Histogram newHistogram()
    {
        return new Histogram(HIGHEST_TRACKABLE_NS, 3);
    }

    /**
     * Runs one workload on a contender.
     *
     * @param contender    the system.
     * @param workload     what to do.
     * @param transport    over what.
     * @param payloadBytes with payloads of this size.
     * @return the measurement.
     */
    public Result run(final Contender contender, final Workload workload, final Transport transport, final int payloadBytes)
    {
        final Measurement measurement = switch (workload)
        {
            case UNARY_OPEN_LOOP -> roundTrips(contender, transport, payloadBytes, true);
            case UNARY_CLOSED_LOOP -> roundTrips(contender, transport, payloadBytes, false);
            case UNARY_PIPELINED -> pipelined(contender, transport, payloadBytes);
            case STREAM -> stream(contender, transport, payloadBytes);
            case BURST -> burst(contender, transport);
        };

        final double seconds = measurement.elapsedNs / 1e9;
        final int reportedPayload = Workload.BURST == workload ? BURST_PAYLOAD_BYTES : payloadBytes;
        final Boolean scheduleKept = Workload.UNARY_OPEN_LOOP == workload ?
            measurement.ops / seconds >= SCHEDULE_KEPT_SHARE * settings.rateHz() : null;
        return new Result(
            name(contender.system(), workload, transport, reportedPayload),
            contender.system(),
            workload,
            transport,
            reportedPayload,
            measurement.histogram,
            measurement.ops / seconds,
            allocation.isSupported() && measurement.ops > 0 ? (double)measurement.allocatedBytes / measurement.ops : null,
            contender.threads(),
            contender.idleStrategy(),
            contender.driverThreading(),
            scheduleKept,
            measurement.failures,
            measurement.failureDetail);
    }

    /**
     * A scenario's name.
     *
     * @param system       the system.
     * @param workload     the workload.
     * @param transport    the transport.
     * @param payloadBytes the payload size.
     * @return for example {@code rpc-unary-blocking-ipc-32b}.
     */
    public static String name(final String system, final Workload workload, final Transport transport, final int payloadBytes)
    {
        return system + "-" + workload.label() + "-" + transport.label() + "-" + payloadBytes + "b";
    }

    /**
     * The idle strategy every polling thread of Aeron and of this framework uses in this run.
     *
     * @return its configured name.
     */
    public static String idleStrategyName()
    {
        return System.getProperty(RpcConfiguration.IDLE_STRATEGY_PROP_NAME, RpcConfiguration.IDLE_STRATEGY_DEFAULT);
    }

    private Measurement roundTrips(
        final Contender contender, final Transport transport, final int payloadBytes, final boolean openLoop)
    {
        try (RoundTrip roundTrip = contender.roundTrip(transport, payloadBytes))
        {
            final Histogram histogram = newHistogram();
            closedLoop(roundTrip, histogram, settings.warmUpNs());
            histogram.reset();

            allocation.start();
            final long startNs = System.nanoTime();
            final long ops = openLoop ?
                openLoop(roundTrip, histogram, settings.measureNs()) :
                closedLoop(roundTrip, histogram, settings.measureNs());
            final long elapsedNs = System.nanoTime() - startNs;
            return new Measurement(histogram, ops, elapsedNs, allocation.stop(), null, "");
        }
    }

    private Measurement burst(final Contender contender, final Transport transport)
    {
        try (Burst burst = contender.burst(transport, BURST_PAYLOAD_BYTES))
        {
            final int calls = settings.burstCalls();
            long failures = burst.burst(calls);
            allocation.start();
            final long startNs = System.nanoTime();
            final long endNs = startNs + settings.measureNs();
            long completed = 0;
            do
            {
                failures += burst.burst(calls);
                completed += calls;
            }
            while (System.nanoTime() - endNs < 0);
            final long elapsedNs = System.nanoTime() - startNs;
            return new Measurement(null, completed, elapsedNs, allocation.stop(), failures, burst.failures());
        }
    }

    private long openLoop(final RoundTrip roundTrip, final Histogram histogram, final long durationNs)
    {
        final long intervalNs = TimeUnit.SECONDS.toNanos(1) / settings.rateHz();
        final long startNs = System.nanoTime();
        final long endNs = startNs + durationNs;
        long ops = 0;
        for (long scheduledNs = startNs; scheduledNs - endNs < 0; scheduledNs += intervalNs)
        {
            awaitTime(scheduledNs);
            final long echoedNs = roundTrip.roundTrip(scheduledNs);
            final long nowNs = System.nanoTime();
            checkEcho(scheduledNs, echoedNs);
            histogram.recordValue(nowNs - scheduledNs);
            ops++;
        }
        return ops;
    }

    private static long closedLoop(final RoundTrip roundTrip, final Histogram histogram, final long durationNs)
    {
        final long endNs = System.nanoTime() + durationNs;
        long ops = 0;
        long nowNs;
        do
        {
            final long sentNs = System.nanoTime();
            final long echoedNs = roundTrip.roundTrip(sentNs);
            nowNs = System.nanoTime();
            checkEcho(sentNs, echoedNs);
            histogram.recordValue(nowNs - sentNs);
            ops++;
        }
        while (nowNs - endNs < 0);
        return ops;
    }

    private Measurement pipelined(final Contender contender, final Transport transport, final int payloadBytes)
    {
        try (Pipeline pipeline = contender.pipeline(transport, payloadBytes))
        {
            final IdleStrategy idle = RpcConfiguration.idleStrategy();
            pump(pipeline, idle, settings.warmUpNs());
            pipeline.histogram().reset();

            allocation.start();
            final long startNs = System.nanoTime();
            final long ops = pump(pipeline, idle, settings.measureNs());
            final long elapsedNs = System.nanoTime() - startNs;
            final long allocatedBytes = allocation.stop();
            return new Measurement(pipeline.histogram(), ops, elapsedNs, allocatedBytes, null, "");
        }
    }

    /**
     * Keeps the window full for a while, then lets what is in flight come back (not counted).
     *
     * @return answers taken in within the duration.
     */
    private long pump(final Pipeline pipeline, final IdleStrategy idle, final long durationNs)
    {
        final int window = settings.window();
        final long endNs = System.nanoTime() + durationNs;
        long sent = 0;
        long answered = 0;
        while (System.nanoTime() - endNs < 0)
        {
            int workCount = 0;
            while (sent - answered < window && pipeline.trySend(System.nanoTime()))
            {
                sent++;
                workCount++;
            }
            final int arrived = pipeline.poll();
            answered += arrived;
            idle.idle(workCount + arrived);
        }

        final long countedAnswers = answered;
        final long drainDeadlineNs = System.nanoTime() + DRAIN_TIMEOUT_NS;
        while (answered < sent)
        {
            if (System.nanoTime() - drainDeadlineNs > 0)
            {
                throw new IllegalStateException((sent - answered) + " pipelined calls never came back");
            }
            final int arrived = pipeline.poll();
            answered += arrived;
            idle.idle(arrived);
        }
        return countedAnswers;
    }

    private Measurement stream(final Contender contender, final Transport transport, final int payloadBytes)
    {
        try (ItemStream stream = contender.itemStream(transport, payloadBytes))
        {
            transferFor(stream, settings.warmUpNs());

            allocation.start();
            final long startNs = System.nanoTime();
            final long items = transferFor(stream, settings.measureNs());
            final long elapsedNs = System.nanoTime() - startNs;
            return new Measurement(null, items, elapsedNs, allocation.stop(), null, "");
        }
    }

    private long transferFor(final ItemStream stream, final long durationNs)
    {
        final long batch = settings.streamBatch();
        final long endNs = System.nanoTime() + durationNs;
        long items = 0;
        do
        {
            final long read = stream.transfer(batch);
            if (read != batch)
            {
                throw new IllegalStateException("a stream of " + batch + " items ended after " + read);
            }
            items += read;
        }
        while (System.nanoTime() - endNs < 0);
        return items;
    }

    private static void awaitTime(final long timeNs)
    {
        long remainingNs;
        while ((remainingNs = timeNs - System.nanoTime()) > 0)
        {
            if (remainingNs > PARK_THRESHOLD_NS)
            {
                LockSupport.parkNanos(remainingNs - PARK_MARGIN_NS);
            }
            else
            {
                Thread.onSpinWait();
            }
        }
    }

    private static void checkEcho(final long sentNs, final long echoedNs)
    {
        if (sentNs != echoedNs)
        {
            throw new IllegalStateException("the echo carried stamp " + echoedNs + ", expected " + sentNs);
        }
    }

    private record Measurement(
        Histogram histogram, long ops, long elapsedNs, long allocatedBytes, Long failures, String failureDetail)
    {
    }
}
