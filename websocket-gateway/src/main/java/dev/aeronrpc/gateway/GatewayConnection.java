package dev.aeronrpc.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.aeronrpc.codegen.model.MethodKind;
import dev.aeronrpc.client.CallOptions;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.RawMessageEncoder;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.gateway.json.JsonConversionException;
import dev.aeronrpc.gateway.json.JsonMethod;
import dev.aeronrpc.gateway.json.SchemaCatalog;
import org.agrona.ExpandableArrayBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One browser's WebSocket: reads its frames (call, credit, cancel, item, end), makes the calls through the shared
 * {@link RpcClient}, and writes answers back as frames.
 * <p>
 * Threading: Jetty delivers one frame at a time per connection, so the call slot and frame assembly need no lock;
 * answers arrive on the client's polling thread and are written with Jetty's asynchronous send, which queues.
 * The connection closes on a Jetty thread (the browser left, or an error) or on the polling thread (the browser
 * reads too slowly); either way no frame is read after it, a call made while it closes is cancelled, and every
 * call still open is cancelled when Jetty reports the close.
 * <p>
 * Bad input never ends the connection: each problem is answered with an error frame. A frame longer than the limit
 * is read in parts and discarded as it arrives, never held whole.
 * <p>
 * Public only because Jetty calls the listener methods through method handles.
 */
public final class GatewayConnection implements Session.Listener.AutoDemanding
{
    private final WebSocketGateway.Context ctx;
    private final SchemaCatalog catalog;
    private final GatewayCounters counters;
    private final Map<String, BrowserCall> calls = new ConcurrentHashMap<>();
    private final AtomicInteger callsInFlight = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean counted = new AtomicBoolean();
    private final AtomicBoolean slowReaderClosed = new AtomicBoolean();
    private final StringBuilder partial = new StringBuilder();
    private final ExpandableArrayBuffer requestBuffer = new ExpandableArrayBuffer(256);
    private long partialLength;
    private volatile Session session;
    private volatile boolean closed;

    GatewayConnection(final WebSocketGateway.Context ctx, final GatewayCounters counters)
    {
        this.ctx = ctx;
        this.catalog = ctx.catalog();
        this.counters = counters;
    }

    @Override
    public void onWebSocketOpen(final Session session)
    {
        this.session = session;
        if (!counters.tryOpen(ctx.maxConnections()))
        {
            closed = true;
            session.close(StatusCode.TRY_AGAIN_LATER,
                "too many connections: the limit is " + ctx.maxConnections(), Callback.NOOP);
            return;
        }
        counted.set(true);
    }

    @Override
    public void onWebSocketPartialText(final String payload, final boolean fin)
    {
        if (closed)
        {
            return;
        }
        partialLength += payload.length();
        if (partialLength <= ctx.maxFrameLength())
        {
            partial.append(payload);
        }
        else
        {
            partial.setLength(0);
        }
        if (fin)
        {
            final long length = partialLength;
            final String text = partial.toString();
            partial.setLength(0);
            partialLength = 0;
            counters.onFrameReceived();
            if (length > ctx.maxFrameLength())
            {
                sendError(NullNode.getInstance(), Status.RESOURCE_EXHAUSTED,
                    "frame of " + length + " characters exceeds the limit of " + ctx.maxFrameLength());
            }
            else
            {
                onFrame(text);
            }
        }
    }

    @Override
    public void onWebSocketPartialBinary(final ByteBuffer payload, final boolean fin, final Callback callback)
    {
        callback.succeed();
        if (fin && !closed)
        {
            counters.onFrameReceived();
            sendError(NullNode.getInstance(), Status.INVALID_ARGUMENT,
                "binary frames are not supported: send JSON in text frames");
        }
    }

    @Override
    public void onWebSocketClose(final int statusCode, final String reason)
    {
        closed();
    }

    @Override
    public void onWebSocketError(final Throwable cause)
    {
        closed();
    }

    /**
     * The WebSocket has closed: cancels every call still open (each time Jetty says so: a call made while the
     * connection was closing is cancelled by {@link #onCall} itself) and counts the connection gone, once.
     */
    private void closed()
    {
        closed = true;
        calls.values().forEach(BrowserCall::cancel);
        if (counted.compareAndSet(true, false))
        {
            counters.onClose();
        }
    }

    void onFrame(final String text)
    {
        if (closed)
        {
            return;
        }
        final JsonNode frame;
        try
        {
            frame = Frames.MAPPER.readTree(text);
        }
        catch (final JsonProcessingException ex)
        {
            sendError(NullNode.getInstance(), Status.INVALID_ARGUMENT, "invalid JSON: " + ex.getOriginalMessage());
            return;
        }
        if (null == frame || !frame.isObject())
        {
            sendError(NullNode.getInstance(), Status.INVALID_ARGUMENT, "a frame must be a JSON object");
            return;
        }

        final JsonNode id = frame.path("id");
        if (!id.isTextual() && !id.isIntegralNumber())
        {
            sendError(NullNode.getInstance(), Status.INVALID_ARGUMENT, "a frame needs an id, a string or an integer");
            return;
        }
        final String type = frame.path("type").asText();
        switch (type)
        {
            case "call" -> onCall(id, frame);
            case "credit" -> onCredit(id, frame);
            case "cancel" -> onCancel(id);
            case "item" -> onItem(id, frame);
            case "end" -> onEnd(id);
            default -> sendError(id, Status.INVALID_ARGUMENT,
                "unknown frame type \"" + type + "\": expected call, credit, cancel, item or end");
        }
    }

    private void onCall(final JsonNode id, final JsonNode frame)
    {
        if (closed)
        {
            return;
        }
        final String service = frame.path("service").asText();
        final String method = frame.path("method").asText();
        final JsonMethod descriptor = catalog.method(service, method);
        if (null == descriptor)
        {
            sendError(id, Status.UNIMPLEMENTED, catalog.hasService(service) ?
                "unknown method " + service + "/" + method : "unknown service \"" + service + "\"");
            return;
        }
        final MethodKind kind = descriptor.kind();
        final String key = id.toString();
        if (MethodKind.ONE_WAY != kind && calls.containsKey(key))
        {
            sendError(id, Status.ALREADY_EXISTS, "a call with id " + key + " is still open");
            return;
        }
        final long timeoutMs = positiveOrZero(frame.get("timeoutMs"));
        if (timeoutMs < 0)
        {
            sendError(id, Status.INVALID_ARGUMENT, "timeoutMs must be a positive integer");
            return;
        }
        final long credit = positiveOrZero(frame.get("credit"));
        if (credit < 0)
        {
            sendError(id, Status.INVALID_ARGUMENT, "credit must be a positive integer");
            return;
        }

        final boolean browserSendsItems = MethodKind.CLIENT_STREAM == kind || MethodKind.BIDI_STREAM == kind;
        final RawMessageEncoder request;
        if (browserSendsItems)
        {
            final JsonNode requestField = frame.get("request");
            if (null != requestField && !requestField.isNull())
            {
                sendError(id, Status.INVALID_ARGUMENT, descriptor.fullName() + " is a " + kind.xmlName() +
                    " method: send its items in item frames, not a request in the call frame");
                return;
            }
            request = null;
        }
        else
        {
            request = descriptor.request().newEncoder();
            try
            {
                request.wrap(requestBuffer, 0, descriptor.request().encode(frame.get("request"), requestBuffer, 0));
            }
            catch (final JsonConversionException ex)
            {
                sendError(id, Status.INVALID_ARGUMENT, descriptor.request().name() + ": " + ex.getMessage());
                return;
            }
        }

        if (MethodKind.ONE_WAY == kind)
        {
            // Nothing comes back, so nothing is held: no place in the limits, only the answer that it was sent.
            if (ctx.client().send(descriptor.rpcMethod(), request))
            {
                send(Frames.sent(id));
            }
            else
            {
                sendError(id, Status.UNAVAILABLE, "the one-way message was dropped: no connection to the " +
                    "service, back pressure, or too large (the client's counters say which)");
            }
            return;
        }

        if (callsInFlight.incrementAndGet() > ctx.maxCallsPerConnection())
        {
            callsInFlight.decrementAndGet();
            sendError(id, Status.RESOURCE_EXHAUSTED, "too many calls in flight on this connection: the limit is " +
                ctx.maxCallsPerConnection() + " (a cancelled unary call counts until its answer or deadline)");
            return;
        }
        if (!counters.tryStartCall(ctx.maxCallsInFlight()))
        {
            callsInFlight.decrementAndGet();
            sendError(id, Status.RESOURCE_EXHAUSTED,
                "too many calls in flight through the gateway: the limit is " + ctx.maxCallsInFlight());
            return;
        }

        final long maxTimeoutMs = ctx.maxCallTimeoutMs();
        // A unary call or client stream ends at the client's default deadline unless it names one; a stream from
        // the service runs as long as the browser follows it unless it names one. Either is cut to the limit.
        final long answerTimeoutNs = 0 == timeoutMs ?
            Math.min(ctx.client().callTimeoutNs(), TimeUnit.MILLISECONDS.toNanos(maxTimeoutMs)) :
            TimeUnit.MILLISECONDS.toNanos(Math.min(timeoutMs, maxTimeoutMs));
        final CallOptions streamOptions = 0 == timeoutMs ? CallOptions.DEFAULT :
            CallOptions.DEFAULT.withTimeoutNs(TimeUnit.MILLISECONDS.toNanos(Math.min(timeoutMs, maxTimeoutMs)));
        switch (kind)
        {
            case UNARY -> callUnary(key, id, descriptor, request, answerTimeoutNs);
            case SERVER_STREAM -> openServerStream(key, id, descriptor, request, credit, streamOptions);
            case CLIENT_STREAM -> openClientStream(key, id, descriptor, answerTimeoutNs);
            case BIDI_STREAM -> openBidiStream(key, id, descriptor, credit, streamOptions);
            default -> throw new IllegalStateException("unexpected kind " + kind);
        }
    }

    private void callUnary(
        final String key, final JsonNode id, final JsonMethod descriptor, final RawMessageEncoder request,
        final long timeoutNs)
    {
        final UnaryBridge bridge = new UnaryBridge(this, key, id, descriptor.response());
        if (register(key, bridge))
        {
            ctx.client().callAsync(descriptor.rpcMethod(), request, bridge, CallOptions.DEFAULT.withTimeoutNs(timeoutNs));
        }
    }

    private void openServerStream(
        final String key, final JsonNode id, final JsonMethod descriptor, final RawMessageEncoder request,
        final long credit, final CallOptions options)
    {
        final StreamBridge bridge = new StreamBridge(this, key, id, descriptor.response(), ctx.maxStreamCredit(), null);
        final int window = bridge.open(0 == credit ? ctx.initialStreamCredit() : credit);
        if (register(key, bridge))
        {
            try
            {
                bridge.stream(ctx.client().serverStream(descriptor.rpcMethod(), request, bridge,
                    options.withWindow(window)));
            }
            catch (final RpcException ex)
            {
                bridge.onError(ex.status(), ex.description());
            }
        }
    }

    private void openClientStream(final String key, final JsonNode id, final JsonMethod descriptor, final long timeoutNs)
    {
        final ClientStreamBridge bridge =
            new ClientStreamBridge(this, key, id, descriptor.request(), descriptor.response());
        if (register(key, bridge))
        {
            try
            {
                bridge.call(ctx.client().clientStream(descriptor.rpcMethod(), bridge,
                    CallOptions.DEFAULT.withTimeoutNs(timeoutNs)));
            }
            catch (final RpcException ex)
            {
                bridge.onError(ex.status(), ex.description());
            }
        }
    }

    private void openBidiStream(
        final String key, final JsonNode id, final JsonMethod descriptor, final long credit, final CallOptions options)
    {
        final StreamBridge bridge = new StreamBridge(
            this, key, id, descriptor.response(), ctx.maxStreamCredit(), descriptor.request());
        final int window = bridge.open(0 == credit ? ctx.initialStreamCredit() : credit);
        if (register(key, bridge))
        {
            try
            {
                bridge.stream(ctx.client().bidiStream(descriptor.rpcMethod(), bridge, options.withWindow(window)));
            }
            catch (final RpcException ex)
            {
                bridge.onError(ex.status(), ex.description());
            }
        }
    }

    /**
     * Records a call before it is made. A connection that closed meanwhile makes no call: whichever of this
     * thread and the closing one comes second sees the other, so no call outlives its connection.
     *
     * @return true to make the call; false when the connection closed, and the call was forgotten.
     */
    private boolean register(final String key, final BrowserCall call)
    {
        calls.put(key, call);
        if (closed)
        {
            calls.remove(key, call);
            callEnded();
            return false;
        }
        return true;
    }

    /**
     * A positive integer field of a call frame.
     *
     * @return 0 when absent or null, -1 when not a positive integer, else the value (a huge one as the largest long).
     */
    private static long positiveOrZero(final JsonNode value)
    {
        if (null == value || value.isNull())
        {
            return 0;
        }
        if (!value.isIntegralNumber() || value.bigIntegerValue().signum() <= 0)
        {
            return -1;
        }
        return value.canConvertToLong() ? value.longValue() : Long.MAX_VALUE;
    }

    private void onCredit(final JsonNode id, final JsonNode frame)
    {
        final long items = positiveOrZero(frame.get("items"));
        if (items <= 0)
        {
            sendError(id, Status.INVALID_ARGUMENT, "credit needs items, a positive integer");
            return;
        }
        // Credit for a stream that just ended is a normal race, not an error.
        final BrowserCall call = calls.get(id.toString());
        if (null != call)
        {
            call.credit(items);
        }
    }

    private void onItem(final JsonNode id, final JsonNode frame)
    {
        final Upload upload = uploadOf(id, "item");
        if (null != upload)
        {
            upload.onItem(frame.get("item"));
        }
    }

    private void onEnd(final JsonNode id)
    {
        final Upload upload = uploadOf(id, "end");
        if (null != upload)
        {
            upload.onEnd();
        }
    }

    /**
     * The browser's half of the open call an item or end frame names. A frame for no open call is answered with
     * NOT_FOUND (a call that just ended has had its terminal frame, so the browser knows); one for a call whose
     * browser sends nothing fails that call, since its items would have nowhere to go.
     *
     * @return the upload, or null when answered with an error.
     */
    private Upload uploadOf(final JsonNode id, final String frameType)
    {
        final BrowserCall call = calls.get(id.toString());
        if (null == call)
        {
            sendError(id, Status.NOT_FOUND, "no open call with id " + id + " for this " + frameType + " frame");
            return null;
        }
        final Upload upload = call.upload();
        if (null == upload)
        {
            call.fail(Status.INVALID_ARGUMENT, "an " + frameType + " frame for call " + id +
                ", which takes no items from the browser (only client and bidirectional streams do)");
        }
        return upload;
    }

    private void onCancel(final JsonNode id)
    {
        final BrowserCall call = calls.get(id.toString());
        if (null != call)
        {
            call.cancel();
        }
    }

    /**
     * Forgets a call that the browser has heard the end of; its id may be used again.
     *
     * @param key  the call's key, its id as JSON text.
     * @param call the call, so that a newer call with the same id is not forgotten instead.
     */
    void finish(final String key, final BrowserCall call)
    {
        calls.remove(key, call);
    }

    /**
     * A call has left the client (answered, failed, timed out or cancelled at the producer): it no longer counts
     * against the limits.
     */
    void callEnded()
    {
        callsInFlight.decrementAndGet();
        counters.onCallEnded();
    }

    void sendError(final JsonNode id, final Status status, final String message)
    {
        counters.onErrorSent();
        send(Frames.error(id, status, message));
    }

    /**
     * Queues a frame for the browser. A browser that lets more than the limit of bytes pile up unread is closed:
     * credit bounds what streams send, and this bounds everything else (answers to calls it keeps making). The
     * close frame would wait behind what the browser does not read, so the connection is also dropped at once;
     * Jetty then reports the close, which cancels the calls still open.
     */
    void send(final String frame)
    {
        final Session session = this.session;
        if (closed || null == session)
        {
            return;
        }
        final long length = frame.length();
        if (queuedBytes.addAndGet(length) > ctx.maxQueuedBytes())
        {
            queuedBytes.addAndGet(-length);
            closeSlowReader(session);
            return;
        }
        counters.onQueued();
        session.sendText(frame, Callback.from(
            () -> written(length),
            failure -> written(length)));
    }

    private void closeSlowReader(final Session session)
    {
        if (slowReaderClosed.compareAndSet(false, true))
        {
            closed = true;
            counters.onSlowConnectionClosed();
            session.close(StatusCode.POLICY_VIOLATION, "reading too slowly: more than " + ctx.maxQueuedBytes() +
                " bytes queued", Callback.NOOP);
            session.disconnect();
        }
    }

    private void written(final long length)
    {
        queuedBytes.addAndGet(-length);
        counters.onWritten();
    }
}
