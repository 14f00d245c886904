package dev.aeronrpc.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aeronrpc.client.ResponseListener;
import dev.aeronrpc.core.RawMessageDecoder;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.gateway.json.MessageType;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One unary call from a browser: the answer, on the client's polling thread, becomes a response or error frame.
 * <p>
 * A unary call cannot be stopped once sent, so a cancel answers the browser at once (its id is free again) and
 * drops the late answer; the call still counts against the connection's and the gateway's limits until its answer
 * or its deadline comes, since until then it holds a place in the client's table of calls in flight.
 */
final class UnaryBridge implements ResponseListener<RawMessageDecoder>, BrowserCall
{
    private final GatewayConnection connection;
    private final String key;
    private final JsonNode id;
    private final MessageType responseType;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();

    UnaryBridge(final GatewayConnection connection, final String key, final JsonNode id, final MessageType responseType)
    {
        this.connection = connection;
        this.key = key;
        this.id = id;
        this.responseType = responseType;
    }

    @Override
    public void onResponse(final RawMessageDecoder response)
    {
        ended();
        if (answered.compareAndSet(false, true))
        {
            connection.finish(key, this);
            final String frame;
            try
            {
                frame = Frames.response(id, responseType.decode(response));
            }
            catch (final RuntimeException ex)
            {
                connection.sendError(id, Status.INTERNAL, "unreadable response: " + ex.getMessage());
                return;
            }
            connection.send(frame);
        }
    }

    @Override
    public void onError(final Status status, final String message)
    {
        ended();
        if (answered.compareAndSet(false, true))
        {
            connection.finish(key, this);
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
        if (answered.compareAndSet(false, true))
        {
            connection.finish(key, this);
            connection.sendError(id, Status.CANCELLED, "cancelled by the browser; the call may still have run");
        }
    }

    @Override
    public void fail(final Status status, final String message)
    {
        // The call cannot be stopped once sent: the browser hears the error now, and the late answer is dropped.
        if (answered.compareAndSet(false, true))
        {
            connection.finish(key, this);
            connection.sendError(id, status, message);
        }
    }

    private void ended()
    {
        if (ended.compareAndSet(false, true))
        {
            connection.callEnded();
        }
    }
}
