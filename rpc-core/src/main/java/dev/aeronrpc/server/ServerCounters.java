package dev.aeronrpc.server;

import dev.aeronrpc.core.RpcCounters;
import dev.aeronrpc.core.Status;
import io.aeron.Aeron;

/**
 * What a server has done, as Aeron counters (type ids from {@link #TYPE_ID_BASE}, labelled
 * {@code rpc server ...: CHANNEL}) and as a {@link Snapshot} through {@link RpcServer#counters()}.
 */
public final class ServerCounters extends RpcCounters<ServerCounters.Snapshot>
{
    /** Aeron counter type id of the first server counter; the others follow in the order of {@link Snapshot}. */
    public static final int TYPE_ID_BASE = 7720;

    /**
     * The counters at one moment.
     *
     * @param requests           requests received, duplicates included.
     * @param handlerRuns        times a handler ran.
     * @param failures           calls answered with a status other than OK.
     * @param duplicatesReplayed exactly-once duplicates answered from the table, without running the handler.
     * @param duplicatesRunning  exactly-once duplicates that came while the first copy was still running.
     * @param tooOldDuplicates   exactly-once duplicates older than the table remembers, refused.
     * @param responsesDropped   answers lost on purpose by a {@link ResponseFilter}.
     * @param malformedFrames    frames refused as malformed, of every {@link FrameFault}.
     * @param connectsRefused    Connects refused: the server full, a wrong secret, another protocol version.
     * @param connectsDeferred   Connects left for the client to send again, because too many were being admitted.
     * @param sessionsDropped    sessions the server ended for their client's behaviour: not reading its answers,
     *                           or sending garbage.
     */
    public record Snapshot(
        long requests,
        long handlerRuns,
        long failures,
        long duplicatesReplayed,
        long duplicatesRunning,
        long tooOldDuplicates,
        long responsesDropped,
        long malformedFrames,
        long connectsRefused,
        long connectsDeferred,
        long sessionsDropped)
    {
    }

    private static final String[] LABELS = {
        "rpc server requests", "rpc server handler runs", "rpc server failures", "rpc server duplicates replayed",
        "rpc server duplicates while running", "rpc server duplicates too old", "rpc server responses dropped",
        "rpc server malformed frames", "rpc server connects refused", "rpc server connects deferred",
        "rpc server sessions dropped"};
    private static final int REQUESTS = 0;
    private static final int HANDLER_RUNS = 1;
    private static final int FAILURES = 2;
    private static final int DUPLICATES_REPLAYED = 3;
    private static final int DUPLICATES_RUNNING = 4;
    private static final int TOO_OLD = 5;
    private static final int RESPONSES_DROPPED = 6;
    private static final int MALFORMED = 7;
    private static final int CONNECTS_REFUSED = 8;
    private static final int CONNECTS_DEFERRED = 9;
    private static final int SESSIONS_DROPPED = 10;

    /** Aeron counter type id of the first counter of malformed frames by cause, in {@link FrameFault} order. */
    public static final int FAULT_TYPE_ID_BASE = 7740;

    private final FaultCounters faults;

    ServerCounters(final Aeron aeron, final String channel)
    {
        super(aeron, TYPE_ID_BASE, LABELS, ": " + channel);
        faults = new FaultCounters(aeron, channel);
    }

    void onMalformed(final FrameFault fault)
    {
        incrementBySoleWriter(MALFORMED);
        faults.onFault(fault);
    }

    void onConnectRefused()
    {
        incrementBySoleWriter(CONNECTS_REFUSED);
    }

    void onConnectDeferred()
    {
        incrementBySoleWriter(CONNECTS_DEFERRED);
    }

    void onSessionDropped()
    {
        incrementBySoleWriter(SESSIONS_DROPPED);
    }

    /**
     * Malformed frames by cause.
     *
     * @return a count per cause.
     */
    public java.util.Map<FrameFault, Long> malformedByCause()
    {
        return faults.byCause();
    }

    @Override
    public void reattach(final Aeron aeron)
    {
        super.reattach(aeron);
        faults.reattach(aeron);
    }

    @Override
    public void close()
    {
        super.close();
        faults.close();
    }

    void onRequest()
    {
        // Only the poll thread counts requests.
        incrementBySoleWriter(REQUESTS);
    }

    void onHandlerRun()
    {
        increment(HANDLER_RUNS);
    }

    void onOutcome(final Status status)
    {
        if (Status.OK != status)
        {
            increment(FAILURES);
        }
    }

    void onDuplicateReplayed()
    {
        increment(DUPLICATES_REPLAYED);
    }

    void onDuplicateRunning()
    {
        increment(DUPLICATES_RUNNING);
    }

    void onTooOld()
    {
        increment(TOO_OLD);
    }

    void onResponseDropped()
    {
        increment(RESPONSES_DROPPED);
    }

    /**
     * The malformed-frame counters, one per {@link FrameFault}.
     */
    private static final class FaultCounters extends RpcCounters<java.util.Map<FrameFault, Long>>
    {
        private static final String[] FAULT_LABELS = labels();

        FaultCounters(final Aeron aeron, final String channel)
        {
            super(aeron, FAULT_TYPE_ID_BASE, FAULT_LABELS, ": " + channel);
        }

        private static String[] labels()
        {
            final FrameFault[] faults = FrameFault.values();
            final String[] labels = new String[faults.length];
            for (int i = 0; i < faults.length; i++)
            {
                labels[i] = "rpc server malformed frames " + faults[i].name().toLowerCase(java.util.Locale.ROOT);
            }
            return labels;
        }

        void onFault(final FrameFault fault)
        {
            incrementBySoleWriter(fault.ordinal());
        }

        java.util.Map<FrameFault, Long> byCause()
        {
            return snapshot();
        }

        @Override
        protected java.util.Map<FrameFault, Long> snapshotOf(final long[] values)
        {
            final java.util.EnumMap<FrameFault, Long> byCause = new java.util.EnumMap<>(FrameFault.class);
            for (final FrameFault fault : FrameFault.values())
            {
                byCause.put(fault, values[fault.ordinal()]);
            }
            return byCause;
        }
    }

    @Override
    protected Snapshot snapshotOf(final long[] v)
    {
        return new Snapshot(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
    }
}
