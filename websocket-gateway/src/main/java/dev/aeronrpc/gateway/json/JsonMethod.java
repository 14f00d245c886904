package dev.aeronrpc.gateway.json;

import dev.aeronrpc.codegen.model.MethodKind;
import dev.aeronrpc.core.Delivery;
import dev.aeronrpc.core.MethodDescriptor;
import dev.aeronrpc.core.RawMessageDecoder;
import dev.aeronrpc.core.RawMessageEncoder;

/**
 * One method of a service as a caller without generated code sees it: where to send it, how it answers, the
 * message types of its request and response, and the runtime's descriptor that calls it with schema-described
 * bytes.
 *
 * @param service     the service's name.
 * @param serviceId   the service's id on the wire.
 * @param method      the method's name.
 * @param methodId    the method's id on the wire.
 * @param kind        unary, a stream, or one-way.
 * @param delivery    the guarantee the method declares.
 * @param request     the request's type.
 * @param response    the response's (or each item's) type; null for a one-way method.
 * @param description what the schema says the method does.
 * @param rpcMethod   the descriptor calls go through, its codecs untyped flyweights of the two message types.
 */
public record JsonMethod(
    String service,
    int serviceId,
    String method,
    int methodId,
    MethodKind kind,
    Delivery delivery,
    MessageType request,
    MessageType response,
    String description,
    MethodDescriptor<RawMessageEncoder, RawMessageDecoder> rpcMethod)
{
    /**
     * Describes a method, making its runtime descriptor.
     *
     * @param service     the service's name.
     * @param serviceId   the service's id.
     * @param method      the method's name.
     * @param methodId    the method's id.
     * @param kind        its kind.
     * @param delivery    its declared guarantee.
     * @param request     the request's type.
     * @param response    the response's type, or null.
     * @param description what it does.
     * @return the method.
     */
    public static JsonMethod of(
        final String service,
        final int serviceId,
        final String method,
        final int methodId,
        final MethodKind kind,
        final Delivery delivery,
        final MessageType request,
        final MessageType response,
        final String description)
    {
        final MethodDescriptor<RawMessageEncoder, RawMessageDecoder> rpcMethod = MethodDescriptor.of(
            service, serviceId, method, methodId, MethodDescriptor.Kind.valueOf(kind.name()), delivery,
            request::newEncoder, null == response ? null : response::newDecoder);
        return new JsonMethod(
            service, serviceId, method, methodId, kind, delivery, request, response, description, rpcMethod);
    }

    /**
     * The name callers use: {@code Service/method}.
     *
     * @return the full name.
     */
    public String fullName()
    {
        return service + "/" + method;
    }
}
