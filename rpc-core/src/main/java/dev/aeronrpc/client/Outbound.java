package dev.aeronrpc.client;

import dev.aeronrpc.core.Payloads;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.protocol.MessageHeaderEncoder;
import dev.aeronrpc.protocol.StreamItemEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.sbe.MessageEncoderFlyweight;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The sending half of a client or bidirectional stream: items go out only within the credit the server grants.
 * Used by one thread at a time.
 */
final class Outbound<E extends MessageEncoderFlyweight>
{
    static final int PAYLOAD_OFFSET = MessageHeaderEncoder.ENCODED_LENGTH + StreamItemEncoder.BLOCK_LENGTH;

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final StreamItemEncoder itemEncoder = new StreamItemEncoder();
    private final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(256);
    private final AtomicLong credit = new AtomicLong();
    private final RpcClient client;
    private final long requestId;
    private final long deadlineNs;
    private final E encoder;
    private final IdleStrategy idleStrategy;
    private long sequence;
    private volatile boolean ended;
    private volatile boolean subscribed;
    private volatile String endReason = "the stream has ended";

    Outbound(final RpcClient client, final long requestId, final long deadlineNs, final E encoder)
    {
        this.client = client;
        this.requestId = requestId;
        this.deadlineNs = deadlineNs;
        this.encoder = encoder;
        this.idleStrategy = client.context().idleStrategy();
    }

    E item()
    {
        return Payloads.wrapEncoder(encoder, frame, PAYLOAD_OFFSET);
    }

    boolean send()
    {
        final IdleStrategy idle = idleStrategy;
        idle.reset();
        while (credit.get() <= 0)
        {
            if (ended)
            {
                return false;
            }
            checkDeadline();
            idle.idle(client.tryPoll());
        }
        if (ended)
        {
            return false;
        }

        itemEncoder.wrapAndApplyHeader(frame, 0, headerEncoder).requestId(requestId).sequence(sequence);
        final int length = PAYLOAD_OFFSET + Payloads.writeHeader(headerEncoder, frame, PAYLOAD_OFFSET, encoder);
        if (length > client.maxMessageLength())
        {
            throw new RpcException(Status.RESOURCE_EXHAUSTED,
                "item of " + length + " bytes exceeds the maximum message length of " + client.maxMessageLength());
        }
        if (Status.OK != client.proxy().streamItem(frame, length))
        {
            return false;
        }
        sequence++;
        credit.decrementAndGet();
        return true;
    }

    void complete()
    {
        // The end is sent like an item: only once the server has subscribed (granted credit), so that it cannot
        // arrive before the handler is listening.
        final IdleStrategy idle = idleStrategy;
        idle.reset();
        while (!subscribed && !ended)
        {
            checkDeadline();
            idle.idle(client.tryPoll());
        }
        if (!ended)
        {
            ended = true;
            client.proxy().streamEnd(requestId, sequence);
        }
    }

    private void checkDeadline()
    {
        if (System.nanoTime() - deadlineNs >= 0)
        {
            ended = true;
            client.proxy().cancel(requestId);
            final PendingCall call = client.pendingCalls().remove(requestId);
            if (null != call)
            {
                call.onError(Status.DEADLINE_EXCEEDED, "the stream's deadline passed");
            }
            throw new RpcException(Status.DEADLINE_EXCEEDED, "no credit from the server before the deadline");
        }
    }

    void addCredit(final int more)
    {
        credit.addAndGet(more);
        subscribed = true;
    }

    void end(final String reason)
    {
        endReason = reason;
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

    String endReason()
    {
        return endReason;
    }
}
