package dev.aeronrpc.server;

import dev.aeronrpc.core.Status;
import io.aeron.Aeron;
import io.aeron.Counter;
import org.agrona.CloseHelper;

/**
 * What a server has done, as Aeron counters: readable from another process while this one runs (Aeron's
 * {@code AeronStat} lists them with their labels), and as a {@link Snapshot} through {@link RpcServer#counters()}.
 */
public final class ServerCounters implements AutoCloseable
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

    private static final Snapshot UNREADABLE = new Snapshot(0, 0, 0, 0, 0, 0, 0);

    private volatile Snapshot lastSnapshot;
    private final Counter requests;
    private final Counter handlerRuns;
    private final Counter failures;
    private final Counter duplicatesReplayed;
    private final Counter duplicatesRunning;
    private final Counter tooOldDuplicates;
    private final Counter responsesDropped;

    ServerCounters(final Aeron aeron, final String channel)
    {
        final String suffix = ": " + channel;
        requests = aeron.addCounter(TYPE_ID_BASE, "rpc server requests" + suffix);
        handlerRuns = aeron.addCounter(TYPE_ID_BASE + 1, "rpc server handler runs" + suffix);
        failures = aeron.addCounter(TYPE_ID_BASE + 2, "rpc server failures" + suffix);
        duplicatesReplayed = aeron.addCounter(TYPE_ID_BASE + 3, "rpc server duplicates replayed" + suffix);
        duplicatesRunning = aeron.addCounter(TYPE_ID_BASE + 4, "rpc server duplicates while running" + suffix);
        tooOldDuplicates = aeron.addCounter(TYPE_ID_BASE + 5, "rpc server duplicates too old" + suffix);
        responsesDropped = aeron.addCounter(TYPE_ID_BASE + 6, "rpc server responses dropped" + suffix);
    }

    void onRequest()
    {
        increment(requests);
    }

    void onHandlerRun()
    {
        increment(handlerRuns);
    }

    void onOutcome(final Status status)
    {
        if (Status.OK != status)
        {
            increment(failures);
        }
    }

    void onDuplicateReplayed()
    {
        increment(duplicatesReplayed);
    }

    void onDuplicateRunning()
    {
        increment(duplicatesRunning);
    }

    void onTooOld()
    {
        increment(tooOldDuplicates);
    }

    void onResponseDropped()
    {
        increment(responsesDropped);
    }

    private static void increment(final Counter counter)
    {
        // The counters live in the media driver's memory, mapped by the Aeron client; once that client is closed,
        // as when an application closes it before this object, the memory is gone.
        if (!counter.isClosed())
        {
            counter.incrementRelease();
        }
    }

    /**
     * Reads every counter; after {@link #close()}, their last values.
     *
     * @return the counters now.
     */
    public Snapshot snapshot()
    {
        final Snapshot last = lastSnapshot;
        return null != last ? last : readable() ? read() : UNREADABLE;
    }

    private boolean readable()
    {
        // Closed with the Aeron client, as when the application closed that client first: the memory is gone.
        return !requests.isClosed();
    }

    private Snapshot read()
    {
        return new Snapshot(requests.get(), handlerRuns.get(), failures.get(), duplicatesReplayed.get(),
            duplicatesRunning.get(), tooOldDuplicates.get(), responsesDropped.get());
    }

    @Override
    public void close()
    {
        // Keep the last values: the counters' memory goes when the Aeron client closes.
        if (null == lastSnapshot)
        {
            lastSnapshot = readable() ? read() : UNREADABLE;
        }
        CloseHelper.closeAll(requests, handlerRuns, failures, duplicatesReplayed, duplicatesRunning,
            tooOldDuplicates, responsesDropped);
    }
}
