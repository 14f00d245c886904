package dev.aeronrpc.client;

import dev.aeronrpc.core.Delivery;
import dev.aeronrpc.core.Payloads;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.core.StreamObserver;
import dev.aeronrpc.protocol.MessageHeaderDecoder;
import dev.aeronrpc.protocol.MessageHeaderEncoder;
import dev.aeronrpc.protocol.RequestEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.sbe.MessageDecoderFlyweight;
import org.agrona.sbe.MessageEncoderFlyweight;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One calling thread's place to build requests and receive answers: a frame buffer the request is encoded into
 * in place, behind room for the envelope, and a receive buffer the answer is copied into for the caller.
 * <p>
 * Generated client proxies keep one per thread; {@link RpcClient#newCallSlot()} makes one. Not thread-safe.
 * Steady-state calls allocate nothing: the buffers grow only when a larger message comes along.
 * <p>
 * A blocking call that retries (at-least-once, exactly-once) is driven by its own thread while it waits: the
 * request stays in this slot's frame buffer, and the thread sends it again, with the same request id, when the
 * attempt times out or the client has reconnected.
 */
public final class CallSlot implements PendingCall
{
    /** Items a stream opened without a window lets the producer send ahead of the reader. */
    public static final int DEFAULT_WINDOW = 64;

    /** The timeout of a stream opened without one: in effect none. */
    public static final long NO_DEADLINE_NS = Long.MAX_VALUE >> 2;

    private final RpcClient client;
    private final ClientProxy proxy;
    private final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(1024);
    // While this thread waits in a blocking call, its frame holds that call's request (it may be sent again), so a
    // request built meanwhile (an asynchronous call from a response listener this thread runs) goes here instead.
    private final ExpandableArrayBuffer spareFrame = new ExpandableArrayBuffer(256);
    private boolean waiting;
    private final RequestEncoder requestEncoder = new RequestEncoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder payloadHeaderDecoder = new MessageHeaderDecoder();
    private final ExpandableArrayBuffer receiveBuffer = new ExpandableArrayBuffer(1024);
    private final IdleStrategy idleStrategy;
    private final Attempts attempts;
    // The ring of the last stream read to its end, for the next stream opened here; a stream may be read on
    // another thread than the one that opened it, so the hand-over is atomic.
    private final AtomicReference<ItemRing> spareRing = new AtomicReference<>();

    private volatile boolean done;
    private Status status;
    private String errorMessage;
    private int responseLength;
    private long deadlineNs;
    private Delivery delivery = Delivery.AT_MOST_ONCE;

    CallSlot(final RpcClient client)
    {
        this.client = client;
        this.proxy = client.proxy();
        this.idleStrategy = client.context().idleStrategy();
        this.attempts = new Attempts(client.context());
    }

    /**
     * Wraps a request encoder over this slot's frame buffer, behind room for the envelope, so the request is sent
     * without a copy.
     *
     * @param encoder the request's encoder.
     * @param <E>     the encoder type.
     * @return the encoder, ready to fill.
     */
    public <E extends MessageEncoderFlyweight> E wrapRequest(final E encoder)
    {
        return Payloads.wrapEncoder(encoder, currentFrame(), ClientProxy.PAYLOAD_OFFSET);
    }

    private ExpandableArrayBuffer currentFrame()
    {
        return waiting ? spareFrame : frame;
    }

    /**
     * Makes a call and waits for its answer. While it waits, the caller polls the client itself when no other
     * thread is polling, so a lone caller pays no thread hand-off.
     *
     * @param serviceId       the service.
     * @param methodId        the method.
     * @param delivery        the call's guarantee: whether it is sent again when no answer comes.
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
        final Delivery delivery,
        final MessageEncoderFlyweight request,
        final D responseDecoder,
        final long timeoutNs)
    {
        client.checkNotPolling();
        client.checkCanCall(delivery);
        final int frameLength = prepareFrame(request, frame);
        final long requestId = client.nextRequestId();
        ClientProxy.encodeRequest(requestEncoder, headerEncoder, frame, requestId, serviceId, methodId, 0);

        this.delivery = delivery;
        done = false;
        final long nowNs = System.nanoTime();
        deadlineNs = nowNs + timeoutNs;
        attempts.reset();
        // Counted as sent before anyone can see the call: a failed first send is retried on schedule.
        attempts.sent(nowNs, proxy.epoch());
        if (!client.pendingCalls().add(requestId, this))
        {
            throw client.tooManyCalls();
        }
        client.clientCounters().onCall();
        waiting = true;
        try
        {
            final Status sent = proxy.request(frame, frameLength, 1, timeoutNs);
            if (Status.OK != sent && (!delivery.retries() || client.isClosedOrGivenUp()) &&
                null != client.pendingCalls().remove(requestId))
            {
                client.onOutcome(sent);
                throw new RpcException(sent, "request not sent: " + proxy.lastFailure());
            }
            awaitAnswer(requestId, frameLength);
        }
        finally
        {
            waiting = false;
        }

        client.onOutcome(status);
        if (Status.OK != status)
        {
            throw new RpcException(status, errorMessage);
        }

        return Payloads.read(payloadHeaderDecoder, receiveBuffer, 0, responseLength, responseDecoder,
            Status.INTERNAL, "response");
    }

    /**
     * Makes a call and returns at once; the listener hears the outcome on the polling thread.
     * A call that cannot be sent is reported to the listener before this returns.
     *
     * @param serviceId       the service.
     * @param methodId        the method.
     * @param delivery        the call's guarantee: whether it is sent again when no answer comes.
     * @param request         the request's encoder, filled.
     * @param responseDecoder the decoder to wrap over the answer, used only by the polling thread.
     * @param listener        hears the outcome, once.
     * @param timeoutNs       how long to wait for the answer.
     * @param <D>             the decoder type.
     */
    public <D extends MessageDecoderFlyweight> void callAsync(
        final int serviceId,
        final int methodId,
        final Delivery delivery,
        final MessageEncoderFlyweight request,
        final D responseDecoder,
        final ResponseListener<D> listener,
        final long timeoutNs)
    {
        final ExpandableArrayBuffer frame = currentFrame();
        final int frameLength;
        try
        {
            client.checkCanCall(delivery);
            frameLength = prepareFrame(request, frame);
        }
        catch (final RpcException ex)
        {
            listener.onError(ex.status(), ex.description());
            return;
        }

        final long requestId = client.nextRequestId();
        ClientProxy.encodeRequest(requestEncoder, headerEncoder, frame, requestId, serviceId, methodId, 0);
        final long nowNs = System.nanoTime();
        // Counted as sent before anyone can see the call: the timer must not send it too, and once it is visible
        // its answer may complete and recycle it, so nothing here touches it after the send.
        final AsyncCall call = client.acquireAsyncCall()
            .init(requestId, nowNs, nowNs + timeoutNs, delivery, frame, frameLength, responseDecoder, listener,
                proxy.epoch());
        if (!client.pendingCalls().add(requestId, call))
        {
            call.onError(Status.RESOURCE_EXHAUSTED, client.tooManyCalls().description());
            return;
        }
        client.clientCounters().onCall();

        final Status sent = proxy.request(frame, frameLength, 1, timeoutNs);
        if (Status.OK != sent && (!delivery.retries() || client.isClosedOrGivenUp()) &&
            null != client.pendingCalls().remove(requestId))
        {
            call.onError(sent, "request not sent: " + proxy.lastFailure());
        }
    }

    /**
     * Opens a server stream: sends the request with a window of credit and returns the consuming end.
     *
     * @param serviceId the service.
     * @param methodId  the method, of kind server-stream.
     * @param request   the request's encoder, filled.
     * @param decoder   the decoder items are read with, owned by the stream from now on.
     * @param observer  receives the items on the polling thread, or null to read them with the iterator.
     * @param window    items the producer may send ahead of the consumer.
     * @param timeoutNs how long the stream may run; the deadline ends it with DEADLINE_EXCEEDED.
     * @param <D>       the item decoder type.
     * @return the stream.
     * @throws RpcException UNAVAILABLE when not connected, RESOURCE_EXHAUSTED when too large or too many calls.
     */
    public <D extends MessageDecoderFlyweight> ClientStream<D> openStream(
        final int serviceId,
        final int methodId,
        final MessageEncoderFlyweight request,
        final D decoder,
        final StreamObserver<D> observer,
        final int window,
        final long timeoutNs)
    {
        if (window <= 0)
        {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        client.checkCanCall(Delivery.AT_MOST_ONCE);
        final ExpandableArrayBuffer frame = currentFrame();
        final int frameLength = prepareFrame(request, frame);
        final long requestId = client.nextRequestId();
        ClientProxy.encodeRequest(requestEncoder, headerEncoder, frame, requestId, serviceId, methodId, window);
        final ClientStream<D> stream = new ClientStream<>(
            client, requestId, System.nanoTime() + timeoutNs, decoder, observer, window, this);
        if (!client.pendingCalls().add(requestId, stream))
        {
            throw client.tooManyCalls();
        }
        client.clientCounters().onCall();

        final Status sent = proxy.request(frame, frameLength, 1, timeoutNs);
        if (Status.OK != sent && null != client.pendingCalls().remove(requestId))
        {
            client.onOutcome(sent);
            throw new RpcException(sent, "stream request not sent: " + proxy.lastFailure());
        }
        return stream;
    }

    /**
     * Opens a client stream: items go to the server within its credit, then one answer comes back.
     *
     * @param serviceId the service.
     * @param methodId  the method, of kind client-stream.
     * @param encoder   the item encoder, owned by the call from now on.
     * @param decoder   the response decoder, owned by the call from now on.
     * @param timeoutNs how long the whole call may take.
     * @param <E>       the item encoder type.
     * @param <R>       the response decoder type.
     * @return the call, to send items and then complete.
     */
    public <E extends MessageEncoderFlyweight, R extends MessageDecoderFlyweight> ClientStreamCall<E, R> openClientStream(
        final int serviceId, final int methodId, final E encoder, final R decoder, final long timeoutNs)
    {
        final long requestId = client.nextRequestId();
        final ClientStreamCall<E, R> call =
            new ClientStreamCall<>(client, requestId, System.nanoTime() + timeoutNs, encoder, decoder);
        open(serviceId, methodId, requestId, 0, timeoutNs, call);
        return call;
    }

    /**
     * Opens a bidirectional stream: the client's items go within the server's credit, the server's within the
     * client's window.
     *
     * @param serviceId the service.
     * @param methodId  the method, of kind bidi-stream.
     * @param encoder   the encoder of the client's items, owned by the stream from now on.
     * @param decoder   the decoder of the server's items, owned by the stream from now on.
     * @param window    the server's items the client takes ahead of reading them.
     * @param timeoutNs how long the stream may run.
     * @param <E>       the client's item encoder type.
     * @param <D>       the server's item decoder type.
     * @return the stream.
     */
    public <E extends MessageEncoderFlyweight, D extends MessageDecoderFlyweight> BidiStream<E, D> openBidiStream(
        final int serviceId, final int methodId, final E encoder, final D decoder, final int window, final long timeoutNs)
    {
        if (window <= 0)
        {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        final long requestId = client.nextRequestId();
        final long deadlineNs = System.nanoTime() + timeoutNs;
        final ClientStream<D> inbound = new ClientStream<>(client, requestId, deadlineNs, decoder, null, window, this);
        final Outbound<E> outbound = new Outbound<>(client, requestId, deadlineNs, encoder);
        inbound.outbound(outbound);
        open(serviceId, methodId, requestId, window, timeoutNs, inbound);
        return new BidiStream<>(inbound, outbound);
    }

    ItemRing takeRing(final int capacity)
    {
        final ItemRing spare = spareRing.getAndSet(null);
        return null != spare && spare.capacity() >= capacity ? spare : new ItemRing(capacity);
    }

    void recycleRing(final ItemRing ring)
    {
        spareRing.set(ring);
    }

    private void open(
        final int serviceId,
        final int methodId,
        final long requestId,
        final int credit,
        final long timeoutNs,
        final PendingCall call)
    {
        client.checkCanCall(Delivery.AT_MOST_ONCE);
        final ExpandableArrayBuffer frame = currentFrame();
        ClientProxy.encodeRequest(requestEncoder, headerEncoder, frame, requestId, serviceId, methodId, credit);
        if (!client.pendingCalls().add(requestId, call))
        {
            throw client.tooManyCalls();
        }
        client.clientCounters().onCall();
        final Status sent = proxy.request(frame, ClientProxy.PAYLOAD_OFFSET, 1, timeoutNs);
        if (Status.OK != sent && null != client.pendingCalls().remove(requestId))
        {
            client.onOutcome(sent);
            throw new RpcException(sent, "stream request not sent: " + proxy.lastFailure());
        }
    }

    /**
     * Sends a one-way message: no request id (0 on the wire), no answer, no retry.
     *
     * @param serviceId the service.
     * @param methodId  the method, of kind one-way.
     * @param request   the message's encoder, filled.
     * @return true when handed to Aeron; false when dropped, which the client's counters record.
     */
    public boolean send(final int serviceId, final int methodId, final MessageEncoderFlyweight request)
    {
        final ExpandableArrayBuffer frame = currentFrame();
        boolean sent = false;
        if (client.isConnected())
        {
            try
            {
                final int frameLength = prepareFrame(request, frame);
                ClientProxy.encodeRequest(requestEncoder, headerEncoder, frame, 0, serviceId, methodId, 0);
                sent = Status.OK == proxy.request(frame, frameLength, 1, 0);
            }
            catch (final RpcException ex)
            {
                client.context().errorHandler().onError(ex);
            }
        }
        client.clientCounters().onOneWay(sent);
        return sent;
    }

    private int prepareFrame(final MessageEncoderFlyweight request, final ExpandableArrayBuffer frame)
    {
        final int bodyOffset = ClientProxy.PAYLOAD_OFFSET + Payloads.HEADER_LENGTH;
        if (request.buffer() != frame || request.offset() != bodyOffset)
        {
            // An encoder the caller wrapped elsewhere: copy its body in behind the envelope.
            frame.putBytes(bodyOffset, request.buffer(), request.offset(), request.encodedLength());
        }

        final int frameLength = ClientProxy.PAYLOAD_OFFSET +
            Payloads.writeHeader(headerEncoder, frame, ClientProxy.PAYLOAD_OFFSET, request);
        final int maxMessageLength = client.maxMessageLength();
        if (frameLength > maxMessageLength)
        {
            throw new RpcException(Status.RESOURCE_EXHAUSTED,
                "request of " + frameLength + " bytes exceeds the maximum message length of " + maxMessageLength);
        }
        return frameLength;
    }

    private void awaitAnswer(final long requestId, final int frameLength)
    {
        final IdleStrategy idle = idleStrategy;
        idle.reset();
        while (!done)
        {
            final int workCount = client.tryPoll();
            if (done)
            {
                break;
            }

            final long nowNs = System.nanoTime();
            if (nowNs - deadlineNs >= 0)
            {
                if (null != client.pendingCalls().remove(requestId))
                {
                    onError(Status.DEADLINE_EXCEEDED, attempts.attempt() > 1 ?
                        "no answer before the deadline after " + attempts.attempt() + " attempts" :
                        "no answer before the deadline");
                }
            }
            else if (delivery.retries())
            {
                attempts.retryIfDue(client, this, requestId, frame, frameLength, deadlineNs, nowNs);
            }
            idle.idle(workCount);
        }
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
