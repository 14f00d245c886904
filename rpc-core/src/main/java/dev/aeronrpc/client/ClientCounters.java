package dev.aeronrpc.client;

import dev.aeronrpc.core.Status;
import io.aeron.Aeron;
import io.aeron.Counter;
import org.agrona.CloseHelper;

/**
 * What a client has done, as Aeron counters: readable from another process while this one runs (Aeron's
 * {@code AeronStat} lists them with their labels), and as a {@link Snapshot} through {@link RpcClient#counters()}.
 */
public final class ClientCounters implements AutoCloseable
{
    /** Aeron counter type id of the first client counter; the others follow in the order of {@link Snapshot}. */
    public static final int TYPE_ID_BASE = 7700;

    /**
     * The counters at one moment.
     *
     * @param calls      calls made (each counted once, however often it was sent).
     * @param retries    requests sent again: on timeout or after a reconnection.
     * @param timeouts   calls that ended with DEADLINE_EXCEEDED.
     * @param failures   calls that ended with any status but OK (timeouts included).
     * @param reconnects sessions granted after the first.
     * @param throttled  retries refused because the retry budget was spent.
     * @param oneWaySent    one-way messages handed to Aeron.
     * @param oneWayDropped one-way messages dropped: no connection, back pressure past the send timeout, too large.
     */
    public record Snapshot(
        long calls,
        long retries,
        long timeouts,
        long failures,
        long reconnects,
        long throttled,
        long oneWaySent,
        long oneWayDropped)
    {
    }

    private static final Snapshot UNREADABLE = new Snapshot(0, 0, 0, 0, 0, 0, 0, 0);

    private volatile Snapshot lastSnapshot;
    private final Counter calls;
    private final Counter retries;
    private final Counter timeouts;
    private final Counter failures;
    private final Counter reconnects;
    private final Counter throttled;
    private final Counter oneWaySent;
    private final Counter oneWayDropped;

    ClientCounters(final Aeron aeron, final long clientId)
    {
        final String suffix = ": clientId=" + clientId;
        calls = aeron.addCounter(TYPE_ID_BASE, "rpc client calls" + suffix);
        retries = aeron.addCounter(TYPE_ID_BASE + 1, "rpc client retries" + suffix);
        timeouts = aeron.addCounter(TYPE_ID_BASE + 2, "rpc client timeouts" + suffix);
        failures = aeron.addCounter(TYPE_ID_BASE + 3, "rpc client failures" + suffix);
        reconnects = aeron.addCounter(TYPE_ID_BASE + 4, "rpc client reconnects" + suffix);
        throttled = aeron.addCounter(TYPE_ID_BASE + 5, "rpc client retries throttled" + suffix);
        oneWaySent = aeron.addCounter(TYPE_ID_BASE + 6, "rpc client one-way sent" + suffix);
        oneWayDropped = aeron.addCounter(TYPE_ID_BASE + 7, "rpc client one-way dropped" + suffix);
    }

    void onCall()
    {
        increment(calls);
    }

    void onRetry()
    {
        increment(retries);
    }

    void onReconnect()
    {
        increment(reconnects);
    }

    void onThrottled()
    {
        increment(throttled);
    }

    void onOneWay(final boolean sent)
    {
        increment(sent ? oneWaySent : oneWayDropped);
    }

    void onOutcome(final Status status)
    {
        if (Status.OK != status)
        {
            increment(failures);
            if (Status.DEADLINE_EXCEEDED == status)
            {
                increment(timeouts);
            }
        }
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
        return !calls.isClosed();
    }

    private Snapshot read()
    {
        return new Snapshot(
            calls.get(), retries.get(), timeouts.get(), failures.get(), reconnects.get(), throttled.get(),
            oneWaySent.get(), oneWayDropped.get());
    }

    @Override
    public void close()
    {
        // Keep the last values: the counters' memory goes when the Aeron client closes.
        if (null == lastSnapshot)
        {
            lastSnapshot = readable() ? read() : UNREADABLE;
        }
        CloseHelper.closeAll(calls, retries, timeouts, failures, reconnects, throttled, oneWaySent, oneWayDropped);
    }
}
