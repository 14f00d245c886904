package dev.aeronrpc.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.server.ServerCounters;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The gateway's two read-only JSON endpoints, which the console polls:
 * <ul>
 *     <li>{@value #DESCRIBE_PATH}: the services, methods and message types ({@link ServiceListing}), and the
 *     notices the gateway was given (such as "this demo loses answers on purpose");</li>
 *     <li>{@value #COUNTERS_PATH}: the client's counters, the server's when the gateway was given them, and the
 *     gateway's own.</li>
 * </ul>
 * The Host header must name a host the gateway answers to, as for the WebSocket, so that a hostile page cannot
 * read them through DNS rebinding; browsers keep other origins from reading them anyway (no CORS headers).
 */
final class GatewayApi extends Handler.Abstract.NonBlocking
{
    /** Where the service listing is served. */
    static final String DESCRIBE_PATH = "/api/describe";
    /** Where the counters are served. */
    static final String COUNTERS_PATH = "/api/counters";

    private final WebSocketGateway.Context ctx;
    private final GatewayCounters gatewayCounters;
    private final OriginCheck originCheck;

    GatewayApi(final WebSocketGateway.Context ctx, final GatewayCounters gatewayCounters, final OriginCheck originCheck)
    {
        this.ctx = ctx;
        this.gatewayCounters = gatewayCounters;
        this.originCheck = originCheck;
    }

    @Override
    public boolean handle(final Request request, final Response response, final Callback callback)
    {
        final String path = Request.getPathInContext(request);
        if (!DESCRIBE_PATH.equals(path) && !COUNTERS_PATH.equals(path))
        {
            return false;
        }
        if (!HttpMethod.GET.is(request.getMethod()))
        {
            Response.writeError(request, response, callback, 405, "only GET");
            return true;
        }
        if (!originCheck.allowsHost(request.getHeaders().get(HttpHeader.HOST)))
        {
            Response.writeError(request, response, callback, 403, "host not allowed");
            return true;
        }
        final ObjectNode body = DESCRIBE_PATH.equals(path) ? describe() : counters();
        final byte[] bytes;
        try
        {
            bytes = Frames.MAPPER.writeValueAsBytes(body);
        }
        catch (final JsonProcessingException ex)
        {
            Response.writeError(request, response, callback, 500, ex.getOriginalMessage());
            return true;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return true;
    }

    private ObjectNode describe()
    {
        // A copy: a listing may hand out the same object each time, and the notices are added here.
        final ObjectNode listing = ctx.listing().describe().deepCopy();
        final var notices = listing.putArray("notices");
        ctx.notices().forEach(notices::add);
        return listing;
    }

    private ObjectNode counters()
    {
        final RpcClient client = ctx.client();
        final ObjectNode root = Frames.MAPPER.createObjectNode();
        root.put("timeMs", System.currentTimeMillis());
        final ObjectNode clientJson = Frames.MAPPER.valueToTree(client.counters());
        clientJson.put("connected", client.isConnected());
        clientJson.put("inflightCalls", client.inflightCalls());
        root.set("client", clientJson);
        final Supplier<ServerCounters.Snapshot> server = ctx.serverCounters();
        if (null == server)
        {
            root.putNull("server");
        }
        else
        {
            root.set("server", Frames.MAPPER.valueToTree(server.get()));
        }
        final ObjectNode gateway = root.putObject("gateway");
        gateway.put("connections", gatewayCounters.connections());
        gateway.put("callsInFlight", gatewayCounters.callsInFlight());
        gateway.put("framesReceived", gatewayCounters.framesReceived());
        gateway.put("framesSent", gatewayCounters.framesSent());
        gateway.put("errorsSent", gatewayCounters.errorsSent());
        gateway.put("maxQueuedFrames", gatewayCounters.maxQueuedFrames());
        gateway.put("slowConnectionsClosed", gatewayCounters.slowConnectionsClosed());
        return root;
    }
}
