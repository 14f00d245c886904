package dev.aeronrpc.server;

import dev.aeronrpc.core.Delivery;
import dev.aeronrpc.core.MethodDescriptor;

import java.util.List;

/**
 * The server side of one service: decodes a request, runs the implementation and encodes its answer.
 * <p>
 * The code generator writes one per {@code rpc:service} (for a service {@code Foo}, a class {@code FooStub} that
 * wraps the user's {@code Foo} implementation); register it with {@link RpcServer.Context#addService}.
 * <p>
 * Threading: {@link #invoke(int, ServerCall)} may be called from several threads at once when the service runs on
 * an executor, so a stub keeps its codecs per thread.
 */
public interface ServiceStub
{
    /**
     * The {@code id} of the {@code rpc:service}.
     *
     * @return the service id carried by requests.
     */
    int serviceId();

    /**
     * The {@code name} of the {@code rpc:service}.
     *
     * @return the service name, for messages and logs.
     */
    String serviceName();

    /**
     * The descriptor of a method of this service: its name, kind and declared guarantee.
     *
     * @param methodId the {@code id} of an {@code rpc:method}.
     * @return the descriptor, or null when the service has no such method.
     */
    MethodDescriptor<?, ?> method(int methodId);

    /**
     * Every method of this service, in the schema's order.
     *
     * @return the descriptors.
     */
    List<MethodDescriptor<?, ?>> methods();

    /**
     * The name of a method of this service.
     *
     * @param methodId the {@code id} of an {@code rpc:method}.
     * @return the method's name, or null when the service has no such method.
     */
    default String methodName(final int methodId)
    {
        final MethodDescriptor<?, ?> method = method(methodId);
        return null == method ? null : method.methodName();
    }

    /**
     * The delivery guarantee a method declares; the server keeps the outcomes of exactly-once methods.
     *
     * @param methodId the {@code id} of an {@code rpc:method}.
     * @return the declared guarantee, AT_MOST_ONCE for an unknown method.
     */
    default Delivery delivery(final int methodId)
    {
        final MethodDescriptor<?, ?> method = method(methodId);
        return null == method ? Delivery.AT_MOST_ONCE : method.delivery();
    }

    /**
     * Runs one call: {@link ServerCall#request} decodes the request, the implementation fills the encoder that
     * {@link ServerCall#response} wraps, and the server sends it when this returns.
     *
     * @param methodId the {@code id} of the {@code rpc:method}.
     * @param call     the call being served.
     * @return false when the service has no such method (the server then answers UNIMPLEMENTED).
     * @throws Exception whatever the implementation throws; the server turns it into an error status.
     */
    boolean invoke(int methodId, ServerCall call) throws Exception;
}
