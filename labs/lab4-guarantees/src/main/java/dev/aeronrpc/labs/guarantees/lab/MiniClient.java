package dev.aeronrpc.labs.guarantees.lab;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * The lab's client, as small as a client over raw Aeron can be: one publication to the server's channel, one
 * subscription on a UDP port of its own for answers. It sends one attempt at a time and reads answers; what to do
 * when an answer does not come is the {@link Caller}'s business, not this class's.
 * <p>
 * Not thread safe: one thread uses a client.
 */
public final class MiniClient implements AutoCloseable
{
    public static final int REQUEST_STREAM_ID = 4001;
    public static final int RESPONSE_STREAM_ID = 4002;

    private final long clientId;
    private final int replyPort;
    private final ExclusivePublication publication;
    private final Subscription subscription;
    private final IdleStrategy idleStrategy;
    private final UnsafeBuffer sendBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(Wire.REQUEST_LENGTH));
    private final FragmentHandler onFragment = this::onFragment;
    private long nextRequestId = 1;
    private long awaitedRequestId;
    private Response awaited;
    private long sends;
    private long sendsRefused;
    private long staleAnswers;

    /**
     * @param aeron         to add the publication and subscription with.
     * @param serverChannel the server's UDP channel, such as {@code aeron:udp?endpoint=localhost:40500}.
     * @param clientId      this client's identity.
     * @param replyPort     the UDP port this client reads answers on.
     * @param idleStrategy  used while waiting for an answer.
     */
    public MiniClient(
        final Aeron aeron,
        final String serverChannel,
        final long clientId,
        final int replyPort,
        final IdleStrategy idleStrategy)
    {
        this.clientId = clientId;
        this.replyPort = replyPort;
        this.idleStrategy = idleStrategy;
        subscription = aeron.addSubscription("aeron:udp?endpoint=localhost:" + replyPort, RESPONSE_STREAM_ID);
        publication = aeron.addExclusivePublication(serverChannel, REQUEST_STREAM_ID);
    }

    /**
     * A new request with this client's id and the next request id.
     *
     * @param op    to ask for.
     * @param key   to ask about.
     * @param value operand.
     * @return the request, not yet sent.
     */
    public Request newRequest(final Op op, final long key, final long value)
    {
        return new Request(clientId, nextRequestId++, op, key, value);
    }

    /**
     * Sends one attempt of a request: offers it once to the publication.
     * <p>
     * True means Aeron took it, not that the server got it: a frame in the publication's log still crosses a
     * network that may lose it (Aeron repairs losses while the connection lives) or a connection that may end.
     *
     * @param request to send.
     * @return false when Aeron refused it (no server connected, back pressure): the attempt went nowhere.
     */
    public boolean send(final Request request)
    {
        sends++;
        final int length = Wire.encodeRequest(sendBuffer, replyPort, request);
        if (publication.offer(sendBuffer, 0, length) > 0)
        {
            return true;
        }
        sendsRefused++;
        return false;
    }

    /**
     * Reads answers until the one for this request id arrives or the time is up. Answers to other (earlier)
     * requests are stale repeats and are dropped.
     *
     * @param requestId whose answer to wait for.
     * @param untilNs   {@link System#nanoTime()} to wait until.
     * @return the answer, or null if none came in time.
     */
    public Response awaitResponse(final long requestId, final long untilNs)
    {
        awaitedRequestId = requestId;
        awaited = null;
        idleStrategy.reset();
        while (null == awaited)
        {
            final int fragments = subscription.poll(onFragment, 10);
            if (null != awaited)
            {
                break;
            }
            if (System.nanoTime() - untilNs >= 0)
            {
                return null;
            }
            idleStrategy.idle(fragments);
        }
        return awaited;
    }

    /**
     * @return whether the server's subscription has an image of this client's publication.
     */
    public boolean isConnected()
    {
        return publication.isConnected();
    }

    /**
     * @return this client's identity.
     */
    public long clientId()
    {
        return clientId;
    }

    /**
     * @return attempts sent so far, refused ones included.
     */
    public long sends()
    {
        return sends;
    }

    /**
     * @return attempts Aeron refused.
     */
    public long sendsRefused()
    {
        return sendsRefused;
    }

    /**
     * @return answers that came for a request no longer awaited.
     */
    public long staleAnswers()
    {
        return staleAnswers;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(publication, subscription);
    }

    private void onFragment(final org.agrona.DirectBuffer buffer, final int offset, final int length,
        final io.aeron.logbuffer.Header header)
    {
        final Response response = Wire.decodeResponse(buffer, offset, length);
        if (null != response && response.clientId() == clientId && response.requestId() == awaitedRequestId &&
            null == awaited)
        {
            awaited = response;
        }
        else
        {
            staleAnswers++;
        }
    }
}
