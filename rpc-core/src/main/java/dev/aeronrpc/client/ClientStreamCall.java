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

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A client stream: the client sends many items, then one answer comes back (an upload and its summary, a running
 * total). Fill {@link #item()} and {@link #send()} for each item, then {@link #complete()} for the answer; or, in
 * the asynchronous form (opened with a {@link ResponseListener}), {@link #trySend()} within the credit the
 * {@link #onReady} callback announces, then {@link #completeSending()}, and the listener hears the answer.
 * <p>
 * <b>Credit.</b> {@link #send()} waits until the server has granted room for the item: a slow server slows the
 * sender, and nothing queues. Items go out on the sending thread, holding no lock. Used by one thread at a time.
 * <p>
 * <b>Ending.</b> The answer may come before the client has finished sending (the server answered early, failed,
 * or cancelled); {@link #send()} then returns false and {@link #complete()} or the listener says how it ended.
 * {@link #cancel()} ends it with CANCELLED at both ends.
 *
 * @param <E> the item encoder type.
 * @param <R> the response decoder type.
 */
public final class ClientStreamCall<E extends MessageEncoderFlyweight, R extends MessageDecoderFlyweight>
    extends PendingCall implements AutoCloseable, Runnable
{
    private final MessageHeaderDecoder payloadHeader = new MessageHeaderDecoder();
    private final ExpandableArrayBuffer receiveBuffer = new ExpandableArrayBuffer(256);
    private final RpcClient client;
    private final long requestId;
    private final long deadlineNs;
    private final R decoder;
    private final Outbound<E> outbound;
    private final ResponseListener<R> listener;
    private final Executor executor;
    private final IdleStrategy idleStrategy;
    private volatile boolean done;
    private volatile Status status;
    private String message;
    private int responseLength;

    ClientStreamCall(
        final RpcClient client,
        final long requestId,
        final long deadlineNs,
        final E encoder,
        final R decoder,
        final ResponseListener<R> listener,
        final Executor executor)
    {
        this.client = client;
        this.requestId = requestId;
        this.deadlineNs = deadlineNs;
        this.decoder = decoder;
        this.listener = listener;
        this.executor = null != executor ? executor : client.context().callbackExecutor();
        this.outbound = new Outbound<>(client, this, requestId, deadlineNs, encoder);
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
     * deadline passed): the answer says how it ended.
     * @throws RpcException DEADLINE_EXCEEDED when no credit comes before the deadline; RESOURCE_EXHAUSTED when the
     *                      item is larger than the connection carries.
     */
    public boolean send()
    {
        return outbound.send();
    }

    /**
     * Sends the item if the server has credit for it, without waiting.
     *
     * @return true when sent; false when there is no credit now (the {@link #onReady} callback says when there
     * is) or the stream has ended.
     */
    public boolean trySend()
    {
        return outbound.trySend();
    }

    /**
     * Hears when the server grants credit, so an asynchronous sender can go on with {@link #trySend()}. It runs on
     * the client's thread, must not block, and hears at once if there is credit already.
     *
     * @param readyListener the callback, or null for none.
     */
    public void onReady(final Runnable readyListener)
    {
        outbound.onReady(readyListener);
    }

    /**
     * Ends the items without waiting: the server's handler sees its inbound stream complete.
     */
    public void completeSending()
    {
        outbound.complete();
    }

    /**
     * Ends the items and waits for the answer (the blocking form only).
     *
     * @return the response, valid until this call object is dropped.
     * @throws RpcException with the call's status when it failed.
     * @throws IllegalStateException when the call was opened with a listener, which hears the answer instead.
     */
    public R complete()
    {
        if (null != listener)
        {
            throw new IllegalStateException("this call's answer goes to its listener: use completeSending()");
        }
        client.checkMayBlock();
        outbound.complete();
        final IdleStrategy idle = idleStrategy;
        idle.reset();
        while (!done)
        {
            final int workCount = client.driveWhileWaiting();
            if (!done && System.nanoTime() - deadlineNs >= 0 && null != client.pendingCalls().remove(requestId))
            {
                client.sendCancel(requestId);
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
     * Abandons the stream: the server's handler hears CANCELLED, and so does this call.
     */
    public void cancel()
    {
        if (null != client.pendingCalls().remove(requestId))
        {
            client.sendCancel(requestId);
            onError(Status.CANCELLED, "cancelled by the client");
        }
    }

    /**
     * Cancels the stream unless it has ended.
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

    /**
     * How the call ended, or null while it runs.
     *
     * @return the status.
     */
    public Status status()
    {
        return status;
    }

    void addCredit(final int more)
    {
        outbound.addCredit(more);
    }

    @Override
    long deadlineNs()
    {
        return deadlineNs;
    }

    @Override
    void onResponse(final DirectBuffer buffer, final int offset, final int length)
    {
        outbound.end(Status.OK, "the server answered");
        if (null != listener && null == executor && !client.conductor().isDeferring())
        {
            status = Status.OK;
            done = true;
            deliver(buffer, offset, length);
            return;
        }
        receiveBuffer.putBytes(0, buffer, offset, length);
        responseLength = length;
        status = Status.OK;
        done = true;
        if (null != listener)
        {
            handOff();
        }
        else
        {
            client.onOutcome(Status.OK);
        }
    }

    @Override
    void onError(final Status status, final String message)
    {
        if (Status.DEADLINE_EXCEEDED == status)
        {
            client.sendCancel(requestId);
        }
        this.message = message;
        this.status = status;
        outbound.end(status, message);
        done = true;
        client.onOutcome(status);
        if (null != listener)
        {
            if (null == executor && !client.conductor().isDeferring() && client.isConductorThread())
            {
                run();
            }
            else
            {
                handOff();
            }
        }
    }

    private void handOff()
    {
        if (null == executor)
        {
            client.conductor().defer(this);
            return;
        }
        try
        {
            executor.execute(this);
        }
        catch (final RejectedExecutionException ex)
        {
            client.conductor().defer(this);
        }
    }

    /**
     * Tells the listener the outcome recorded.
     */
    @Override
    public void run()
    {
        if (Status.OK == status)
        {
            deliver(receiveBuffer, 0, responseLength);
            return;
        }
        try
        {
            listener.onError(status, message);
        }
        catch (final Exception ex)
        {
            client.clientCounters().onCallbackFailed();
            client.context().errorHandler().onError(ex);
        }
    }

    private void deliver(final DirectBuffer buffer, final int offset, final int length)
    {
        final String problem = Payloads.check(payloadHeader, buffer, offset, length, decoder);
        try
        {
            if (null != problem)
            {
                client.onOutcome(Status.INTERNAL);
                listener.onError(Status.INTERNAL, "unreadable response: " + problem);
            }
            else
            {
                client.onOutcome(Status.OK);
                listener.onResponse(Payloads.wrapDecoder(payloadHeader, buffer, offset, length, decoder));
            }
        }
        catch (final Exception ex)
        {
            client.clientCounters().onCallbackFailed();
            client.context().errorHandler().onError(ex);
        }
    }
}
