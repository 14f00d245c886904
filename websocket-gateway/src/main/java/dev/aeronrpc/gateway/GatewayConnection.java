package dev.aeronrpc.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.aeronrpc.client.CallSlot;
import dev.aeronrpc.client.ClientStream;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.RawMessageDecoder;
import dev.aeronrpc.core.RawMessageEncoder;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.gateway.json.JsonConversionException;
import dev.aeronrpc.gateway.json.MethodDescriptor;
import dev.aeronrpc.gateway.json.SchemaCatalog;
import org.agrona.ExpandableArrayBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One browser's WebSocket: reads its frames (call, credit, cancel), makes the calls through the shared
 * {@link RpcClient}, and writes answers back as frames.
 * <p>
 * Threading: Jetty delivers one frame at a time per connection, so the call slot and frame assembly need no lock;
 * answers arrive on the client's polling thread and are written with Jetty's asynchronous send, which queues.
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
    private final CallSlot slot;
    private final GatewayCounters counters;
    private final Map<String, BrowserCall> calls = new ConcurrentHashMap<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final StringBuilder partial = new StringBuilder();
    private final ExpandableArrayBuffer requestBuffer = new ExpandableArrayBuffer(256);
    private long partialLength;
    private volatile Session session;
    private volatile boolean closed;

    GatewayConnection(final WebSocketGateway.Context ctx, final GatewayCounters counters)
    {
        this.ctx = ctx;
        this.catalog = ctx.catalog();
        this.slot = ctx.client().newCallSlot();
        this.counters = counters;
    }

    @Override
    public void onWebSocketOpen(final Session session)
    {
        this.session = session;
        counters.onOpen();
    }

    @Override
    public void onWebSocketPartialText(final String payload, final boolean fin)
    {
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
    public void onWebSocketClose(final int statusCode, final String reason)
    {
        close();
    }

    @Override
    public void onWebSocketError(final Throwable cause)
    {
        close();
    }

    private void close()
    {
        if (!closed)
        {
            closed = true;
            counters.onClose();
            calls.values().forEach(BrowserCall::cancel);
            calls.clear();
        }
    }

    void onFrame(final String text)
    {
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
        final String service = frame.path("service").asText();
        final String method = frame.path("method").asText();
        final MethodDescriptor descriptor = catalog.method(service, method);
        if (null == descriptor)
        {
            sendError(id, Status.UNIMPLEMENTED, catalog.hasService(service) ?
                "unknown method " + service + "/" + method : "unknown service \"" + service + "\"");
            return;
        }
        final String key = id.toString();
        if (calls.containsKey(key))
        {
            sendError(id, Status.ALREADY_EXISTS, "a call with id " + key + " is still open");
            return;
        }
        if (calls.size() >= ctx.maxCallsPerConnection())
        {
            sendError(id, Status.RESOURCE_EXHAUSTED,
                "too many open calls on this connection: the limit is " + ctx.maxCallsPerConnection());
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

        final JsonNode timeoutMs = frame.path("timeoutMs");
        switch (descriptor.kind())
        {
            case UNARY ->
            {
                final long timeoutNs = timeoutMs.canConvertToLong() && timeoutMs.asLong() > 0 ?
                    TimeUnit.MILLISECONDS.toNanos(timeoutMs.asLong()) : ctx.client().callTimeoutNs();
                final UnaryBridge bridge = new UnaryBridge(this, id, descriptor.response());
                calls.put(key, bridge);
                slot.callAsync(descriptor.serviceId(), descriptor.methodId(), descriptor.delivery(), request,
                    descriptor.response().newDecoder(), bridge, timeoutNs);
            }
            case SERVER_STREAM ->
            {
                final long timeoutNs = timeoutMs.canConvertToLong() && timeoutMs.asLong() > 0 ?
                    TimeUnit.MILLISECONDS.toNanos(timeoutMs.asLong()) : CallSlot.NO_DEADLINE_NS;
                final StreamBridge bridge = new StreamBridge(this, id, descriptor.response(), ctx.maxStreamCredit());
                final int window = bridge.open(frame.path("credit").asLong(ctx.initialStreamCredit()));
                calls.put(key, bridge);
                try
                {
                    final ClientStream<RawMessageDecoder> stream = slot.openStream(descriptor.serviceId(),
                        descriptor.methodId(), request, descriptor.response().newDecoder(), bridge, window, timeoutNs);
                    bridge.stream(stream);
                }
                catch (final RpcException ex)
                {
                    bridge.onError(ex.status(), ex.description());
                }
            }
            default -> sendError(id, Status.UNIMPLEMENTED, descriptor.fullName() + " is a " +
                descriptor.kind().xmlName() + " method: the gateway carries unary calls and server streams only");
        }
    }

    private void onCredit(final JsonNode id, final JsonNode frame)
    {
        final JsonNode items = frame.path("items");
        if (!items.canConvertToLong() || items.asLong() <= 0)
        {
            sendError(id, Status.INVALID_ARGUMENT, "credit needs items, a positive integer");
            return;
        }
        // Credit for a stream that just ended is a normal race, not an error.
        final BrowserCall call = calls.get(id.toString());
        if (null != call)
        {
            call.credit(items.asLong());
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
     * Forgets a call that has ended.
     *
     * @param id the browser's id for it.
     * @return true when this ended it, false when it had ended already.
     */
    boolean finish(final JsonNode id)
    {
        return null != calls.remove(id.toString());
    }

    void sendError(final JsonNode id, final Status status, final String message)
    {
        counters.onErrorSent();
        send(Frames.error(id, status, message));
    }

    /**
     * Queues a frame for the browser. A browser that lets more than the limit of bytes pile up unread is closed:
     * credit bounds what streams send, and this bounds everything else (answers to calls it keeps making).
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
            counters.onSlowConnectionClosed();
            session.close(StatusCode.POLICY_VIOLATION, "reading too slowly: more than " + ctx.maxQueuedBytes() +
                " bytes queued", Callback.NOOP);
            close();
            return;
        }
        counters.onQueued();
        session.sendText(frame, Callback.from(
            () -> written(length),
            failure -> written(length)));
    }

    private void written(final long length)
    {
        queuedBytes.addAndGet(-length);
        counters.onWritten();
    }
}
