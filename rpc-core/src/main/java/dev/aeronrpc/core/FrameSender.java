package dev.aeronrpc.core;

import io.aeron.Publication;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

/**
 * The one place a frame is offered to a {@link Publication}, handling every result of
 * {@link Publication#offer(DirectBuffer, int, int)}.
 * <p>
 * BACK_PRESSURED and ADMIN_ACTION are retried with an idle strategy for at most {@code retryTimeoutNs}, after
 * which the frame is given up as {@link Status#RESOURCE_EXHAUSTED}; NOT_CONNECTED, CLOSED and
 * MAX_POSITION_EXCEEDED fail at once as {@link Status#UNAVAILABLE}, since no retry can help them; a frame longer
 * than the publication allows is refused as {@link Status#RESOURCE_EXHAUSTED} instead of thrown.
 * <p>
 * Not thread-safe: each sending thread has its own, since an idle strategy keeps state.
 */
public final class FrameSender
{
    private static final java.util.function.IntSupplier NO_WORK = () -> 0;

    private final IdleStrategy idleStrategy;
    private final long retryTimeoutNs;
    private final java.util.function.IntSupplier workWhileWaiting;
    private long lastResult;
    private String lastFailure;

    /**
     * A sender that retries back pressure for a bounded time.
     *
     * @param idleStrategy   how to wait between retries.
     * @param retryTimeoutNs how long to keep retrying BACK_PRESSURED or ADMIN_ACTION.
     */
    public FrameSender(final IdleStrategy idleStrategy, final long retryTimeoutNs)
    {
        this(idleStrategy, retryTimeoutNs, NO_WORK);
    }

    /**
     * A sender that retries back pressure for a bounded time, doing other work between retries: a thread that also
     * drains what the peer sends back (an invoker-mode client) must keep draining while it waits, or the two sides
     * wait on each other.
     *
     * @param idleStrategy     how to wait between retries.
     * @param retryTimeoutNs   how long to keep retrying BACK_PRESSURED or ADMIN_ACTION.
     * @param workWhileWaiting work to do between retries, returning how much it did.
     */
    public FrameSender(
        final IdleStrategy idleStrategy, final long retryTimeoutNs, final java.util.function.IntSupplier workWhileWaiting)
    {
        this.idleStrategy = idleStrategy;
        this.retryTimeoutNs = retryTimeoutNs;
        this.workWhileWaiting = workWhileWaiting;
    }

    /**
     * Offers a frame.
     *
     * @param publication where to send it.
     * @param buffer      holding the frame.
     * @param offset      where the frame starts.
     * @param length      its length.
     * @return {@link Status#OK} when sent, else the status the failed send means for the call.
     */
    public Status send(final Publication publication, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > publication.maxMessageLength())
        {
            lastFailure = "a frame of " + length + " bytes exceeds the publication's maximum of " +
                publication.maxMessageLength();
            return Status.RESOURCE_EXHAUSTED;
        }

        long deadlineNs = 0;
        idleStrategy.reset();
        while (true)
        {
            final long result = publication.offer(buffer, offset, length);
            lastResult = result;
            lastFailure = null;
            if (result > 0)
            {
                return Status.OK;
            }

            if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
            {
                final long nowNs = System.nanoTime();
                if (deadlineNs == 0)
                {
                    deadlineNs = nowNs + retryTimeoutNs;
                }
                else if (nowNs - deadlineNs > 0)
                {
                    return Status.RESOURCE_EXHAUSTED;
                }
                idleStrategy.idle(workWhileWaiting.getAsInt());
                continue;
            }

            return Status.UNAVAILABLE;
        }
    }

    /**
     * Offers a frame too long for one Aeron message as chunks, each retried through back pressure for up to the
     * retry timeout; other threads' frames go out between them.
     *
     * @param publication where to send it.
     * @param chunks      the sending thread's chunk writer.
     * @param sessionId   the session, named in each chunk.
     * @param requestId   the call, named in each chunk.
     * @param buffer      holding the frame.
     * @param offset      where the frame starts.
     * @param length      its length.
     * @return {@link Status#OK} when every chunk was sent, else the status the failed send means for the call.
     */
    public Status sendChunked(
        final Publication publication,
        final ChunkWriter chunks,
        final long sessionId,
        final long requestId,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        int position = 0;
        long deadlineNs = 0;
        idleStrategy.reset();
        while (position < length)
        {
            final long result = chunks.offer(publication, sessionId, requestId, buffer, offset, length, position);
            lastResult = result;
            lastFailure = null;
            if (result > 0)
            {
                position = ChunkWriter.next(publication, length, position);
                deadlineNs = 0;
                continue;
            }
            if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
            {
                final long nowNs = System.nanoTime();
                if (deadlineNs == 0)
                {
                    deadlineNs = nowNs + retryTimeoutNs;
                }
                else if (nowNs - deadlineNs > 0)
                {
                    return Status.RESOURCE_EXHAUSTED;
                }
                idleStrategy.idle(workWhileWaiting.getAsInt());
                continue;
            }
            return Status.UNAVAILABLE;
        }
        return Status.OK;
    }

    /**
     * Offers the chunks of a frame from a position, once each, until one is refused: for a thread that must not
     * wait (a client's conductor resending a call), which comes back later to go on from where it stopped.
     *
     * @param publication where to send it.
     * @param chunks      the thread's chunk writer.
     * @param sessionId   the session.
     * @param requestId   the call.
     * @param buffer      holding the frame.
     * @param length      its length; the frame starts at 0.
     * @param position    where to go on from.
     * @return the position reached ({@code length} when all is sent), or -1 when the publication is gone.
     */
    public int trySendChunked(
        final Publication publication,
        final ChunkWriter chunks,
        final long sessionId,
        final long requestId,
        final DirectBuffer buffer,
        final int length,
        final int position)
    {
        int reached = position;
        while (reached < length)
        {
            final long result = chunks.offer(publication, sessionId, requestId, buffer, 0, length, reached);
            lastResult = result;
            if (result > 0)
            {
                reached = ChunkWriter.next(publication, length, reached);
            }
            else if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
            {
                lastFailure = describe(result);
                return reached;
            }
            else
            {
                lastFailure = describe(result);
                return -1;
            }
        }
        return reached;
    }

    /**
     * Offers a frame once, without retrying back pressure: for frames that are worth nothing late, such as
     * heartbeats, where waiting would only delay everyone else.
     *
     * @param publication where to send it.
     * @param buffer      holding the frame.
     * @param offset      where the frame starts.
     * @param length      its length.
     * @return {@link Status#OK} when sent, else the status the failure means.
     */
    public Status trySend(final Publication publication, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > publication.maxMessageLength())
        {
            lastFailure = "a frame of " + length + " bytes exceeds the publication's maximum of " +
                publication.maxMessageLength();
            return Status.RESOURCE_EXHAUSTED;
        }
        final long result = publication.offer(buffer, offset, length);
        lastResult = result;
        lastFailure = null;
        if (result > 0)
        {
            return Status.OK;
        }
        return result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION ?
            Status.RESOURCE_EXHAUSTED : Status.UNAVAILABLE;
    }

    /**
     * Why the last failed {@link #send} failed, in words.
     *
     * @return a description of the last offer result.
     */
    public String lastFailure()
    {
        return null != lastFailure ? lastFailure : describe(lastResult);
    }

    /**
     * Describes a {@link Publication#offer} result.
     *
     * @param result an offer result.
     * @return what it means.
     */
    public static String describe(final long result)
    {
        if (result > 0)
        {
            return "sent";
        }
        if (result == Publication.NOT_CONNECTED)
        {
            return "the peer is not connected";
        }
        if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
        {
            return "the peer stayed back-pressured past the retry timeout";
        }
        if (result == Publication.CLOSED)
        {
            return "the publication is closed";
        }
        if (result == Publication.MAX_POSITION_EXCEEDED)
        {
            return "the publication reached its maximum position";
        }
        return "offer failed with " + result;
    }
}
