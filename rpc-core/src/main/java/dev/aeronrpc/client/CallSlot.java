package dev.aeronrpc.client;

import dev.aeronrpc.core.Delivery;
import dev.aeronrpc.core.MethodDescriptor;
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

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One calling thread's place in one client: the frame its requests are encoded into in place, its sender, the
 * codecs it uses per method, and the state of the blocking call it is waiting in. The client keeps one per thread
 * ({@link RpcClient}), so no caller takes a lock to build or send a request.
 * <p>
 * A request is built with {@link #request} into this slot's frame and must be sent by the next call made here:
 * the slot remembers which encoder it handed out last, and refuses (with {@link IllegalStateException}) a request
 * whose bytes another request has since overwritten, one already sent, or one built on another thread.
 * <p>
 * A blocking call that retries (at-least-once, exactly-once) is driven by its own thread while it waits: the
 * request stays in this slot's frame, and the thread sends it again, with the same request id, when the attempt
 * times out or the client has reconnected.
 */
final class CallSlot extends PendingCall
{
    private static final int INITIAL_FRAME_LENGTH = 1024;

    private final RpcClient client;
    private final RpcClient.Context ctx;
    private final Thread thread;
    private final RequestFrame frame;
    private final ClientProxy proxy;
    private final RequestEncoder requestEncoder = new RequestEncoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder payloadHeaderDecoder = new MessageHeaderDecoder();
    private final ExpandableArrayBuffer receiveBuffer = new ExpandableArrayBuffer(INITIAL_FRAME_LENGTH);
    private final IdleStrategy idleStrategy;
    private final Attempts attempts;
    // The ring of the last stream read to its end, for the next stream opened here; a stream may be read on
    // another thread than the one that opened it, so the hand-over is atomic.
    private final AtomicReference<ItemRing> spareRing = new AtomicReference<>();
    private MessageEncoderFlyweight[] requestEncoders = new MessageEncoderFlyweight[16];
    private MessageDecoderFlyweight[] responseDecoders = new MessageDecoderFlyweight[16];
    private MessageEncoderFlyweight leased;
    private boolean leaseOpen;

    private volatile boolean done;
    private Status status;
    private String errorMessage;
    private int responseLength;
    private long deadlineNs;
    private Delivery delivery = Delivery.AT_MOST_ONCE;

    CallSlot(final RpcClient client, final Thread thread)
    {
        this.client = client;
        this.ctx = client.context();
        this.thread = thread;
        this.frame = new RequestFrame(this, INITIAL_FRAME_LENGTH);
        this.idleStrategy = ctx.idleStrategy();
        this.proxy = new ClientProxy(ctx.idleStrategy(), ctx.sendTimeoutNs(), client::driveWhileWaiting);
        this.attempts = new Attempts(ctx);
    }

    /**
     * This thread's request encoder of a method, wrapped over this slot's frame behind room for the envelope, so
     * the request is sent without a copy.
     *
     * @param method the method.
     * @param <Q>    the request encoder type.
     * @return the encoder, ready to fill.
     */
    @SuppressWarnings("unchecked")
    <Q extends MessageEncoderFlyweight> Q request(final MethodDescriptor<Q, ?> method)
    {
        final int index = method.index();
        if (index >= requestEncoders.length)
        {
            requestEncoders = Arrays.copyOf(requestEncoders, Math.max(index + 1, requestEncoders.length * 2));
        }
        MessageEncoderFlyweight encoder = requestEncoders[index];
        if (null == encoder)
        {
            encoder = method.newRequestEncoder();
            requestEncoders[index] = encoder;
        }
        leased = encoder;
        leaseOpen = true;
        return Payloads.wrapEncoder((Q)encoder, frame, ClientProxy.PAYLOAD_OFFSET);
    }

    @SuppressWarnings("unchecked")
    <R extends MessageDecoderFlyweight> R responseDecoder(final MethodDescriptor<?, R> method)
    {
        final int index = method.index();
        if (index >= responseDecoders.length)
        {
            responseDecoders = Arrays.copyOf(responseDecoders, Math.max(index + 1, responseDecoders.length * 2));
        }
        MessageDecoderFlyweight decoder = responseDecoders[index];
        if (null == decoder)
        {
            decoder = method.newResponseDecoder();
            responseDecoders[index] = decoder;
        }
        return (R)decoder;
    }

    /**
     * Makes a unary call and waits for its answer. In invoker mode the caller runs the client's duty cycle itself
     * while it waits, when no other thread is running it.
     *
     * @param method  the method.
     * @param request the request, from {@link #request} or wrapped over a buffer of the caller's (then copied).
     * @param options the call's options.
     * @param <R>     the response decoder type.
     * @return this thread's decoder of the method, valid until this thread's next call through this client.
     * @throws RpcException when the call fails, with its status.
     */
    <R extends MessageDecoderFlyweight> R call(
        final MethodDescriptor<?, R> method, final MessageEncoderFlyweight request, final CallOptions options)
    {
        client.checkMayBlock();
        final int frameLength = prepareFrame(request);
        final long requestId = client.nextRequestId();
        ClientProxy.encodeRequest(
            requestEncoder, headerEncoder, frame, requestId, method.serviceId(), method.methodId(), 0);

        final Delivery delivery = method.delivery().atMost(options.delivery());
        final long nowNs = System.nanoTime();
        final Connection connection = client.connection();
        client.checkCanCall(connection, delivery);
        this.delivery = delivery;
        this.deadlineNs = options.deadlineNs(method.kind(), ctx.callTimeoutNs(), nowNs);
        done = false;
        attempts.reset();
        // Counted as sent before anyone can see the call: a reconnection that comes first sends it again.
        if (delivery.retries())
        {
            attempts.sent(nowNs, connection.epoch);
        }
        else
        {
            attempts.sentOnce(connection.epoch);
        }
        if (!client.pendingCalls().add(requestId, this))
        {
            throw client.tooManyCalls();
        }
        client.clientCounters().onCall();

        final Status sent = sendFirst(connection, frameLength, requestId);
        if (Status.OK != sent && null != client.pendingCalls().remove(requestId))
        {
            onError(sent, "request not sent: " + proxy.lastFailure());
        }
        awaitAnswer(requestId, frameLength);

        client.onOutcome(status);
        if (Status.OK != status)
        {
            throw new RpcException(status, errorMessage);
        }
        return Payloads.read(payloadHeaderDecoder, receiveBuffer, 0, responseLength, responseDecoder(method),
            Status.INTERNAL, "response");
    }

    /**
     * Sends a call's first attempt; back pressure is waited out until the call's deadline, since a request that
     * never left can be sent whatever its guarantee. Retrying calls that fail to send stay pending.
     */
    private Status sendFirst(final Connection connection, final int frameLength, final long requestId)
    {
        while (true)
        {
            final long nowNs = System.nanoTime();
            final long leftNs = deadlineNs - nowNs;
            final Status sent = proxy.request(connection, frame, frameLength, 1, leftNs);
            if (Status.OK == sent)
            {
                return sent;
            }
            if (Status.RESOURCE_EXHAUSTED == sent && leftNs > 0)
            {
                if (done)
                {
                    // Completed meanwhile (the connection was lost): the wait reports how.
                    return Status.OK;
                }
                if (delivery.retries())
                {
                    // The wait loop sends it again; this attempt does not count.
                    attempts.notSent();
                    return Status.OK;
                }
                continue;
            }
            if (delivery.retries() && Status.UNAVAILABLE == sent && !client.isClosedOrGivenUp())
            {
                attempts.notSent();
                return Status.OK;
            }
            return sent;
        }
    }

    /**
     * Makes a unary call and returns at once; the listener hears the outcome on the client's thread or the
     * options' executor, never on this one (except when the client is closed: then at once, here).
     *
     * @param method   the method.
     * @param request  the request.
     * @param listener hears the outcome, once.
     * @param options  the call's options.
     * @param <R>      the response decoder type.
     */
    <R extends MessageDecoderFlyweight> void callAsync(
        final MethodDescriptor<?, R> method,
        final MessageEncoderFlyweight request,
        final ResponseListener<R> listener,
        final CallOptions options)
    {
        if (client.isClosed())
        {
            listener.onError(Status.UNAVAILABLE, "the client is closed");
            return;
        }
        final int frameLength;
        try
        {
            frameLength = prepareFrame(request);
        }
        catch (final RpcException ex)
        {
            client.conductor().completeLater(client.acquireAsyncCall().failed(method, listener, options, ex));
            return;
        }

        final long requestId = client.nextRequestId();
        ClientProxy.encodeRequest(
            requestEncoder, headerEncoder, frame, requestId, method.serviceId(), method.methodId(), 0);
        final long nowNs = System.nanoTime();
        final Connection connection = client.connection();
        final Delivery delivery = method.delivery().atMost(options.delivery());
        final long deadlineNs = options.deadlineNs(method.kind(), ctx.callTimeoutNs(), nowNs);
        final AsyncCall call = client.acquireAsyncCall().init(
            method, listener, options, delivery, deadlineNs, nowNs, connection.epoch, frame, frameLength);
        if (!client.pendingCalls().add(requestId, call))
        {
            client.conductor().completeLater(call.failed(Status.RESOURCE_EXHAUSTED, client.tooManyCalls().description()));
            return;
        }
        client.clientCounters().onCall();
        // Nothing touches the call after this send but through the flag: from now on the conductor may complete
        // it and give it back to the pool.
        final Status sent = proxy.request(connection, frame, frameLength, 1, deadlineNs - nowNs);
        if (Status.OK != sent)
        {
            call.firstSendFailed(requestId, sent, proxy.lastFailure(), frame, frameLength);
        }
    }

    /**
     * Opens a server stream: sends the request with a window of credit and returns the consuming end.
     *
     * @param method   the method, a server stream.
     * @param request  the request.
     * @param observer receives the items, or null to read them with the iterator.
     * @param options  the call's options.
     * @param <R>      the item decoder type.
     * @return the stream.
     */
    <R extends MessageDecoderFlyweight> ClientStream<R> openServerStream(
        final MethodDescriptor<?, R> method,
        final MessageEncoderFlyweight request,
        final StreamObserver<R> observer,
        final CallOptions options)
    {
        final int frameLength = prepareFrame(request);
        final int window = options.effectiveWindow();
        final long requestId = client.nextRequestId();
        ClientProxy.encodeRequest(
            requestEncoder, headerEncoder, frame, requestId, method.serviceId(), method.methodId(), window);
        final ClientStream<R> stream = new ClientStream<>(client, requestId,
            options.deadlineNs(method.kind(), ctx.callTimeoutNs(), System.nanoTime()), method.newResponseDecoder(),
            observer, options.executor(), window, this);
        open(stream, requestId, frameLength);
        return stream;
    }

    /**
     * Opens a client stream: items go to the server within its credit, then one answer comes back.
     *
     * @param method   the method, a client stream.
     * @param listener hears the answer (asynchronous form), or null to wait for it with {@code complete()}.
     * @param options  the call's options.
     * @param <Q>      the item encoder type.
     * @param <R>      the response decoder type.
     * @return the call.
     */
    <Q extends MessageEncoderFlyweight, R extends MessageDecoderFlyweight> ClientStreamCall<Q, R> openClientStream(
        final MethodDescriptor<Q, R> method, final ResponseListener<R> listener, final CallOptions options)
    {
        final long requestId = client.nextRequestId();
        final long deadlineNs = options.deadlineNs(method.kind(), ctx.callTimeoutNs(), System.nanoTime());
        final ClientStreamCall<Q, R> call = new ClientStreamCall<>(client, requestId, deadlineNs,
            method.newRequestEncoder(), method.newResponseDecoder(), listener, options.executor());
        ClientProxy.encodeRequest(
            requestEncoder, headerEncoder, frame, requestId, method.serviceId(), method.methodId(), 0);
        leaseOpen = false;
        open(call, requestId, ClientProxy.PAYLOAD_OFFSET);
        return call;
    }

    /**
     * Opens a bidirectional stream: the client's items go within the server's credit, the server's within the
     * client's window.
     *
     * @param method   the method, a bidirectional stream.
     * @param observer receives the server's items, or null to read them with the iterator.
     * @param options  the call's options.
     * @param <Q>      the client's item encoder type.
     * @param <R>      the server's item decoder type.
     * @return the stream.
     */
    <Q extends MessageEncoderFlyweight, R extends MessageDecoderFlyweight> BidiStream<Q, R> openBidiStream(
        final MethodDescriptor<Q, R> method, final StreamObserver<R> observer, final CallOptions options)
    {
        final int window = options.effectiveWindow();
        final long requestId = client.nextRequestId();
        final long deadlineNs = options.deadlineNs(method.kind(), ctx.callTimeoutNs(), System.nanoTime());
        final ClientStream<R> inbound = new ClientStream<>(client, requestId, deadlineNs,
            method.newResponseDecoder(), observer, options.executor(), window, this);
        final Outbound<Q> outbound = new Outbound<>(client, inbound, requestId, deadlineNs, method.newRequestEncoder());
        inbound.outbound(outbound);
        ClientProxy.encodeRequest(
            requestEncoder, headerEncoder, frame, requestId, method.serviceId(), method.methodId(), window);
        leaseOpen = false;
        open(inbound, requestId, ClientProxy.PAYLOAD_OFFSET);
        return new BidiStream<>(inbound, outbound);
    }

    private void open(final PendingCall call, final long requestId, final int frameLength)
    {
        final Connection connection = client.connection();
        client.checkCanCall(connection, Delivery.AT_MOST_ONCE);
        if (!client.pendingCalls().add(requestId, call))
        {
            throw client.tooManyCalls();
        }
        client.clientCounters().onCall();
        final Status sent = proxy.request(connection, frame, frameLength, 1, 0);
        if (Status.OK != sent && null != client.pendingCalls().remove(requestId))
        {
            client.onOutcome(sent);
            throw new RpcException(sent, "stream request not sent: " + proxy.lastFailure());
        }
    }

    /**
     * Sends a one-way message: no request id (0 on the wire), no answer, no retry.
     *
     * @param method  the method, one-way.
     * @param request the message.
     * @return true when handed to Aeron; false when dropped, which the client's counters record.
     */
    boolean send(final MethodDescriptor<?, ?> method, final MessageEncoderFlyweight request)
    {
        boolean sent = false;
        final Connection connection = client.connection();
        try
        {
            final int frameLength = prepareFrame(request);
            if (connection.isUp())
            {
                ClientProxy.encodeRequest(
                    requestEncoder, headerEncoder, frame, 0, method.serviceId(), method.methodId(), 0);
                sent = Status.OK == proxy.request(connection, frame, frameLength, 1, 0);
            }
        }
        catch (final RpcException ex)
        {
            client.context().errorHandler().onError(ex);
        }
        client.clientCounters().onOneWay(sent);
        return sent;
    }

    ClientProxy proxy()
    {
        return proxy;
    }

    Thread thread()
    {
        return thread;
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

    /**
     * Checks the request is this thread's latest, unsent one (or the caller's own buffer, then copied in), writes
     * its payload header, and checks its size.
     *
     * @return the frame's length.
     */
    private int prepareFrame(final MessageEncoderFlyweight request)
    {
        final int bodyOffset = ClientProxy.PAYLOAD_OFFSET + Payloads.HEADER_LENGTH;
        final DirectBuffer requestBuffer = request.buffer();
        if (requestBuffer == frame && request.offset() == bodyOffset)
        {
            if (request != leased)
            {
                throw new IllegalStateException("this " + request.getClass().getSimpleName() + " was overwritten: " +
                    "a " + (null == leased ? "request" : leased.getClass().getSimpleName()) + " was built on this " +
                    "thread after it, in the same buffer. Build each request just before its call");
            }
            if (!leaseOpen)
            {
                throw new IllegalStateException("this " + request.getClass().getSimpleName() +
                    " was sent already: build a new request for each call");
            }
        }
        else if (requestBuffer instanceof RequestFrame other && other.owner() != this)
        {
            throw new IllegalStateException("this " + request.getClass().getSimpleName() + " was built on thread " +
                other.owner().thread().getName() + " and may be rewritten there: build requests on the thread " +
                "that makes the call");
        }
        else
        {
            // An encoder the caller wrapped over a buffer of its own: copy its body in behind the envelope.
            frame.putBytes(bodyOffset, requestBuffer, request.offset(), request.encodedLength());
        }
        leaseOpen = false;

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
            final int workCount = client.driveWhileWaiting();
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
                retryIfDue(requestId, frameLength, nowNs);
            }
            idle.idle(workCount);
        }
    }

    private void retryIfDue(final long requestId, final int frameLength, final long nowNs)
    {
        final Connection connection = client.connection();
        final int decision = attempts.decide(nowNs, connection, client.lastHeardNs(), client.silenceNs(), client.retryBudget());
        if (Attempts.RESEND == decision)
        {
            final int attempt = attempts.attempt() + 1;
            if (Status.OK == proxy.request(connection, frame, frameLength, attempt, deadlineNs - nowNs))
            {
                if (attempt > 1)
                {
                    client.clientCounters().onRetry();
                }
                attempts.sent(nowNs, connection.epoch);
            }
        }
        else if (Attempts.WAIT != decision && null != client.pendingCalls().remove(requestId))
        {
            if (Attempts.THROTTLED == decision)
            {
                client.clientCounters().onThrottled();
            }
            onError(Status.UNAVAILABLE, Attempts.describeGivingUp(decision, attempts.attempt()));
        }
    }

    @Override
    long deadlineNs()
    {
        return deadlineNs;
    }

    @Override
    boolean timed()
    {
        return false;
    }

    @Override
    boolean survivesReconnection()
    {
        return delivery.retries() && attempts.attemptsLeft();
    }

    @Override
    void onResponse(final DirectBuffer buffer, final int offset, final int length)
    {
        receiveBuffer.putBytes(0, buffer, offset, length);
        responseLength = length;
        status = Status.OK;
        done = true;
    }

    @Override
    void onError(final Status status, final String message)
    {
        this.status = status;
        this.errorMessage = message;
        done = true;
    }
}
