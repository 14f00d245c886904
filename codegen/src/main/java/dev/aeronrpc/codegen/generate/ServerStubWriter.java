package dev.aeronrpc.codegen.generate;

import dev.aeronrpc.codegen.model.JavaNames;
import dev.aeronrpc.codegen.model.MethodDefinition;
import dev.aeronrpc.codegen.model.ServiceDefinition;
import dev.aeronrpc.codegen.model.ServiceSchema;

import java.util.List;

/**
 * Writes the server stub of a service: the runtime's {@code ServiceStub} for it, which decodes a request, calls the
 * implementation and hands back the encoder it filled. It keeps its codecs per thread, since a server running its
 * services on an executor calls it from several threads at once.
 */
final class ServerStubWriter
{
    private ServerStubWriter()
    {
    }

    static String write(final ServiceSchema schema, final ServiceDefinition service)
    {
        final String serviceName = service.name();
        final String className = JavaNames.stubName(serviceName);
        final boolean hasMethods = !service.methods().isEmpty();
        final JavaSourceWriter out = ServiceSource.begin(schema);

        out.javadoc(Javadoc.of("Server stub for {@link " + serviceName + "}: decodes requests and dispatches them " +
            "to the implementation. Register it with {@code dev.aeronrpc.server.RpcServer.Context#addService}.")
            .paragraph("Thread-safe: it keeps its codecs per thread."));
        out.line("public final class " + className + " implements " + ServiceSource.SERVICE_STUB).open();

        out.line("private final " + serviceName + " service;");
        if (hasMethods)
        {
            out.line("private final ThreadLocal<Codecs> codecs = ThreadLocal.withInitial(Codecs::new);");
        }

        out.blank()
            .javadoc(Javadoc.of("A stub serving an implementation.")
                .param("service", "the implementation to call."))
            .line("public " + className + "(final " + serviceName + " service)")
            .open()
            .line("this.service = " + ServiceSource.OBJECTS + ".requireNonNull(service, \"service\");")
            .close();

        writeGetter(out, "int serviceId()", serviceName + ".SERVICE_ID");
        writeGetter(out, "String serviceName()", serviceName + ".SERVICE_NAME");
        writeMethod(out, service);
        writeMethods(out, service);
        writeInvoke(out, service);

        if (hasMethods)
        {
            out.blank().line("private static final class Codecs").open();
            for (final MethodDefinition method : service.methods())
            {
                if (method.clientSendsStream())
                {
                    continue;
                }
                final String decoder = JavaNames.decoderName(method.requestMessage());
                out.line("private final " + decoder + " " + method.name() + "Request = new " + decoder + "();");
                if (!method.oneWay() && !method.serverStream())
                {
                    final String encoder = JavaNames.encoderName(method.responseMessage());
                    out.line("private final " + encoder + " " + method.name() + "Response = new " + encoder + "();");
                }
            }
            out.close();
        }

        out.close();
        return out.toString();
    }

    private static void writeGetter(final JavaSourceWriter out, final String signature, final String value)
    {
        out.blank()
            .javadoc(Javadoc.inheritDoc())
            .line("@Override")
            .line("public " + signature)
            .open()
            .line("return " + value + ";")
            .close();
    }

    private static void writeMethod(final JavaSourceWriter out, final ServiceDefinition service)
    {
        out.blank()
            .javadoc(Javadoc.inheritDoc())
            .line("@Override")
            .line("public " + ServiceSource.METHOD_DESCRIPTOR + "<?, ?> method(final int methodId)")
            .open();
        if (service.methods().isEmpty())
        {
            out.line("return null;").close();
            return;
        }

        out.line("switch (methodId)").open();
        for (final MethodDefinition method : service.methods())
        {
            out.line("case " + service.name() + "." + JavaNames.methodIdConstant(method.name()) + ":")
                .indent()
                .line("return " + service.name() + "." + JavaNames.descriptorConstant(method.name()) + ";")
                .outdent()
                .blank();
        }
        out.line("default:")
            .indent()
            .line("return null;")
            .outdent()
            .close()
            .close();
    }

    private static void writeMethods(final JavaSourceWriter out, final ServiceDefinition service)
    {
        final List<String> descriptors = new java.util.ArrayList<>();
        for (final MethodDefinition method : service.methods())
        {
            descriptors.add(service.name() + "." + JavaNames.descriptorConstant(method.name()));
        }
        out.blank()
            .javadoc(Javadoc.inheritDoc())
            .line("@Override")
            .line("public java.util.List<" + ServiceSource.METHOD_DESCRIPTOR + "<?, ?>> methods()")
            .open()
            .call("return java.util.List.of", descriptors, ";")
            .close();
    }

    private static void writeInvoke(final JavaSourceWriter out, final ServiceDefinition service)
    {
        out.blank()
            .javadoc(Javadoc.inheritDoc())
            .line("@Override")
            .declaration("public boolean invoke",
                List.of("final int methodId", "final " + ServiceSource.SERVER_CALL + " call"), " throws Exception")
            .open();
        if (service.methods().isEmpty())
        {
            out.line("return false;").close();
            return;
        }

        out.line("final Codecs c = codecs.get();")
            .line("switch (methodId)")
            .open();
        for (final MethodDefinition method : service.methods())
        {
            final String name = method.name();
            out.line("case " + service.name() + "." + JavaNames.methodIdConstant(name) + ":")
                .indent()
                .call("service." + name, method.clientSendsStream() ?
                    List.of("call.clientStream(new " + JavaNames.decoderName(method.requestMessage()) + "())",
                        method.clientStream() ?
                            "call.responder(new " + JavaNames.encoderName(method.responseMessage()) + "())" :
                            "call.serverStream(new " + JavaNames.encoderName(method.responseMessage()) + "())") :
                    method.oneWay() ?
                    List.of("call.request(c." + name + "Request)") :
                    List.of("call.request(c." + name + "Request)", method.serverStream() ?
                        "call.serverStream(new " + JavaNames.encoderName(method.responseMessage()) + "())" :
                        "call.response(c." + name + "Response)"), ";")
                .line("return true;")
                .outdent()
                .blank();
        }
        out.line("default:")
            .indent()
            .line("return false;")
            .outdent()
            .close()
            .close();
    }
}
