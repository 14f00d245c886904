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
 * One browser's WebSocket: reads its frames (call, credit, cancel), makes the calls through the shared
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
            default -> sendError(id, Status.INVALID_ARGUMENT,
                "unknown frame type \"" + type + "\": expected call, credit or cancel");
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
        if (MethodKind.UNARY != kind && MethodKind.SERVER_STREAM != kind)
        {
            sendError(id, Status.UNIMPLEMENTED, descriptor.fullName() + " is a " + kind.xmlName() +
                " method: the gateway carries unary calls and server streams only");
            return;
        }
        final String key = id.toString();
        if (calls.containsKey(key))
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

        final RawMessageEncoder request = descriptor.request().newEncoder();
        try
        {
            request.wrap(requestBuffer, 0, descriptor.request().encode(frame.get("request"), requestBuffer, 0));
        }
        catch (final JsonConversionException ex)
        {
            sendError(id, Status.INVALID_ARGUMENT, descriptor.request().name() + ": " + ex.getMessage());
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
        if (MethodKind.UNARY == kind)
        {
            final long timeoutNs = 0 == timeoutMs ?
                Math.min(ctx.client().callTimeoutNs(), TimeUnit.MILLISECONDS.toNanos(maxTimeoutMs)) :
                TimeUnit.MILLISECONDS.toNanos(Math.min(timeoutMs, maxTimeoutMs));
            final UnaryBridge bridge = new UnaryBridge(this, key, id, descriptor.response());
            if (register(key, bridge))
            {
                ctx.client().callAsync(descriptor.rpcMethod(), request, bridge,
                    CallOptions.DEFAULT.withTimeoutNs(timeoutNs));
            }
        }
        else
        {
            // A stream runs as long as the browser follows it unless the call names a deadline.
            final CallOptions streamOptions = 0 == timeoutMs ? CallOptions.DEFAULT :
                CallOptions.DEFAULT.withTimeoutNs(TimeUnit.MILLISECONDS.toNanos(Math.min(timeoutMs, maxTimeoutMs)));
            final StreamBridge bridge = new StreamBridge(this, key, id, descriptor.response(), ctx.maxStreamCredit());
            final int window = bridge.open(0 == credit ? ctx.initialStreamCredit() : credit);
            if (register(key, bridge))
            {
                try
                {
                    bridge.stream(ctx.client().serverStream(descriptor.rpcMethod(), request, bridge,
                        streamOptions.withWindow(window)));
                }
                catch (final RpcException ex)
                {
                    bridge.onError(ex.status(), ex.description());
                }
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
