package dev.aeronrpc.gateway.json;

import dev.aeronrpc.codegen.model.MethodKind;
import dev.aeronrpc.core.Delivery;

/**
 * One method of a service as a caller without generated code sees it: where to send it, how it answers, and the
 * message types of its request and response.
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
 */
public record MethodDescriptor(
    String service,
    int serviceId,
    String method,
    int methodId,
    MethodKind kind,
    Delivery delivery,
    MessageType request,
    MessageType response,
    String description)
{
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
