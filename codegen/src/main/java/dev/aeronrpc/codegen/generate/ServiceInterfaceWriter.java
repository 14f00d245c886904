package dev.aeronrpc.codegen.generate;

import dev.aeronrpc.codegen.model.JavaNames;
import dev.aeronrpc.codegen.model.MethodDefinition;
import dev.aeronrpc.codegen.model.ServiceDefinition;
import dev.aeronrpc.codegen.model.ServiceSchema;

import java.util.List;

/**
 * Writes the interface a service's implementation implements: its ids as constants and one default method per
 * {@code rpc:method}, which answers UNIMPLEMENTED until overridden.
 */
final class ServiceInterfaceWriter
{
    private ServiceInterfaceWriter()
    {
    }

    static String write(final ServiceSchema schema, final ServiceDefinition service)
    {
        final String name = service.name();
        final JavaSourceWriter out = ServiceSource.begin(schema);

        out.javadoc(Javadoc.of(ServiceSource.describe(service))
            .paragraph("Implement the methods a server offers and serve them with a {@link " +
                JavaNames.stubName(name) + "}; a method left out answers UNIMPLEMENTED. Clients call them " +
                "through a {@link " + JavaNames.clientName(name) + "}. The server may call an implementation " +
                "from several threads at once."));
        out.line("public interface " + name).open();

        out.javadoc(Javadoc.of("The service id requests carry."))
            .line("int SERVICE_ID = " + service.id() + ";")
            .blank()
            .javadoc(Javadoc.of("The service name."))
            .line("String SERVICE_NAME = " + ServiceSource.quote(name) + ";");

        for (final MethodDefinition method : service.methods())
        {
            out.blank()
                .javadoc(Javadoc.of("The method id of {@link #" + method.name() + "}."))
                .line("int " + JavaNames.methodIdConstant(method.name()) + " = " + method.id() + ";")
                .blank()
                .javadoc(Javadoc.of("The delivery guarantee {@link #" + method.name() + "} declares."))
                .line(ServiceSource.DELIVERY + " " + JavaNames.deliveryConstant(method.name()) + " = " +
                    ServiceSource.DELIVERY + "." + method.delivery().name() + ";");
        }

        for (final MethodDefinition method : service.methods())
        {
            writeDescriptor(out, method);
        }

        for (final MethodDefinition method : service.methods())
        {
            out.blank();
            writeMethod(out, name, method);
        }

        out.close();
        return out.toString();
    }

    private static void writeDescriptor(final JavaSourceWriter out, final MethodDefinition method)
    {
        final String name = method.name();
        final String encoder = JavaNames.encoderName(method.requestMessage());
        final String decoder = method.oneWay() ?
            ServiceSource.DECODER_FLYWEIGHT : JavaNames.decoderName(method.responseMessage());
        out.blank()
            .javadoc(Javadoc.of("The descriptor of {@link #" + name + "}: its names, ids, kind, guarantee and " +
                "codecs, as clients and tools use them."))
            .line(ServiceSource.METHOD_DESCRIPTOR + "<" + encoder + ", " + decoder + "> " +
                JavaNames.descriptorConstant(name) + " =")
            .indent()
            .call(ServiceSource.METHOD_DESCRIPTOR + ".of", List.of(
                "SERVICE_NAME",
                "SERVICE_ID",
                ServiceSource.quote(name),
                JavaNames.methodIdConstant(name),
                ServiceSource.METHOD_DESCRIPTOR + ".Kind." + kindConstant(method),
                JavaNames.deliveryConstant(name),
                encoder + "::new",
                method.oneWay() ? "null" : decoder + "::new"), ";")
            .outdent();
    }

    private static String kindConstant(final MethodDefinition method)
    {
        if (method.oneWay())
        {
            return "ONE_WAY";
        }
        if (method.bidiStream())
        {
            return "BIDI_STREAM";
        }
        if (method.clientStream())
        {
            return "CLIENT_STREAM";
        }
        return method.serverStream() ? "SERVER_STREAM" : "UNARY";
    }

    private static void writeMethod(final JavaSourceWriter out, final String service, final MethodDefinition method)
    {
        if (method.oneWay())
        {
            writeOneWayMethod(out, service, method);
            return;
        }
        if (method.clientSendsStream())
        {
            writeClientStreamingMethod(out, service, method);
            return;
        }

        out.javadoc(Javadoc.of(ServiceSource.describe(method, "Serves a {@code " + method.name() + "} call."))
            .paragraph(ServiceSource.kindAndDelivery(method))
            .param("request", "the request, valid only during this call.")
            .param(method.serverStream() ? "stream" : "response", method.serverStream() ?
                "where the items go: keep it, send items within its credit from any thread, then complete it " +
                "(or keep going until it is cancelled)." :
                "the response to fill; sent when this method returns.")
            .throwsTag("Exception", "to fail the call: a {@link " + ServiceSource.RPC_EXCEPTION +
                "} sends its status, anything else UNKNOWN."));

        out.declaration("default void " + method.name(), List.of(
            "final " + JavaNames.decoderName(method.requestMessage()) + " request",
            method.serverStream() ?
                "final " + ServiceSource.STREAM_SINK + "<" + JavaNames.encoderName(method.responseMessage()) +
                "> stream" :
                "final " + JavaNames.encoderName(method.responseMessage()) + " response"),
            " throws Exception");
        writeUnimplementedBody(out, service, method);
    }

    private static void writeOneWayMethod(
        final JavaSourceWriter out, final String service, final MethodDefinition method)
    {
        out.javadoc(Javadoc.of(ServiceSource.describe(method, "Receives a {@code " + method.name() + "} message."))
            .paragraph(ServiceSource.kindAndDelivery(method) + " Nothing is sent back: an exception thrown here " +
                "is counted and reported to the server's error handler, not to the sender.")
            .param("request", "the message, valid only during this call.")
            .throwsTag("Exception", "when the message cannot be handled."));

        out.declaration("default void " + method.name(), List.of(
            "final " + JavaNames.decoderName(method.requestMessage()) + " request"),
            " throws Exception");
        writeUnimplementedBody(out, service, method);
    }

    private static void writeClientStreamingMethod(
        final JavaSourceWriter out, final String service, final MethodDefinition method)
    {
        final String in = ServiceSource.INBOUND_STREAM + "<" + JavaNames.decoderName(method.requestMessage()) + ">";
        final String reply = method.clientStream() ?
            ServiceSource.RESPONDER + "<" + JavaNames.encoderName(method.responseMessage()) + ">" :
            ServiceSource.STREAM_SINK + "<" + JavaNames.encoderName(method.responseMessage()) + ">";
        out.javadoc(Javadoc.of(ServiceSource.describe(method, "Serves a {@code " + method.name() + "} stream."))
            .paragraph(ServiceSource.kindAndDelivery(method))
            .param("items", "the client's items: subscribe an observer before returning.")
            .param(method.clientStream() ? "responder" : "stream", method.clientStream() ?
                "the single answer: send it when ready, usually once the items completed." :
                "where the server's items go: send within its credit, from any thread, then complete it.")
            .throwsTag("Exception", "to fail the call: a {@link " + ServiceSource.RPC_EXCEPTION +
                "} sends its status, anything else UNKNOWN."));

        out.declaration("default void " + method.name(), List.of(
            "final " + in + " items",
            "final " + reply + (method.clientStream() ? " responder" : " stream")),
            " throws Exception");
        writeUnimplementedBody(out, service, method);
    }

    private static void writeUnimplementedBody(
        final JavaSourceWriter out, final String service, final MethodDefinition method)
    {
        out.open()
            .call("throw new " + ServiceSource.RPC_EXCEPTION, List.of(
                ServiceSource.STATUS + ".UNIMPLEMENTED",
                ServiceSource.quote(service + "." + method.name() + " is not implemented")),
                ";")
            .close();
    }
}
