package dev.aeronrpc.client;

import dev.aeronrpc.core.RpcCounters;
import dev.aeronrpc.core.Status;
import io.aeron.Aeron;

/**
 * What a client has done, as Aeron counters (type ids from {@link #TYPE_ID_BASE}, labelled
 * {@code rpc client ...: clientId=N}) and as a {@link Snapshot} through {@link RpcClient#counters()}.
 */
public final class ClientCounters extends RpcCounters<ClientCounters.Snapshot>
{
    /** Aeron counter type id of the first client counter; the others follow in the order of {@link Snapshot}. */
    public static final int TYPE_ID_BASE = 7700;

    /**
     * The counters at one moment.
     *
     * @param calls         calls made (each counted once, however often it was sent).
     * @param retries       requests sent again: on timeout or after a reconnection.
     * @param timeouts      calls that ended with DEADLINE_EXCEEDED.
     * @param failures      calls that ended with any status but OK (timeouts included).
     * @param reconnects    sessions granted after the first.
     * @param throttled     retries refused because the retry budget was spent.
     * @param oneWaySent    one-way messages handed to Aeron.
     * @param oneWayDropped one-way messages dropped: no connection, back pressure past the send timeout, too large.
     * @param callbacksFailed listeners, observers and ready callbacks that threw.
     * @param foreignFrames frames dropped because they came from another image than the session's.
     * @param malformedFrames frames from the server that could not be read, dropped.
     */
    public record Snapshot(
        long calls,
        long retries,
        long timeouts,
        long failures,
        long reconnects,
        long throttled,
        long oneWaySent,
        long oneWayDropped,
        long callbacksFailed,
        long foreignFrames,
        long malformedFrames)
    {
    }

    private static final String[] LABELS = {
        "rpc client calls", "rpc client retries", "rpc client timeouts", "rpc client failures",
        "rpc client reconnects", "rpc client retries throttled", "rpc client one-way sent",
        "rpc client one-way dropped", "rpc client callbacks failed", "rpc client foreign frames dropped",
        "rpc client malformed frames dropped"};
    private static final int CALLS = 0;
    private static final int RETRIES = 1;
    private static final int TIMEOUTS = 2;
    private static final int FAILURES = 3;
    private static final int RECONNECTS = 4;
    private static final int THROTTLED = 5;
    private static final int ONE_WAY_SENT = 6;
    private static final int ONE_WAY_DROPPED = 7;
    private static final int CALLBACKS_FAILED = 8;
    private static final int FOREIGN_FRAMES = 9;
    private static final int MALFORMED_FRAMES = 10;

    ClientCounters(final Aeron aeron, final long clientId)
    {
        super(aeron, TYPE_ID_BASE, LABELS, ": clientId=" + clientId);
    }

    void onCall()
    {
        increment(CALLS);
    }

    void onRetry()
    {
        increment(RETRIES);
    }

    void onReconnect()
    {
        increment(RECONNECTS);
    }

    void onThrottled()
    {
        increment(THROTTLED);
    }

    void onOneWay(final boolean sent)
    {
        increment(sent ? ONE_WAY_SENT : ONE_WAY_DROPPED);
    }

    void onCallbackFailed()
    {
        increment(CALLBACKS_FAILED);
    }

    void onForeignFrame()
    {
        increment(FOREIGN_FRAMES);
    }

    void onMalformedFrame()
    {
        increment(MALFORMED_FRAMES);
    }

    void onOutcome(final Status status)
    {
        if (Status.OK != status)
        {
            increment(FAILURES);
            if (Status.DEADLINE_EXCEEDED == status)
            {
                increment(TIMEOUTS);
            }
        }
    }

    @Override
    protected Snapshot snapshotOf(final long[] v)
    {
        return new Snapshot(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
    }
}
