package dev.aeronrpc.core;

import org.agrona.sbe.MessageDecoderFlyweight;
import org.agrona.sbe.MessageEncoderFlyweight;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Everything the runtime needs to know about one method of a service, as gRPC's {@code MethodDescriptor}: its
 * names and ids, its kind, the guarantee it declares, and how to make the codecs a client uses for it. The code
 * generator writes one constant per method in the service interface ({@code Bank.DEPOSIT_METHOD}); code that
 * calls services it learns about at run time (the WebSocket gateway) makes its own from the schema.
 * <p>
 * Make each descriptor once and keep it: the client keeps codecs per descriptor and per thread, indexed by
 * {@link #index()}, so a call allocates nothing.
 *
 * @param <Q> the encoder of the request (for client and bidirectional streams: of each client item).
 * @param <R> the decoder of the response (for server and bidirectional streams: of each server item).
 */
public final class MethodDescriptor<Q extends MessageEncoderFlyweight, R extends MessageDecoderFlyweight>
{
    /**
     * What a call of the method looks like on the wire.
     */
    public enum Kind
    {
        /** One request, one response. */
        UNARY,
        /** One request, a stream of items back. */
        SERVER_STREAM,
        /** A stream of items from the client, one response back. */
        CLIENT_STREAM,
        /** A stream each way. */
        BIDI_STREAM,
        /** One message, never answered. */
        ONE_WAY;

        /**
         * Whether the server answers with a stream of items.
         *
         * @return true for server and bidirectional streams.
         */
        public boolean serverStreams()
        {
            return SERVER_STREAM == this || BIDI_STREAM == this;
        }

        /**
         * Whether the client sends a stream of items.
         *
         * @return true for client and bidirectional streams.
         */
        public boolean clientStreams()
        {
            return CLIENT_STREAM == this || BIDI_STREAM == this;
        }
    }

    private static final AtomicInteger NEXT_INDEX = new AtomicInteger();

    private final int index = NEXT_INDEX.getAndIncrement();
    private final String serviceName;
    private final int serviceId;
    private final String methodName;
    private final int methodId;
    private final Kind kind;
    private final Delivery delivery;
    private final Supplier<Q> requestEncoders;
    private final Supplier<R> responseDecoders;

    private MethodDescriptor(
        final String serviceName,
        final int serviceId,
        final String methodName,
        final int methodId,
        final Kind kind,
        final Delivery delivery,
        final Supplier<Q> requestEncoders,
        final Supplier<R> responseDecoders)
    {
        this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
        this.serviceId = serviceId;
        this.methodName = Objects.requireNonNull(methodName, "methodName");
        this.methodId = methodId;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.requestEncoders = Objects.requireNonNull(requestEncoders, "requestEncoders");
        if (Kind.ONE_WAY != kind)
        {
            Objects.requireNonNull(responseDecoders, "responseDecoders");
        }
        if (Kind.UNARY != kind && Delivery.AT_MOST_ONCE != delivery)
        {
            throw new IllegalArgumentException(
                serviceName + "." + methodName + ": only unary methods may retry; a " + kind + " is at-most-once");
        }
        this.responseDecoders = responseDecoders;
    }

    /**
     * Describes a method.
     *
     * @param serviceName      the service's name.
     * @param serviceId        the service's id.
     * @param methodName       the method's name.
     * @param methodId         the method's id, unique in its service.
     * @param kind             unary, a stream, or one-way.
     * @param delivery         the guarantee the method declares; only unary methods may retry.
     * @param requestEncoders  makes the request's (or client item's) encoder.
     * @param responseDecoders makes the response's (or server item's) decoder; null for a one-way method.
     * @param <Q>              the request encoder type.
     * @param <R>              the response decoder type.
     * @return the descriptor.
     */
    public static <Q extends MessageEncoderFlyweight, R extends MessageDecoderFlyweight> MethodDescriptor<Q, R> of(
        final String serviceName,
        final int serviceId,
        final String methodName,
        final int methodId,
        final Kind kind,
        final Delivery delivery,
        final Supplier<Q> requestEncoders,
        final Supplier<R> responseDecoders)
    {
        return new MethodDescriptor<>(
            serviceName, serviceId, methodName, methodId, kind, delivery, requestEncoders, responseDecoders);
    }

    /**
     * A dense number, unique in this process, that the client indexes its per-thread codecs by.
     *
     * @return the index.
     */
    public int index()
    {
        return index;
    }

    /**
     * The service's name.
     *
     * @return the name.
     */
    public String serviceName()
    {
        return serviceName;
    }

    /**
     * The service's id, which requests carry.
     *
     * @return the id.
     */
    public int serviceId()
    {
        return serviceId;
    }

    /**
     * The method's name.
     *
     * @return the name.
     */
    public String methodName()
    {
        return methodName;
    }

    /**
     * The method's id, unique in its service.
     *
     * @return the id.
     */
    public int methodId()
    {
        return methodId;
    }

    /**
     * {@code Service/method}, as gRPC writes a full method name.
     *
     * @return the full name.
     */
    public String fullName()
    {
        return serviceName + "/" + methodName;
    }

    /**
     * What a call looks like on the wire.
     *
     * @return the kind.
     */
    public Kind kind()
    {
        return kind;
    }

    /**
     * The guarantee the method declares.
     *
     * @return the delivery.
     */
    public Delivery delivery()
    {
        return delivery;
    }

    /**
     * A new encoder for the request (or a client item).
     *
     * @return a new encoder, not yet wrapped.
     */
    public Q newRequestEncoder()
    {
        return requestEncoders.get();
    }

    /**
     * A new decoder for the response (or a server item).
     *
     * @return a new decoder, not yet wrapped.
     * @throws IllegalStateException for a one-way method, which has no response.
     */
    public R newResponseDecoder()
    {
        if (null == responseDecoders)
        {
            throw new IllegalStateException(fullName() + " is one-way: it has no response");
        }
        return responseDecoders.get();
    }

    /**
     * Checks that the method is of a kind.
     *
     * @param expected the kind the caller needs.
     * @return this.
     * @throws IllegalArgumentException when it is of another kind.
     */
    public MethodDescriptor<Q, R> requireKind(final Kind expected)
    {
        if (expected != kind)
        {
            throw new IllegalArgumentException(fullName() + " is " + kind + ", not " + expected);
        }
        return this;
    }

    @Override
    public String toString()
    {
        return fullName() + " (" + kind + ", " + delivery + ")";
    }
}
