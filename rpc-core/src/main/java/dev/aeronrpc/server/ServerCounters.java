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
    public static final int TYPE_ID_BASE = 7710;

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
     */
    public record Snapshot(
        long requests,
        long handlerRuns,
        long failures,
        long duplicatesReplayed,
        long duplicatesRunning,
        long tooOldDuplicates,
        long responsesDropped)
    {
    }

    private static final String[] LABELS = {
        "rpc server requests", "rpc server handler runs", "rpc server failures", "rpc server duplicates replayed",
        "rpc server duplicates while running", "rpc server duplicates too old", "rpc server responses dropped"};
    private static final int REQUESTS = 0;
    private static final int HANDLER_RUNS = 1;
    private static final int FAILURES = 2;
    private static final int DUPLICATES_REPLAYED = 3;
    private static final int DUPLICATES_RUNNING = 4;
    private static final int TOO_OLD = 5;
    private static final int RESPONSES_DROPPED = 6;

    ServerCounters(final Aeron aeron, final String channel)
    {
        super(aeron, TYPE_ID_BASE, LABELS, ": " + channel);
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

    @Override
    protected Snapshot snapshotOf(final long[] v)
    {
        return new Snapshot(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }
}
