package dev.aeronrpc.client;

import dev.aeronrpc.core.Payloads;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.protocol.MessageHeaderEncoder;
import dev.aeronrpc.protocol.StreamItemEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.sbe.MessageEncoderFlyweight;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sending half of a client or bidirectional stream: items go out only within the credit the server grants,
 * sent on the sending thread with that thread's sender, holding no lock. Used by one thread at a time.
 * <p>
 * The end of the half ({@link #complete()}) goes out only once the server has granted credit, since that is when
 * its handler listens; an end asked for earlier is sent by the conductor when the first credit comes.
 */
final class Outbound<E extends MessageEncoderFlyweight>
{
    static final int PAYLOAD_OFFSET = MessageHeaderEncoder.ENCODED_LENGTH + StreamItemEncoder.BLOCK_LENGTH;

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final StreamItemEncoder itemEncoder = new StreamItemEncoder();
    private final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(256);
    private final AtomicLong credit = new AtomicLong();
    private final AtomicBoolean endSent = new AtomicBoolean();
    private final RpcClient client;
    private final PendingCall call;
    private final long requestId;
    private final long deadlineNs;
    private final E encoder;
    private final IdleStrategy idleStrategy;
    private long sequence;
    private volatile boolean ended;
    private volatile boolean completing;
    private volatile boolean subscribed;
    private volatile Status endStatus;
    private volatile String endMessage;
    private volatile Runnable readyListener;

    Outbound(final RpcClient client, final PendingCall call, final long requestId, final long deadlineNs, final E encoder)
    {
        this.client = client;
        this.call = call;
        this.requestId = requestId;
        this.deadlineNs = deadlineNs;
        this.encoder = encoder;
        this.idleStrategy = client.context().idleStrategy();
    }

    E item()
    {
        return Payloads.wrapEncoder(encoder, frame, PAYLOAD_OFFSET);
    }

    /**
     * Sends the item, waiting for credit.
     *
     * @return true when sent; false when the stream has ended.
     * @throws RpcException DEADLINE_EXCEEDED when no credit came before the deadline; RESOURCE_EXHAUSTED when the
     *                      item is too large.
     */
    boolean send()
    {
        client.checkMayBlock();
        final IdleStrategy idle = idleStrategy;
        idle.reset();
        while (credit.get() <= 0)
        {
            if (ended || completing)
            {
                return false;
            }
            checkDeadline();
            idle.idle(client.driveWhileWaiting());
        }
        return sendItem();
    }

    /**
     * Sends the item if the server has credit for it, without waiting.
     *
     * @return true when sent; false when there is no credit (wait for {@link #onReady}) or the stream has ended.
     */
    boolean trySend()
    {
        return credit.get() > 0 && sendItem();
    }

    private boolean sendItem()
    {
        if (ended || completing)
        {
            return false;
        }
        itemEncoder.wrapAndApplyHeader(frame, 0, headerEncoder).requestId(requestId).sequence(sequence);
        final int length = PAYLOAD_OFFSET + Payloads.writeHeader(headerEncoder, frame, PAYLOAD_OFFSET, encoder);
        final int maxMessageLength = client.maxMessageLength();
        if (length > maxMessageLength)
        {
            throw new RpcException(Status.RESOURCE_EXHAUSTED,
                "item of " + length + " bytes exceeds the maximum message length of " + maxMessageLength);
        }
        final Status sent = client.currentProxy().streamItem(client.connection(), frame, length);
        if (Status.OK != sent)
        {
            if (Status.UNAVAILABLE == sent)
            {
                return false;
            }
            throw new RpcException(sent, "item not sent: " + client.currentProxy().lastFailure());
        }
        sequence++;
        credit.decrementAndGet();
        return true;
    }

    /**
     * Ends this half: the server's handler sees its inbound stream complete after the items sent.
     */
    void complete()
    {
        if (ended || completing)
        {
            return;
        }
        completing = true;
        if (subscribed)
        {
            sendEnd();
        }
    }

    /**
     * Sends the end once: from the sender once the server has subscribed, else from the conductor when the first
     * credit comes.
     */
    private void sendEnd()
    {
        if (endSent.compareAndSet(false, true))
        {
            client.sendStreamEnd(requestId, sequence);
            ended = true;
        }
    }

    private void checkDeadline()
    {
        if (System.nanoTime() - deadlineNs >= 0)
        {
            if (null != client.pendingCalls().remove(requestId))
            {
                call.onError(Status.DEADLINE_EXCEEDED, "no credit from the server before the deadline");
            }
            throw new RpcException(Status.DEADLINE_EXCEEDED, "no credit from the server before the deadline");
        }
    }

    /**
     * Credit from the server. Runs on the conductor.
     */
    void addCredit(final int more)
    {
        credit.addAndGet(more);
        subscribed = true;
        if (completing)
        {
            sendEnd();
        }
        notifyReady();
    }

    /**
     * Sets the callback that hears credit come; if there is credit already, it hears at once (on the client's
     * thread).
     */
    void onReady(final Runnable readyListener)
    {
        this.readyListener = readyListener;
        if (null != readyListener && credit.get() > 0)
        {
            client.conductor().defer(this::notifyReady);
        }
    }

    private void notifyReady()
    {
        final Runnable listener = readyListener;
        if (null == listener || ended || completing)
        {
            return;
        }
        if (client.conductor().isDeferring())
        {
            client.conductor().defer(this::notifyReady);
            return;
        }
        try
        {
            listener.run();
        }
        catch (final RuntimeException ex)
        {
            client.clientCounters().onCallbackFailed();
            if (null != client.pendingCalls().remove(requestId))
            {
                client.sendCancel(requestId);
                call.onError(Status.UNKNOWN, "the stream's ready callback threw " + ex);
            }
        }
    }

    /**
     * The stream ended: nothing more is sent.
     */
    void end(final Status status, final String message)
    {
        endMessage = message;
        endStatus = status;
        ended = true;
    }

    long credit()
    {
        return credit.get();
    }

    long sent()
    {
        return sequence;
    }

    boolean isEnded()
    {
        return ended;
    }

    boolean isCompleting()
    {
        return completing;
    }

    Status endStatus()
    {
        return endStatus;
    }

    String endMessage()
    {
        return endMessage;
    }
}
