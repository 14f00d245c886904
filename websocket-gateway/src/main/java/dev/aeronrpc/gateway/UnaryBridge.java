package dev.aeronrpc.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aeronrpc.client.ResponseListener;
import dev.aeronrpc.core.RawMessageDecoder;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.gateway.json.MessageType;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One unary call from a browser: the answer, on the client's polling thread, becomes a response or error frame.
 * A unary call cannot be stopped once sent, so a cancel answers the browser at once and drops the late answer.
 */
final class UnaryBridge implements ResponseListener<RawMessageDecoder>, BrowserCall
{
    private final GatewayConnection connection;
    private final JsonNode id;
    private final MessageType responseType;
    private final AtomicBoolean done = new AtomicBoolean();

    UnaryBridge(final GatewayConnection connection, final JsonNode id, final MessageType responseType)
    {
        this.connection = connection;
        this.id = id;
        this.responseType = responseType;
    }

    @Override
    public void onResponse(final RawMessageDecoder response)
    {
        if (done.compareAndSet(false, true))
        {
            connection.finish(id);
            try
            {
                connection.send(Frames.response(id, responseType.decode(response)));
            }
            catch (final RuntimeException ex)
            {
                connection.sendError(id, Status.INTERNAL, "unreadable response: " + ex);
            }
        }
    }

    @Override
    public void onError(final Status status, final String message)
    {
        if (done.compareAndSet(false, true))
        {
            connection.finish(id);
            connection.sendError(id, status, message);
        }
    }

    @Override
    public void credit(final long items)
    {
    }

    @Override
    public void cancel()
    {
        onError(Status.CANCELLED, "cancelled by the browser; the call may still have run");
    }
}
