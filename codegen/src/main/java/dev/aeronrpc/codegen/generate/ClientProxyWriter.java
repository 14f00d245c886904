package dev.aeronrpc.codegen.generate;

import dev.aeronrpc.codegen.model.JavaNames;
import dev.aeronrpc.codegen.model.MethodDefinition;
import dev.aeronrpc.codegen.model.MethodKind;
import dev.aeronrpc.codegen.model.ServiceDefinition;
import dev.aeronrpc.codegen.model.ServiceSchema;

import java.util.List;

/**
 * Writes the typed client proxy of a service: per method, a request factory, a blocking call and an asynchronous
 * call, each with and without a timeout of its own.
 * <p>
 * The proxy keeps one {@code CallSlot} and set of codecs per calling thread, so that calls from several threads
 * need no lock and allocate nothing once warm.
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
        final boolean hasMethods = !service.methods().isEmpty();

        out.javadoc(Javadoc.of("Client proxy for {@link " + serviceName + "}: " + ServiceSource.describe(service))
            .paragraph("Thread-safe: each calling thread builds its requests in buffers of its own; a decoder " +
                "returned by a blocking call stays valid until the same thread's next call through this proxy. A " +
                "thread builds one request at a time: the next request it builds through this proxy reuses the " +
                "buffer."));
        out.line("public final class " + className).open();

        out.line("private final " + ServiceSource.RPC_CLIENT + " client;");
        if (hasMethods)
        {
            out.line("private final ThreadLocal<Codecs> codecs = ThreadLocal.withInitial(Codecs::new);")
                .blank()
                .line("// Whichever thread polls the client decodes asynchronous answers, one at a time: one " +
                    "decoder a method.");
            for (final MethodDefinition method : service.methods())
            {
                if (MethodKind.UNARY == method.kind())
                {
                    final String decoder = JavaNames.decoderName(method.responseMessage());
                    out.line("private final " + decoder + " " + method.name() + "AsyncResponse = new " + decoder +
                        "();");
                }
            }
        }

        out.blank()
            .javadoc(Javadoc.of("A proxy calling " + serviceName + " through a client.")
                .param("client", "the client to call through."))
            .line("public " + className + "(final " + ServiceSource.RPC_CLIENT + " client)")
            .open()
            .line("this.client = " + ServiceSource.OBJECTS + ".requireNonNull(client, \"client\");")
            .close();

        for (final MethodDefinition method : service.methods())
        {
            if (method.clientSendsStream())
            {
                writeClientStreamingCalls(out, serviceName, method);
                continue;
            }
            writeRequestFactory(out, method);
            if (method.oneWay())
            {
                writeOneWaySend(out, serviceName, method);
            }
            else if (method.serverStream())
            {
                writeStreamCalls(out, serviceName, method);
            }
            else
            {
                writeBlockingCalls(out, serviceName, method);
                writeAsyncCalls(out, serviceName, method);
            }
        }

        if (hasMethods)
        {
            writeCodecs(out, service);
        }
        out.close();
        return out.toString();
    }

    private static void writeRequestFactory(final JavaSourceWriter out, final MethodDefinition method)
    {
        final String name = method.name();
        out.blank()
            .javadoc(Javadoc.of("The request of {@link #" + name + "}: fill it, then pass it to {@code " + name +
                (method.oneWay() ? "}" : "} or {@code " + name + "Async}") + " on the same thread.")
                .returns("the request's encoder, wrapped over this thread's send buffer so that the request is " +
                    "sent without a copy."))
            .line("public " + JavaNames.encoderName(method.requestMessage()) + " " + name + "Request()")
            .open()
            .line("final Codecs c = codecs.get();")
            .line("return c.slot.wrapRequest(c." + name + "Request);")
            .close();
    }

    private static void writeStreamCalls(
        final JavaSourceWriter out, final String service, final MethodDefinition method)
    {
        final String name = method.name();
        final String request = "final " + JavaNames.encoderName(method.requestMessage()) + " request";
        final String decoder = JavaNames.decoderName(method.responseMessage());
        final String stream = ServiceSource.CLIENT_STREAM + "<" + decoder + ">";
        final String observer = "final " + ServiceSource.STREAM_OBSERVER + "<" + decoder + "> observer";
        final String requestDoc = "the request, best built with {@link #" + name + "Request()}.";
        final String call = "Opens a {@code " + name + "} stream.";

        out.blank()
            .javadoc(Javadoc.of(ServiceSource.describe(method, call))
                .paragraph("Read it as an iterator on this thread; it grants the producer " +
                    "{@value dev.aeronrpc.client.CallSlot#DEFAULT_WINDOW} items ahead and has no deadline: cancel or " +
                    "close it to stop an infinite stream.")
                .param("request", requestDoc)
                .returns("the stream; each item is valid until the next."))
            .declaration("public " + stream + " " + name, List.of(request), "")
            .open()
            .line("return " + name + "(request, dev.aeronrpc.client.CallSlot.DEFAULT_WINDOW, " +
                "dev.aeronrpc.client.CallSlot.NO_DEADLINE_NS);")
            .close();

        out.blank()
            .javadoc(Javadoc.of(ServiceSource.describe(method, call))
                .paragraph("Read it as an iterator on this thread.")
                .param("request", requestDoc)
                .param("window", "items the producer may send ahead of the reader.")
                .param("timeoutNs", "how long the stream may run before it ends with DEADLINE_EXCEEDED.")
                .returns("the stream; each item is valid until the next."))
            .declaration("public " + stream + " " + name,
                List.of(request, "final int window", "final long timeoutNs"), "")
            .open()
            .call("return codecs.get().slot.openStream", List.of(
                service + ".SERVICE_ID",
                service + "." + JavaNames.methodIdConstant(name),
                "request",
                "new " + decoder + "()",
                "null",
                "window",
                "timeoutNs"), ";")
            .close();

        out.blank()
            .javadoc(Javadoc.of(ServiceSource.describe(method, call))
                .paragraph("Items go to the observer on the thread polling the client; ask for more than the " +
                    "first window with {@code request(n)} on the returned stream.")
                .param("request", requestDoc)
                .param("observer", "receives the items, then the end.")
                .param("window", "items the producer may send before the observer asks for more.")
                .param("timeoutNs", "how long the stream may run before it ends with DEADLINE_EXCEEDED.")
                .returns("the stream, to ask for more items or cancel."))
            .declaration("public " + stream + " " + name + "Async",
                List.of(request, observer, "final int window", "final long timeoutNs"), "")
            .open()
            .call("return codecs.get().slot.openStream", List.of(
                service + ".SERVICE_ID",
                service + "." + JavaNames.methodIdConstant(name),
                "request",
                "new " + decoder + "()",
                "observer",
                "window",
                "timeoutNs"), ";")
            .close();
    }

    private static void writeClientStreamingCalls(
        final JavaSourceWriter out, final String service, final MethodDefinition method)
    {
        final String name = method.name();
        final String encoder = JavaNames.encoderName(method.requestMessage());
        final String decoder = JavaNames.decoderName(method.responseMessage());
        final String ids = service + ".SERVICE_ID, " + service + "." + JavaNames.methodIdConstant(name);
        if (method.clientStream())
        {
            final String call = ServiceSource.CLIENT_STREAM_CALL + "<" + encoder + ", " + decoder + ">";
            out.blank()
                .javadoc(Javadoc.of(ServiceSource.describe(method, "Opens a {@code " + name + "} stream."))
                    .paragraph("Send items with {@code item()} and {@code send()}, then {@code complete()} for the " +
                        "answer; the client's call timeout bounds the whole call.")
                    .returns("the call."))
                .line("public " + call + " " + name + "()")
                .open()
                .line("return " + name + "(client.callTimeoutNs());")
                .close();
            out.blank()
                .javadoc(Javadoc.of(ServiceSource.describe(method, "Opens a {@code " + name + "} stream."))
                    .paragraph("Send items with {@code item()} and {@code send()}, then {@code complete()} for the " +
                        "answer.")
                    .param("timeoutNs", "how long the whole call may take.")
                    .returns("the call."))
                .line("public " + call + " " + name + "(final long timeoutNs)")
                .open()
                .line("return codecs.get().slot.openClientStream(" + ids + ", new " + encoder + "(), new " + decoder +
                    "(), timeoutNs);")
                .close();
            return;
        }

        final String stream = ServiceSource.BIDI_STREAM + "<" + encoder + ", " + decoder + ">";
        out.blank()
            .javadoc(Javadoc.of(ServiceSource.describe(method, "Opens a {@code " + name + "} stream."))
                .paragraph("Send items with {@code item()} and {@code send()}, read the server's with the iterator; " +
                    "no deadline, and a window of {@value dev.aeronrpc.client.CallSlot#DEFAULT_WINDOW} items.")
                .returns("the stream."))
            .line("public " + stream + " " + name + "()")
            .open()
            .line("return " + name + "(dev.aeronrpc.client.CallSlot.DEFAULT_WINDOW, " +
                "dev.aeronrpc.client.CallSlot.NO_DEADLINE_NS);")
            .close();
        out.blank()
            .javadoc(Javadoc.of(ServiceSource.describe(method, "Opens a {@code " + name + "} stream."))
                .paragraph("Send items with {@code item()} and {@code send()}, read the server's with the iterator.")
                .param("window", "the server's items taken ahead of reading them.")
                .param("timeoutNs", "how long the stream may run.")
                .returns("the stream."))
            .line("public " + stream + " " + name + "(final int window, final long timeoutNs)")
            .open()
            .line("return codecs.get().slot.openBidiStream(" + ids + ", new " + encoder + "(), new " + decoder +
                "(), window, timeoutNs);")
            .close();
    }

    private static void writeOneWaySend(
        final JavaSourceWriter out, final String service, final MethodDefinition method)
    {
        final String name = method.name();
        out.blank()
            .javadoc(Javadoc.of(ServiceSource.describe(method, "Sends a {@code " + name + "} message."))
                .paragraph("One-way: returns once the message is handed to Aeron, or it could not be, and waits " +
                    "for nothing. A message handed over reaches the server if the connection lives; nothing says " +
                    "whether it was handled. One not handed over (no connection, back pressure past the send " +
                    "timeout, too large) is counted as dropped in the client's counters.")
                .param("request", "the message, best built with {@link #" + name + "Request()}.")
                .returns("true when the message was handed to Aeron, false when it was dropped."))
            .declaration("public boolean " + name,
                List.of("final " + JavaNames.encoderName(method.requestMessage()) + " request"), "")
            .open()
            .call("return codecs.get().slot.send", List.of(
                service + ".SERVICE_ID",
                service + "." + JavaNames.methodIdConstant(name),
                "request"), ";")
            .close();
    }

    private static void writeBlockingCalls(
        final JavaSourceWriter out, final String service, final MethodDefinition method)
    {
        final String name = method.name();
        final String call = "Calls {@code " + name + "}.";
        final String request = "final " + JavaNames.encoderName(method.requestMessage()) + " request";
        final String response = JavaNames.decoderName(method.responseMessage());
        final String requestDoc = "the request, best built with {@link #" + name + "Request()}.";
        final String returnDoc = "the response, valid until this thread's next call through this proxy.";
        final String throwsDoc = "when the call fails, with its status: DEADLINE_EXCEEDED when no answer " +
            "comes in time.";

        out.blank()
            .javadoc(Javadoc.of(ServiceSource.describe(method, call))
                .paragraph("Blocks until the answer comes or the client's call timeout passes.")
                .param("request", requestDoc)
                .returns(returnDoc)
                .throwsTag(ServiceSource.RPC_EXCEPTION, throwsDoc))
            .declaration("public " + response + " " + name, List.of(request), "")
            .open()
            .line("return " + name + "(request, client.callTimeoutNs());")
            .close();

        out.blank()
            .javadoc(Javadoc.of(ServiceSource.describe(method, call))
                .paragraph("Blocks until the answer comes or the timeout passes.")
                .param("request", requestDoc)
                .param("timeoutNs", "how long to wait for the answer, in nanoseconds.")
                .returns(returnDoc)
                .throwsTag(ServiceSource.RPC_EXCEPTION, throwsDoc))
            .declaration("public " + response + " " + name, List.of(request, "final long timeoutNs"), "")
            .open()
            .line("return " + name + "(request, timeoutNs, " + service + "." + JavaNames.deliveryConstant(name) + ");")
            .close();

        out.blank()
            .javadoc(Javadoc.of(ServiceSource.describe(method, call))
                .paragraph("Blocks until the answer comes or the timeout passes. The delivery may only be the " +
                    "declared one (" + method.delivery().xmlName() + ") or AT_MOST_ONCE: a caller may give up " +
                    "retries, never add them to a method that did not declare them.")
                .param("request", requestDoc)
                .param("timeoutNs", "how long to wait for the answer, in nanoseconds.")
                .param("delivery", "the guarantee for this call.")
                .returns(returnDoc)
                .throwsTag(ServiceSource.RPC_EXCEPTION, throwsDoc))
            .declaration("public " + response + " " + name,
                List.of(request, "final long timeoutNs", "final " + ServiceSource.DELIVERY + " delivery"), "")
            .open()
            .line("final Codecs c = codecs.get();")
            .call("return c.slot.call", List.of(
                service + ".SERVICE_ID",
                service + "." + JavaNames.methodIdConstant(name),
                service + "." + JavaNames.deliveryConstant(name) + ".override(delivery)",
                "request",
                "c." + name + "Response",
                "timeoutNs"), ";")
            .close();
    }

    private static void writeAsyncCalls(
        final JavaSourceWriter out, final String service, final MethodDefinition method)
    {
        final String name = method.name();
        final String call = "Calls {@code " + name + "}.";
        final String request = "final " + JavaNames.encoderName(method.requestMessage()) + " request";
        final String listener = "final " + ServiceSource.RESPONSE_LISTENER + "<" +
            JavaNames.decoderName(method.responseMessage()) + "> listener";
        final String requestDoc = "the request, best built with {@link #" + name + "Request()}.";
        final String listenerDoc = "hears the outcome, once, on the thread polling the client; the response " +
            "it gets is valid only during the callback.";
        final String sendDoc = "Returns at once. A call that cannot be sent is reported to the listener before " +
            "this returns.";

        out.blank()
            .javadoc(Javadoc.of(ServiceSource.describe(method, call))
                .paragraph(sendDoc + " The call times out after the client's call timeout.")
                .param("request", requestDoc)
                .param("listener", listenerDoc))
            .declaration("public void " + name + "Async", List.of(request, listener), "")
            .open()
            .line(name + "Async(request, listener, client.callTimeoutNs());")
            .close();

        out.blank()
            .javadoc(Javadoc.of(ServiceSource.describe(method, call))
                .paragraph(sendDoc)
                .param("request", requestDoc)
                .param("listener", listenerDoc)
                .param("timeoutNs", "how long to wait for the answer, in nanoseconds."))
            .declaration("public void " + name + "Async", List.of(request, listener, "final long timeoutNs"), "")
            .open()
            .line(name + "Async(request, listener, timeoutNs, " + service + "." +
                JavaNames.deliveryConstant(name) + ");")
            .close();

        out.blank()
            .javadoc(Javadoc.of(ServiceSource.describe(method, call))
                .paragraph(sendDoc + " The delivery may only be the declared one (" + method.delivery().xmlName() +
                    ") or AT_MOST_ONCE.")
                .param("request", requestDoc)
                .param("listener", listenerDoc)
                .param("timeoutNs", "how long to wait for the answer, in nanoseconds.")
                .param("delivery", "the guarantee for this call."))
            .declaration("public void " + name + "Async", List.of(
                request, listener, "final long timeoutNs", "final " + ServiceSource.DELIVERY + " delivery"), "")
            .open()
            .call("codecs.get().slot.callAsync", List.of(
                service + ".SERVICE_ID",
                service + "." + JavaNames.methodIdConstant(name),
                service + "." + JavaNames.deliveryConstant(name) + ".override(delivery)",
                "request",
                name + "AsyncResponse",
                "listener",
                "timeoutNs"), ";")
            .close();
    }

    private static void writeCodecs(final JavaSourceWriter out, final ServiceDefinition service)
    {
        out.blank()
            .line("private final class Codecs")
            .open()
            .line("private final " + ServiceSource.CALL_SLOT + " slot = client.newCallSlot();");
        for (final MethodDefinition method : service.methods())
        {
            if (method.clientSendsStream())
            {
                continue;
            }
            final String encoder = JavaNames.encoderName(method.requestMessage());
            out.line("private final " + encoder + " " + method.name() + "Request = new " + encoder + "();");
            if (!method.oneWay() && !method.serverStream())
            {
                final String decoder = JavaNames.decoderName(method.responseMessage());
                out.line("private final " + decoder + " " + method.name() + "Response = new " + decoder + "();");
            }
        }
        out.close();
    }
}
