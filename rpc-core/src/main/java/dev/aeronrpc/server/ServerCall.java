package dev.aeronrpc.server;

import dev.aeronrpc.core.Payloads;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.protocol.MessageHeaderDecoder;
import dev.aeronrpc.protocol.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;
import org.agrona.sbe.MessageEncoderFlyweight;

import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One call being served: the request as it arrived and the buffer its response is encoded into.
 * <p>
 * On the poll thread the request is read where it lies in the log buffer; a call handed to an executor carries a
 * copy, since the log moves on. Reused from call to call: valid only until the handler returns.
 */
public final class ServerCall implements Runnable
{
    /** The request id of a one-way message, which is never answered. */
    static final long ONE_WAY_REQUEST_ID = 0;

    private final MessageHeaderDecoder payloadHeaderDecoder = new MessageHeaderDecoder();
    private final MessageHeaderEncoder payloadHeaderEncoder = new MessageHeaderEncoder();
    private final ServerConductor conductor;
    private final ServerProxy proxy;
    private final int maxMessageLength;
    private final ErrorHandler errorHandler;
    private final ResponseFilter responseFilter;
    private final ServerCounters counters;
    private final ExactlyOnceTable exactlyOnceTable;
    private final Queue<ServerCall> pool;
    private final AtomicInteger callsOnExecutors;
    private ExpandableArrayBuffer requestCopy;

    private Session session;
    private ServiceStub stub;
    private long requestId;
    private int methodId;
    private int attempt;
    private ExactlyOnceTable.Entry exactlyOnceEntry;
    private StreamSink<?> stream;
    private boolean streamOpened;
    private InboundStream<?> openedInbound;
    private DirectBuffer requestBuffer;
    private int requestOffset;
    private int requestLength;
    private MessageEncoderFlyweight responseEncoder;
    private boolean recorded;

    ServerCall(
        final ServerConductor conductor,
        final ServerProxy proxy,
        final RpcServer.Context ctx,
        final ServerCounters counters,
        final ExactlyOnceTable exactlyOnceTable,
        final Queue<ServerCall> pool,
        final AtomicInteger callsOnExecutors)
    {
        this.conductor = conductor;
        this.proxy = proxy;
        this.maxMessageLength = ctx.maxMessageLength();
        this.errorHandler = ctx.errorHandler();
        this.responseFilter = ctx.responseFilter();
        this.counters = counters;
        this.exactlyOnceTable = exactlyOnceTable;
        this.pool = pool;
        this.callsOnExecutors = callsOnExecutors;
        this.requestCopy = null == pool ? null : new ExpandableArrayBuffer(1024);
    }

    /**
     * Decodes the request, checking first that it is the message the method expects, of a schema version this
     * server knows.
     *
     * @param decoder the request's decoder.
     * @param <D>     the decoder type.
     * @return the decoder, wrapped over the request.
     * @throws RpcException INVALID_ARGUMENT when the payload is another message, another schema or a newer version.
     */
    public <D extends MessageDecoderFlyweight> D request(final D decoder)
    {
        return Payloads.read(payloadHeaderDecoder, requestBuffer, requestOffset, requestLength, decoder,
            Status.INVALID_ARGUMENT, "request");
    }

    /**
     * Wraps the response encoder over the buffer the response is sent from.
     *
     * @param encoder the response's encoder.
     * @param <E>     the encoder type.
     * @return the encoder, ready to fill.
     */
    public <E extends MessageEncoderFlyweight> E response(final E encoder)
    {
        responseEncoder = encoder;
        return Payloads.wrapEncoder(encoder, proxy.buffer(), ServerProxy.PAYLOAD_OFFSET);
    }

    /**
     * Opens the server stream this call asked for, with the encoder its items are written with.
     *
     * @param encoder the item encoder, owned by the stream from now on.
     * @param <E>     the encoder type.
     * @return the stream's sink, which the handler may keep and use from any thread.
     * @throws RpcException INVALID_ARGUMENT when the client opened no stream (called the method as unary).
     */
    @SuppressWarnings("unchecked")
    public <E extends MessageEncoderFlyweight> StreamSink<E> serverStream(final E encoder)
    {
        if (null == stream)
        {
            throw new RpcException(Status.INVALID_ARGUMENT, "this method is a server stream: open it as one");
        }
        streamOpened = true;
        return ((StreamSink<E>)stream).encoder(encoder);
    }

    /**
     * Opens the receiving end of the client stream this call began.
     *
     * @param decoder the item decoder, owned by the stream from now on.
     * @param <D>     the decoder type.
     * @return the stream; {@link InboundStream#subscribe} to receive.
     */
    public <D extends MessageDecoderFlyweight> InboundStream<D> clientStream(final D decoder)
    {
        streamOpened = true;
        final InboundStream<D> inbound =
            new InboundStream<D>(conductor, session, requestId, errorHandler).decoder(decoder);
        final boolean cancelledEarly;
        synchronized (session.inbound)
        {
            session.inbound.put(requestId, inbound);
            cancelledEarly = session.cancelledBeforeOpen.remove(requestId);
        }
        openedInbound = inbound;
        if (cancelledEarly)
        {
            inbound.end(Status.CANCELLED, "the client cancelled its stream");
        }
        else if (Session.State.CLOSED == session.state)
        {
            inbound.end(Status.UNAVAILABLE, "the client's session ended");
        }
        return inbound;
    }

    /**
     * The answer of a client stream, to send when the handler is ready.
     *
     * @param encoder the response encoder, owned by the responder from now on.
     * @param <E>     the encoder type.
     * @return the responder.
     */
    public <E extends MessageEncoderFlyweight> Responder<E> responder(final E encoder)
    {
        streamOpened = true;
        return new Responder<E>(conductor, session, requestId)
            .encoder(encoder)
            .inbound(openedInbound);
    }

    /**
     * The request id of this call, unique per client.
     *
     * @return the request id.
     */
    public long requestId()
    {
        return requestId;
    }

    /**
     * The identity of the client that made this call.
     *
     * @return the client id.
     */
    public long clientId()
    {
        return session.clientId;
    }

    /**
     * The session this call arrived on.
     *
     * @return the session id.
     */
    public long sessionId()
    {
        return session.sessionId;
    }

    void init(
        final Session session,
        final ServiceStub stub,
        final long requestId,
        final int methodId,
        final int attempt,
        final ExactlyOnceTable.Entry exactlyOnceEntry,
        final StreamSink<?> stream,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        this.session = session;
        this.stub = stub;
        this.requestId = requestId;
        this.methodId = methodId;
        this.attempt = attempt;
        this.exactlyOnceEntry = exactlyOnceEntry;
        this.stream = stream;
        if (null != requestCopy)
        {
            requestCopy.putBytes(0, buffer, offset, length);
            this.requestBuffer = requestCopy;
            this.requestOffset = 0;
        }
        else
        {
            this.requestBuffer = buffer;
            this.requestOffset = offset;
        }
        this.requestLength = length;
    }

    /**
     * Runs a call handed to an executor, then returns this object to the pool.
     */
    @Override
    public void run()
    {
        try
        {
            serve();
        }
        finally
        {
            if (requestCopy.capacity() > ServerProxy.TRIM_ABOVE)
            {
                requestCopy = new ExpandableArrayBuffer(1024);
            }
            session.callsOnExecutors.decrementAndGet();
            session = null;
            stub = null;
            exactlyOnceEntry = null;
            stream = null;
            pool.offer(this);
            callsOnExecutors.decrementAndGet();
        }
    }

    void serve()
    {
        responseEncoder = null;
        recorded = false;
        streamOpened = false;
        openedInbound = null;
        counters.onHandlerRun();
        try
        {
            if (!stub.invoke(methodId, this))
            {
                reply(Status.UNIMPLEMENTED, stub.serviceName() + " has no method with id " + methodId);
            }
            else if (streamOpened)
            {
                counters.onOutcome(Status.OK);
            }
            else if (null == responseEncoder && ONE_WAY_REQUEST_ID != requestId)
            {
                reply(Status.INTERNAL, stub.serviceName() + " method " + methodId + " produced no response");
            }
            else if (ONE_WAY_REQUEST_ID == requestId)
            {
                record(Status.OK, null, 0);
            }
            else
            {
                sendResponse();
            }
        }
        catch (final RpcException ex)
        {
            if (!recorded)
            {
                reply(ex.status(), ex.description());
            }
        }
        catch (final Exception | Error ex)
        {
            if (!recorded)
            {
                reply(Status.UNKNOWN, describe(ex));
            }
            if (ex instanceof VirtualMachineError)
            {
                throw (VirtualMachineError)ex;
            }
        }
        finally
        {
            proxy.trim();
        }
    }

    private void sendResponse()
    {
        final int payloadLength = Payloads.writeHeader(
            payloadHeaderEncoder, proxy.buffer(), ServerProxy.PAYLOAD_OFFSET, responseEncoder);
        final int frameLength = ServerProxy.PAYLOAD_OFFSET + payloadLength;
        final int limit = Math.min(maxMessageLength, session.clientMaxMessageLength);
        if (frameLength > limit)
        {
            reply(Status.RESOURCE_EXHAUSTED, "response of " + frameLength + " bytes exceeds the " + limit +
                " bytes the route to the client carries (server maximum " + maxMessageLength + ", client maximum " +
                session.clientMaxMessageLength + ")");
            return;
        }

        if (record(Status.OK, null, payloadLength))
        {
            final Status sent = proxy.response(session, requestId, payloadLength);
            if (Status.RESOURCE_EXHAUSTED == sent && frameLength > session.publication.maxMessageLength())
            {
                // Too many bytes of chunked frames are waiting for this client or the server's clients: say so.
                final Status refused = proxy.error(session, requestId, Status.RESOURCE_EXHAUSTED,
                    "response of " + frameLength + " bytes not sent: " + proxy.lastFailure());
                if (Status.OK != refused)
                {
                    errorHandler.onError(new RpcException(refused, "response to request " + requestId + " of " +
                        session + " not sent: " + proxy.lastFailure()));
                }
            }
            else if (Status.OK != sent)
            {
                errorHandler.onError(new RpcException(sent, "response to request " + requestId + " of " + session +
                    " not sent: " + proxy.lastFailure()));
            }
        }
    }

    private void reply(final Status status, final String message)
    {
        if (null != stream)
        {
            // The stream ends with the error; the sink sends it, so no item can follow.
            counters.onOutcome(status);
            recorded = true;
            stream.fail(status, message);
            return;
        }
        if (record(status, message, 0))
        {
            final Status sent = proxy.error(session, requestId, status, message);
            if (Status.OK != sent)
            {
                errorHandler.onError(new RpcException(sent, "error reply to request " + requestId + " of " +
                    session + " not sent: " + proxy.lastFailure()));
            }
        }
    }

    /**
     * Records the outcome (in the exactly-once table when the method is exactly-once, and in the counters), and
     * says whether to send it: a response filter may lose it on purpose.
     */
    private boolean record(final Status status, final String message, final int payloadLength)
    {
        recorded = true;
        if (ONE_WAY_REQUEST_ID == requestId)
        {
            // Nothing goes back for a one-way message; its failure is the server's to report.
            counters.onOutcome(status);
            if (Status.OK != status)
            {
                errorHandler.onError(new RpcException(status, "one-way message to " + stub.serviceName() + " from " +
                    session + " failed: " + message));
            }
            return false;
        }

        if (null != exactlyOnceEntry)
        {
            exactlyOnceTable.complete(exactlyOnceEntry, status, message,
                Status.OK == status ? proxy.buffer() : null, ServerProxy.PAYLOAD_OFFSET, payloadLength,
                System.nanoTime());
        }
        counters.onOutcome(status);

        if (responseFilter.shouldDrop(stub.serviceId(), methodId, requestId, attempt))
        {
            counters.onResponseDropped();
            return false;
        }
        return true;
    }


    private String describe(final Throwable ex)
    {
        final String method = stub.methodName(methodId);
        return stub.serviceName() + "." + (null != method ? method : String.valueOf(methodId)) + " threw " +
            ex.getClass().getName() + (null != ex.getMessage() ? ": " + ex.getMessage() : "");
    }
}
