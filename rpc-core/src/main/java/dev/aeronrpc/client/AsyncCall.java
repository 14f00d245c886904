package dev.aeronrpc.client;

import dev.aeronrpc.core.Delivery;
import dev.aeronrpc.core.Payloads;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.protocol.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;

import java.util.Queue;

/**
 * A pending asynchronous call: decodes its response on the polling thread and hands it to the caller's listener.
 * A call that retries keeps a copy of its frame, since the caller's buffer moves on to the next request, and the
 * polling thread's timer sends it again when due. Pooled, so a steady stream of asynchronous calls allocates
 * nothing.
 */
final class AsyncCall implements PendingCall
{
    private final MessageHeaderDecoder payloadHeader = new MessageHeaderDecoder();
    private final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(256);
    private final Queue<AsyncCall> pool;
    private final RpcClient client;
    private final Attempts attempts;
    private long requestId;
    private long deadlineNs;
    private Delivery delivery;
    private int frameLength;
    private MessageDecoderFlyweight decoder;
    private ResponseListener<MessageDecoderFlyweight> listener;

    AsyncCall(final Queue<AsyncCall> pool, final RpcClient client)
    {
        this.pool = pool;
        this.client = client;
        this.attempts = new Attempts(client.context());
    }

    @SuppressWarnings("unchecked")
    <D extends MessageDecoderFlyweight> AsyncCall init(
        final long requestId,
        final long sentNs,
        final long deadlineNs,
        final Delivery delivery,
        final DirectBuffer frameSource,
        final int frameLength,
        final D decoder,
        final ResponseListener<D> listener,
        final long epoch)
    {
        this.requestId = requestId;
        this.deadlineNs = deadlineNs;
        this.delivery = delivery;
        this.frameLength = frameLength;
        this.decoder = decoder;
        this.listener = (ResponseListener<MessageDecoderFlyweight>)listener;
        attempts.reset();
        attempts.sent(sentNs, epoch);
        if (delivery.retries())
        {
            frame.putBytes(0, frameSource, 0, frameLength);
        }
        return this;
    }

    @Override
    public long deadlineNs()
    {
        return deadlineNs;
    }

    @Override
    public boolean survivesReconnection()
    {
        return delivery.retries() && attempts.attemptsLeft();
    }

    @Override
    public boolean retriesOnTimer()
    {
        return delivery.retries();
    }

    @Override
    public void onTimer(final long nowNs)
    {
        attempts.retryIfDue(client, this, requestId, frame, frameLength, deadlineNs, nowNs);
    }

    @Override
    public void onResponse(final DirectBuffer buffer, final int offset, final int length)
    {
        final ResponseListener<MessageDecoderFlyweight> listener = this.listener;
        final MessageDecoderFlyweight decoder = this.decoder;
        try
        {
            final String problem = Payloads.check(payloadHeader, buffer, offset, length, decoder);
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
            client.context().errorHandler().onError(ex);
        }
        finally
        {
            release();
        }
    }

    @Override
    public void onError(final Status status, final String message)
    {
        final ResponseListener<MessageDecoderFlyweight> listener = this.listener;
        try
        {
            client.onOutcome(status);
            listener.onError(status, message);
        }
        catch (final Exception ex)
        {
            client.context().errorHandler().onError(ex);
        }
        finally
        {
            release();
        }
    }

    private void release()
    {
        decoder = null;
        listener = null;
        pool.offer(this);
    }
}
