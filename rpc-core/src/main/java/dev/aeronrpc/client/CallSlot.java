package dev.aeronrpc.client;

import dev.aeronrpc.core.Payloads;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.protocol.MessageHeaderDecoder;
import dev.aeronrpc.protocol.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.sbe.MessageDecoderFlyweight;
import org.agrona.sbe.MessageEncoderFlyweight;

/**
 * One calling thread's place to build requests and receive answers: a send buffer the request is encoded into
 * in place, behind room for the envelope, and a receive buffer the answer is copied into for the caller.
 * <p>
 * Generated client proxies keep one per thread; {@link RpcClient#newCallSlot()} makes one. Not thread-safe.
 * Steady-state calls allocate nothing: the buffers grow only when a larger message comes along.
 */
public final class CallSlot implements PendingCall
{
    private final RpcClient client;
    private final ClientProxy proxy;
    private final MessageHeaderEncoder payloadHeaderEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder payloadHeaderDecoder = new MessageHeaderDecoder();
    private final ExpandableArrayBuffer receiveBuffer = new ExpandableArrayBuffer(1024);
    private final IdleStrategy idleStrategy;

    private volatile boolean done;
    private Status status;
    private String errorMessage;
    private int responseLength;
    private long deadlineNs;

    CallSlot(final RpcClient client, final ClientConductor conductor, final RpcClient.Context ctx)
    {
        this.client = client;
        this.idleStrategy = ctx.idleStrategy();
        this.proxy = conductor.newProxy();
    }

    /**
     * Wraps a request encoder over this slot's send buffer, behind room for the envelope, so the request is sent
     * without a copy.
     *
     * @param encoder the request's encoder.
     * @param <E>     the encoder type.
     * @return the encoder, ready to fill.
     */
    public <E extends MessageEncoderFlyweight> E wrapRequest(final E encoder)
    {
        return Payloads.wrapEncoder(encoder, proxy.buffer(), ClientProxy.PAYLOAD_OFFSET);
    }

    /**
     * Makes a call and waits for its answer. While it waits, the caller polls the client itself when no other
     * thread is polling, so a lone caller pays no thread hand-off.
     *
     * @param serviceId       the service.
     * @param methodId        the method.
     * @param request         the request's encoder, filled; best from {@link #wrapRequest}, else it is copied.
     * @param responseDecoder the decoder to wrap over the answer.
     * @param timeoutNs       how long to wait for the answer.
     * @param <D>             the decoder type.
     * @return the decoder, valid until this slot's next call.
     * @throws RpcException when the call fails, with its status.
     */
    public <D extends MessageDecoderFlyweight> D call(
        final int serviceId,
        final int methodId,
        final MessageEncoderFlyweight request,
        final D responseDecoder,
        final long timeoutNs)
    {
        client.checkNotPolling();
        final long sessionId = client.conductor().checkConnected();
        final int payloadLength = preparePayload(request);
        final long requestId = client.nextRequestId();

        done = false;
        deadlineNs = System.nanoTime() + timeoutNs;
        if (!client.pendingCalls().add(requestId, this))
        {
            throw tooManyCalls();
        }

        final Status sent = proxy.request(sessionId, requestId, serviceId, methodId, timeoutNs, payloadLength);
        if (Status.OK != sent && null != client.pendingCalls().remove(requestId))
        {
            throw new RpcException(sent, "request not sent: " + proxy.lastFailure());
        }

        awaitAnswer(requestId);

        if (Status.OK != status)
        {
            throw new RpcException(status, errorMessage);
        }

        final String problem = Payloads.check(payloadHeaderDecoder, receiveBuffer, 0, responseLength, responseDecoder);
        if (null != problem)
        {
            throw new RpcException(Status.INTERNAL, "unreadable response: " + problem);
        }
        return Payloads.wrapDecoder(payloadHeaderDecoder, receiveBuffer, 0, responseDecoder);
    }

    /**
     * Makes a call and returns at once; the listener hears the outcome on the polling thread.
     * A call that cannot be sent is reported to the listener before this returns.
     *
     * @param serviceId       the service.
     * @param methodId        the method.
     * @param request         the request's encoder, filled.
     * @param responseDecoder the decoder to wrap over the answer, used only by the polling thread.
     * @param listener        hears the outcome, once.
     * @param timeoutNs       how long to wait for the answer.
     * @param <D>             the decoder type.
     */
    public <D extends MessageDecoderFlyweight> void callAsync(
        final int serviceId,
        final int methodId,
        final MessageEncoderFlyweight request,
        final D responseDecoder,
        final ResponseListener<D> listener,
        final long timeoutNs)
    {
        final long sessionId;
        final int payloadLength;
        try
        {
            sessionId = client.conductor().checkConnected();
            payloadLength = preparePayload(request);
        }
        catch (final RpcException ex)
        {
            listener.onError(ex.status(), ex.description());
            return;
        }

        final long requestId = client.nextRequestId();
        final AsyncCall call = client.acquireAsyncCall()
            .init(System.nanoTime() + timeoutNs, responseDecoder, listener);
        if (!client.pendingCalls().add(requestId, call))
        {
            call.onError(Status.RESOURCE_EXHAUSTED, tooManyCalls().description());
            return;
        }

        final Status sent = proxy.request(sessionId, requestId, serviceId, methodId, timeoutNs, payloadLength);
        if (Status.OK != sent && null != client.pendingCalls().remove(requestId))
        {
            call.onError(sent, "request not sent: " + proxy.lastFailure());
        }
    }

    private int preparePayload(final MessageEncoderFlyweight request)
    {
        final MutableDirectBuffer buffer = proxy.buffer();
        final int bodyOffset = ClientProxy.PAYLOAD_OFFSET + Payloads.HEADER_LENGTH;
        if (request.buffer() != buffer || request.offset() != bodyOffset)
        {
            // An encoder the caller wrapped elsewhere: copy its body in behind the envelope.
            buffer.putBytes(bodyOffset, request.buffer(), request.offset(), request.encodedLength());
        }

        final int payloadLength = Payloads.writeHeader(
            payloadHeaderEncoder, buffer, ClientProxy.PAYLOAD_OFFSET, request);
        final int frameLength = ClientProxy.PAYLOAD_OFFSET + payloadLength;
        final int maxMessageLength = client.maxMessageLength();
        if (frameLength > maxMessageLength)
        {
            throw new RpcException(Status.RESOURCE_EXHAUSTED,
                "request of " + frameLength + " bytes exceeds the maximum message length of " + maxMessageLength);
        }
        return payloadLength;
    }

    private void awaitAnswer(final long requestId)
    {
        final IdleStrategy idle = idleStrategy;
        idle.reset();
        while (!done)
        {
            final int workCount = client.tryPoll();
            if (!done && System.nanoTime() - deadlineNs >= 0 && null != client.pendingCalls().remove(requestId))
            {
                onError(Status.DEADLINE_EXCEEDED, "no answer before the deadline");
            }
            idle.idle(workCount);
        }
    }

    private RpcException tooManyCalls()
    {
        return new RpcException(Status.RESOURCE_EXHAUSTED,
            "too many calls in flight: the limit is " + client.context().maxInflightCalls());
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
        done = true;
    }

    @Override
    public void onError(final Status status, final String message)
    {
        this.status = status;
        this.errorMessage = message;
        done = true;
    }
}
