package dev.aeronrpc.client;

import dev.aeronrpc.core.Payloads;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.protocol.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.sbe.MessageDecoderFlyweight;

import java.util.Queue;

/**
 * A pending asynchronous call: decodes its response on the polling thread and hands it to the caller's listener.
 * Pooled, so a steady stream of asynchronous calls allocates nothing.
 */
final class AsyncCall implements PendingCall
{
    private final MessageHeaderDecoder payloadHeader = new MessageHeaderDecoder();
    private final Queue<AsyncCall> pool;
    private final ErrorHandler errorHandler;
    private long deadlineNs;
    private MessageDecoderFlyweight decoder;
    private ResponseListener<MessageDecoderFlyweight> listener;

    AsyncCall(final Queue<AsyncCall> pool, final ErrorHandler errorHandler)
    {
        this.pool = pool;
        this.errorHandler = errorHandler;
    }

    @SuppressWarnings("unchecked")
    <D extends MessageDecoderFlyweight> AsyncCall init(
        final long deadlineNs, final D decoder, final ResponseListener<D> listener)
    {
        this.deadlineNs = deadlineNs;
        this.decoder = decoder;
        this.listener = (ResponseListener<MessageDecoderFlyweight>)listener;
        return this;
    }

    @Override
    public long deadlineNs()
    {
        return deadlineNs;
    }

    @Override
    public void onResponse(final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            final String problem = Payloads.check(payloadHeader, buffer, offset, length, decoder);
            if (null != problem)
            {
                listener.onError(Status.INTERNAL, "unreadable response: " + problem);
            }
            else
            {
                listener.onResponse(Payloads.wrapDecoder(payloadHeader, buffer, offset, decoder));
            }
        }
        catch (final Exception ex)
        {
            errorHandler.onError(ex);
        }
        finally
        {
            release();
        }
    }

    @Override
    public void onError(final Status status, final String message)
    {
        try
        {
            listener.onError(status, message);
        }
        catch (final Exception ex)
        {
            errorHandler.onError(ex);
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
