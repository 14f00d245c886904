package dev.aeronrpc.server;

import dev.aeronrpc.core.Payloads;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.core.StreamObserver;
import dev.aeronrpc.protocol.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.sbe.MessageDecoderFlyweight;

/**
 * The receiving end of a client stream, on the server: the handler {@link #subscribe}s an observer and gets the
 * client's items pushed to it, then the end.
 * <p>
 * <b>Credit.</b> The client may send nothing until this side grants credit; {@link #subscribe} grants a window,
 * and every half window of items delivered grants that many again. An observer that takes its time slows the
 * client down; nothing queues.
 * <p>
 * <b>Threading.</b> Items arrive on the server's poll thread; the observer must not block.
 *
 * @param <D> the item decoder type.
 */
public final class InboundStream<D extends MessageDecoderFlyweight>
{
    /** Items the client may send ahead of the observer. */
    public static final int WINDOW = 64;

    private final MessageHeaderDecoder payloadHeader = new MessageHeaderDecoder();
    private final ServerConductor conductor;
    private final Session session;
    private final long requestId;
    private final ErrorHandler errorHandler;
    private D decoder;
    private volatile StreamObserver<D> observer;
    private volatile boolean ended;
    private volatile Status endStatus;
    private volatile String endMessage;
    private long delivered;
    private Responder<?> responder;
    private long granted;

    InboundStream(
        final ServerConductor conductor, final Session session, final long requestId, final ErrorHandler errorHandler)
    {
        this.conductor = conductor;
        this.session = session;
        this.requestId = requestId;
        this.errorHandler = errorHandler;
    }

    InboundStream<D> decoder(final D decoder)
    {
        this.decoder = decoder;
        return this;
    }

    /**
     * Starts receiving: the observer gets every item, then {@code onCompleted} when the client ends its stream, or
     * {@code onError} when it cancels or goes away. Call it once, before the handler returns.
     *
     * @param observer receives the items, on the poll thread.
     */
    public void subscribe(final StreamObserver<D> observer)
    {
        final Status endStatus = this.endStatus;
        if (null != endStatus)
        {
            // It ended before anyone listened (cancelled, or its session gone): say so at once.
            observer.onError(endStatus, endMessage);
            return;
        }
        this.observer = observer;
        granted = WINDOW;
        conductor.threadProxy().credit(session, requestId, WINDOW);
        if (null != this.endStatus && null != this.observer)
        {
            end(this.endStatus, endMessage);
        }
    }

    /**
     * Tells the client to stop sending: its stream ends with CANCELLED.
     */
    public void cancel()
    {
        if (!ended)
        {
            ended = true;
            unregister();
            conductor.threadProxy().cancel(session, requestId);
        }
    }

    /**
     * The call is over on the server's side (the handler answered): no more items are wanted.
     */
    void finish()
    {
        ended = true;
        unregister();
    }

    private void unregister()
    {
        synchronized (session.inbound)
        {
            if (session.inbound.get(requestId) == this)
            {
                session.inbound.remove(requestId);
            }
        }
    }

    /**
     * Whether the stream ended: completed by the client, cancelled by either side, or its session gone.
     *
     * @return true once no more items will come.
     */
    public boolean isEnded()
    {
        return ended;
    }

    void onItem(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        final StreamObserver<D> observer = this.observer;
        if (ended || null == observer)
        {
            return;
        }

        final String problem = Payloads.check(payloadHeader, buffer, offset, length, decoder);
        if (null != problem)
        {
            cancel();
            end(Status.INVALID_ARGUMENT, "unreadable item: " + problem);
            return;
        }

        try
        {
            observer.onNext(Payloads.wrapDecoder(payloadHeader, buffer, offset, length, decoder), sequence);
        }
        catch (final RuntimeException ex)
        {
            // The handler's observer failed: the call ends, at both ends, as a handler that throws ends it.
            observerFailed(ex);
            return;
        }

        delivered++;
        final long grantable = delivered + WINDOW - granted;
        if (grantable >= WINDOW / 2)
        {
            // Counted only once sent: credit lost to back pressure is granted again with the next item.
            if (Status.OK == conductor.threadProxy().credit(session, requestId, (int)grantable))
            {
                granted += grantable;
            }
        }
    }

    private void observerFailed(final RuntimeException ex)
    {
        ended = true;
        this.observer = null;
        unregister();
        final String message = "the handler's stream observer threw " + ex.getClass().getName() +
            (null != ex.getMessage() ? ": " + ex.getMessage() : "");
        final StreamSink<?> sink = session.streams.get(requestId);
        if (null != sink)
        {
            // A bidirectional stream: its server half ends with the error, which ends both halves at the client.
            sink.fail(Status.UNKNOWN, message);
            sink.cancel();
        }
        else
        {
            conductor.threadProxy().error(session, requestId, Status.UNKNOWN, message);
        }
        if (null != responder)
        {
            responder.markAnswered();
        }
        errorHandler.onError(new RpcException(Status.UNKNOWN, message));
    }

    void responder(final Responder<?> responder)
    {
        this.responder = responder;
    }

    void onCompleted()
    {
        if (!ended)
        {
            ended = true;
            final StreamObserver<D> observer = this.observer;
            if (null != observer)
            {
                try
                {
                    observer.onCompleted();
                }
                catch (final RuntimeException ex)
                {
                    observerFailed(ex);
                }
            }
        }
    }

    void end(final Status status, final String message)
    {
        endMessage = message;
        endStatus = status;
        ended = true;
        unregister();
        final StreamObserver<D> observer = this.observer;
        this.observer = null;
        if (null != observer)
        {
            try
            {
                observer.onError(status, message);
            }
            catch (final RuntimeException ex)
            {
                errorHandler.onError(new RpcException(status, message));
            }
        }
    }
}
