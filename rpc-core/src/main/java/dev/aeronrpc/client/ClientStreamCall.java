package dev.aeronrpc.client;

import dev.aeronrpc.core.Payloads;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.protocol.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.sbe.MessageDecoderFlyweight;
import org.agrona.sbe.MessageEncoderFlyweight;

/**
 * A client stream: the client sends many items, then one answer comes back (an upload and its summary, a running
 * total). Fill {@link #item()} and {@link #send()} for each item, then {@link #complete()} for the answer.
 * <p>
 * <b>Credit.</b> {@link #send()} waits, polling, until the server has granted room for the item: a slow server
 * slows the sender, and nothing queues. Used by one thread at a time.
 *
 * @param <E> the item encoder type.
 * @param <R> the response decoder type.
 */
public final class ClientStreamCall<E extends MessageEncoderFlyweight, R extends MessageDecoderFlyweight>
    implements PendingCall, AutoCloseable
{
    private final MessageHeaderDecoder payloadHeader = new MessageHeaderDecoder();
    private final ExpandableArrayBuffer receiveBuffer = new ExpandableArrayBuffer(256);
    private final RpcClient client;
    private final long requestId;
    private final long deadlineNs;
    private final R decoder;
    private final Outbound<E> outbound;
    private final IdleStrategy idleStrategy;
    private volatile boolean done;
    private Status status;
    private String message;
    private int responseLength;

    ClientStreamCall(final RpcClient client, final long requestId, final long deadlineNs, final E encoder, final R decoder)
    {
        this.client = client;
        this.requestId = requestId;
        this.deadlineNs = deadlineNs;
        this.decoder = decoder;
        this.outbound = new Outbound<>(client, requestId, deadlineNs, encoder);
        this.idleStrategy = client.context().idleStrategy();
    }

    /**
     * The next item's encoder: fill it, then {@link #send()}.
     *
     * @return the encoder.
     */
    public E item()
    {
        return outbound.item();
    }

    /**
     * Sends the item, waiting for credit if the server has granted none.
     *
     * @return true when sent; false when the stream has ended (the answer came early, it was cancelled, or its
     * deadline passed): {@link #complete()} then says how it ended.
     * @throws RpcException DEADLINE_EXCEEDED when no credit comes before the deadline.
     */
    public boolean send()
    {
        return outbound.send();
    }

    /**
     * Ends the items and waits for the answer.
     *
     * @return the response, valid until this call object is dropped.
     * @throws RpcException with the call's status when it failed.
     */
    public R complete()
    {
        client.checkNotPolling();
        outbound.complete();
        final IdleStrategy idle = idleStrategy;
        idle.reset();
        while (!done)
        {
            final int workCount = client.tryPoll();
            if (!done && System.nanoTime() - deadlineNs >= 0 && null != client.pendingCalls().remove(requestId))
            {
                client.proxy().cancel(requestId);
                onError(Status.DEADLINE_EXCEEDED, "no answer before the deadline");
            }
            idle.idle(workCount);
        }
        if (Status.OK != status)
        {
            throw new RpcException(status, message);
        }
        return Payloads.read(payloadHeader, receiveBuffer, 0, responseLength, decoder, Status.INTERNAL, "response");
    }

    /**
     * Abandons the stream: the server's handler hears CANCELLED.
     */
    public void cancel()
    {
        if (null != client.pendingCalls().remove(requestId))
        {
            client.proxy().cancel(requestId);
            onError(Status.CANCELLED, "cancelled by the client");
        }
    }

    /**
     * Cancels the stream unless it was completed.
     */
    @Override
    public void close()
    {
        cancel();
    }

    /**
     * Items the server has room for now.
     *
     * @return the credit.
     */
    public long credit()
    {
        return outbound.credit();
    }

    void addCredit(final int more)
    {
        outbound.addCredit(more);
    }

    @Override
    public long deadlineNs()
    {
        return deadlineNs;
    }

    @Override
    public void onResponse(final DirectBuffer buffer, final int offset, final int length)
    {
        receiveBuffer.putBytes(0, buffer, offset, length);
        responseLength = length;
        status = Status.OK;
        outbound.end("the server answered");
        done = true;
    }

    @Override
    public void onError(final Status status, final String message)
    {
        if (Status.DEADLINE_EXCEEDED == status)
        {
            client.proxy().cancel(requestId);
        }
        this.status = status;
        this.message = message;
        outbound.end(status + ": " + message);
        done = true;
    }
}
