package dev.aeronrpc.codegen.generate;

import dev.aeronrpc.codegen.model.JavaNames;
import dev.aeronrpc.codegen.model.MethodDefinition;
import dev.aeronrpc.codegen.model.ServiceDefinition;
import dev.aeronrpc.codegen.model.ServiceSchema;

import java.util.List;

/**
 * Writes the typed client proxy of a service: a view of a client with call options (a
 * {@code dev.aeronrpc.client.ServiceClient}), and per method a request factory and one blocking and one
 * asynchronous form, each a one-line call into the client with the method's descriptor and the view's options.
 * <p>
 * The proxy keeps no state of its own beyond the client and the options: the client keeps each thread's buffers and
 * codecs, so a proxy made per call costs two small objects, and a proxy kept costs nothing per call.
 */
final class ClientProxyWriter
{
    private ClientProxyWriter()
    {
    }

    static String write(final ServiceSchema schema, final ServiceDefinition service)
    {
        final String serviceName = service.name();
        final String className = JavaNames.clientName(serviceName);
        final JavaSourceWriter out = ServiceSource.begin(schema);

        out.javadoc(Javadoc.of("Client proxy for {@link " + serviceName + "}: " + ServiceSource.describe(service))
            .paragraph("A view of a client with call options, as gRPC's stubs are: {@code withTimeout}, " +
                "{@code withDeadline}, {@code withDelivery}, {@code withExecutor} and {@code withWindow} each " +
                "return another view. Views are immutable and thread-safe; make the ones you need once and reuse " +
                "them.")
            .paragraph("Each method has a blocking form and an asynchronous one. A request is built on the " +
                "calling thread, in place ({@code fooRequest()}), and sent by that thread's next call; a decoder " +
                "a blocking call returns stays valid until the same thread's next call through the client."));
        out.line("public final class " + className + " extends " + ServiceSource.SERVICE_CLIENT + "<" + className +
            ">").open();

        out.javadoc(Javadoc.of("A proxy calling " + serviceName + " through a client, with default options.")
                .param("client", "the client to call through."))
            .line("public " + className + "(final " + ServiceSource.RPC_CLIENT + " client)")
            .open()
            .line("this(client, " + ServiceSource.CALL_OPTIONS + ".DEFAULT);")
            .close()
            .blank()
            .declaration("private " + className, List.of(
                "final " + ServiceSource.RPC_CLIENT + " client", "final " + ServiceSource.CALL_OPTIONS + " options"), "")
            .open()
            .line("super(client, options);")
            .close()
            .blank()
            .line("/** {@inheritDoc} */")
            .line("@Override")
            .declaration("protected " + className + " build", List.of(
                "final " + ServiceSource.RPC_CLIENT + " client", "final " + ServiceSource.CALL_OPTIONS + " options"), "")
            .open()
            .line("return new " + className + "(client, options);")
            .close();

        for (final MethodDefinition method : service.methods())
        {
            final String descriptor = serviceName + "." + JavaNames.descriptorConstant(method.name());
            if (method.clientStream())
            {
                writeClientStream(out, descriptor, method);
            }
            else if (method.bidiStream())
            {
                writeBidiStream(out, descriptor, method);
            }
            else
            {
                writeRequestFactory(out, descriptor, method);
                if (method.oneWay())
                {
                    writeOneWay(out, descriptor, method);
                }
                else if (method.serverStream())
                {
                    writeServerStream(out, descriptor, method);
                }
                else
                {
                    writeUnary(out, descriptor, method);
                }
            }
        }

        out.close();
        return out.toString();
    }

    private static void writeRequestFactory(
        final JavaSourceWriter out, final String descriptor, final MethodDefinition method)
    {
        final String name = method.name();
        out.blank()
            .javadoc(Javadoc.of("The request of {@link #" + name + "}: fill it, then pass it to this thread's next " +
                "call, {@code " + name + "}" + (method.oneWay() ? "" : " or {@code " + name + "Async}") + ".")
                .returns("this thread's encoder, wrapped over its send buffer so that the request is sent without " +
                    "a copy."))
            .line("public " + JavaNames.encoderName(method.requestMessage()) + " " + name + "Request()")
            .open()
            .line("return client.request(" + descriptor + ");")
            .close();
    }

    private static void writeUnary(final JavaSourceWriter out, final String descriptor, final MethodDefinition method)
    {
        final String name = method.name();
        final String call = "Calls {@code " + name + "}.";
        final String request = "final " + JavaNames.encoderName(method.requestMessage()) + " request";
        final String response = JavaNames.decoderName(method.responseMessage());
        final String requestDoc = "the request, built with {@link #" + name + "Request()}.";

        out.blank()
            .javadoc(Javadoc.of(ServiceSource.describe(method, call))
                .paragraph("Blocks until the answer comes or the deadline passes (the view's, else the client's " +
                    "call timeout). Delivery: " + method.delivery().xmlName() + ".")
                .param("request", requestDoc)
                .returns("the response, valid until this thread's next call through the client.")
                .throwsTag(ServiceSource.RPC_EXCEPTION, "when the call fails, with its status: DEADLINE_EXCEEDED " +
                    "when no answer comes in time."))
            .declaration("public " + response + " " + name, List.of(request), "")
            .open()
            .line("return client.call(" + descriptor + ", request, options);")
            .close();

        out.blank()
            .javadoc(Javadoc.of(ServiceSource.describe(method, call))
                .paragraph("Returns at once; the listener hears the outcome, once, on the client's thread or the " +
                    "view's executor. Delivery: " + method.delivery().xmlName() + ".")
                .param("request", requestDoc)
                .param("listener", "hears the outcome; the response it gets is valid only during the callback."))
            .declaration("public void " + name + "Async", List.of(request,
                "final " + ServiceSource.RESPONSE_LISTENER + "<" + response + "> listener"), "")
            .open()
            .line("client.callAsync(" + descriptor + ", request, listener, options);")
            .close();
    }

    private static void writeServerStream(
        final JavaSourceWriter out, final String descriptor, final MethodDefinition method)
    {
        final String name = method.name();
        final String request = "final " + JavaNames.encoderName(method.requestMessage()) + " request";
        final String decoder = JavaNames.decoderName(method.responseMessage());
        final String stream = ServiceSource.CLIENT_STREAM + "<" + decoder + ">";
        final String requestDoc = "the request, built with {@link #" + name + "Request()}.";
        final String call = "Opens a {@code " + name + "} stream.";

        out.blank()
            .javadoc(Javadoc.of(ServiceSource.describe(method, call))
                .paragraph("Read it as an iterator; it grants the producer the view's window of items ahead (64 " +
                    "by default) and has no deadline unless the view sets one: cancel or close it to stop an " +
                    "infinite stream.")
                .param("request", requestDoc)
                .returns("the stream; each item is valid until the next."))
            .declaration("public " + stream + " " + name, List.of(request), "")
            .open()
            .line("return client.serverStream(" + descriptor + ", request, null, options);")
            .close();

        out.blank()
            .javadoc(Javadoc.of(ServiceSource.describe(method, call))
                .paragraph("Items go to the observer on the client's thread or the view's executor; it gets the " +
                    "view's window of items, then asks for more with {@code request(n)} on the returned stream.")
                .param("request", requestDoc)
                .param("observer", "receives the items, then the end.")
                .returns("the stream, to ask for more items or cancel."))
            .declaration("public " + stream + " " + name + "Async", List.of(request,
                "final " + ServiceSource.STREAM_OBSERVER + "<" + decoder + "> observer"), "")
            .open()
            .line("return client.serverStream(" + descriptor + ", request, observer, options);")
            .close();
    }

    private static void writeClientStream(
        final JavaSourceWriter out, final String descriptor, final MethodDefinition method)
    {
        final String name = method.name();
        final String encoder = JavaNames.encoderName(method.requestMessage());
        final String decoder = JavaNames.decoderName(method.responseMessage());
        final String call = ServiceSource.CLIENT_STREAM_CALL + "<" + encoder + ", " + decoder + ">";
        final String opens = "Opens a {@code " + name + "} stream.";

        out.blank()
            .javadoc(Javadoc.of(ServiceSource.describe(method, opens))
                .paragraph("Send items with {@code item()} and {@code send()}, then {@code complete()} waits for " +
                    "the answer; the view's deadline, else the client's call timeout, bounds the whole call.")
                .returns("the call."))
            .line("public " + call + " " + name + "()")
            .open()
            .line("return client.clientStream(" + descriptor + ", null, options);")
            .close();

        out.blank()
            .javadoc(Javadoc.of(ServiceSource.describe(method, opens))
                .paragraph("Send items with {@code item()} and {@code trySend()} within the credit " +
                    "{@code onReady} announces, then {@code completeSending()}; the listener hears the answer on " +
                    "the client's thread or the view's executor.")
                .param("listener", "hears the answer, once.")
                .returns("the call."))
            .declaration("public " + call + " " + name + "Async", List.of(
                "final " + ServiceSource.RESPONSE_LISTENER + "<" + decoder + "> listener"), "")
            .open()
            .line("return client.clientStream(" + descriptor + ", listener, options);")
            .close();
    }

    private static void writeBidiStream(
        final JavaSourceWriter out, final String descriptor, final MethodDefinition method)
    {
        final String name = method.name();
        final String encoder = JavaNames.encoderName(method.requestMessage());
        final String decoder = JavaNames.decoderName(method.responseMessage());
        final String stream = ServiceSource.BIDI_STREAM + "<" + encoder + ", " + decoder + ">";
        final String opens = "Opens a {@code " + name + "} stream.";

        out.blank()
            .javadoc(Javadoc.of(ServiceSource.describe(method, opens))
                .paragraph("Send items with {@code item()} and {@code send()}, read the server's with the " +
                    "iterator; no deadline unless the view sets one, and the view's window (64 by default).")
                .returns("the stream."))
            .line("public " + stream + " " + name + "()")
            .open()
            .line("return client.bidiStream(" + descriptor + ", null, options);")
            .close();

        out.blank()
            .javadoc(Javadoc.of(ServiceSource.describe(method, opens))
                .paragraph("Send items with {@code item()} and {@code send()} or {@code trySend()}; the server's " +
                    "go to the observer on the client's thread or the view's executor, which asks for more with " +
                    "{@code request(n)}.")
                .param("observer", "receives the server's items, then the end.")
                .returns("the stream."))
            .declaration("public " + stream + " " + name + "Async", List.of(
                "final " + ServiceSource.STREAM_OBSERVER + "<" + decoder + "> observer"), "")
            .open()
            .line("return client.bidiStream(" + descriptor + ", observer, options);")
            .close();
    }

    private static void writeOneWay(final JavaSourceWriter out, final String descriptor, final MethodDefinition method)
    {
        final String name = method.name();
        out.blank()
            .javadoc(Javadoc.of(ServiceSource.describe(method, "Sends a {@code " + name + "} message."))
                .paragraph("One-way: returns once the message is handed to Aeron, or it could not be, and waits " +
                    "for nothing. A message handed over reaches the server if the connection lives; nothing says " +
                    "whether it was handled. One not handed over (no connection, back pressure past the send " +
                    "timeout, too large) is counted as dropped in the client's counters.")
                .param("request", "the message, built with {@link #" + name + "Request()}.")
                .returns("true when the message was handed to Aeron, false when it was dropped."))
            .declaration("public boolean " + name,
                List.of("final " + JavaNames.encoderName(method.requestMessage()) + " request"), "")
            .open()
            .line("return client.send(" + descriptor + ", request);")
            .close();
    }
}
