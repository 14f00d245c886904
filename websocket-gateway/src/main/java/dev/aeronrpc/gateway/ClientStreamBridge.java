package dev.aeronrpc.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aeronrpc.client.ClientStreamCall;
import dev.aeronrpc.client.ResponseListener;
import dev.aeronrpc.core.RawMessageDecoder;
import dev.aeronrpc.core.RawMessageEncoder;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.gateway.json.MessageType;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client stream from a browser: its items go up through an {@link Upload}, and the service's one answer, on
 * the client's polling thread, becomes a response or error frame, the last frame of the call.
 * <p>
 * Unlike a unary call, a client stream can be stopped: a cancel from the browser, or the browser going away,
 * cancels it at the service, whose handler hears CANCELLED.
 */
final class ClientStreamBridge implements ResponseListener<RawMessageDecoder>, BrowserCall
{
    private final GatewayConnection connection;
    private final String key;
    private final JsonNode id;
    private final MessageType responseType;
    private final Upload upload;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile ClientStreamCall<RawMessageEncoder, RawMessageDecoder> call;
    private volatile boolean cancelRequested;

    ClientStreamBridge(
        final GatewayConnection connection,
        final String key,
        final JsonNode id,
        final MessageType itemType,
        final MessageType responseType)
    {
        this.connection = connection;
        this.key = key;
        this.id = id;
        this.responseType = responseType;
        this.upload = new Upload(connection, id, itemType);
        upload.onFailure(this::fail);
    }

    /**
     * Hands over the open call; cancels it at once when the browser cancelled, or the connection closed, first.
     *
     * @param call the runtime's client stream.
     */
    void call(final ClientStreamCall<RawMessageEncoder, RawMessageDecoder> call)
    {
        this.call = call;
        upload.sender(Upload.Sender.of(call));
        if (cancelRequested)
        {
            call.cancel();
        }
    }

    @Override
    public Upload upload()
    {
        return upload;
    }

    @Override
    public void onResponse(final RawMessageDecoder response)
    {
        ended();
        if (answer())
        {
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
        if (answer())
        {
            connection.sendError(id, status, message);
        }
    }

    @Override
    public void credit(final long items)
    {
        // Credit frames from the browser pace the service's items; a client stream's service sends none.
    }

    @Override
    public void cancel()
    {
        cancelRequested = true;
        final ClientStreamCall<RawMessageEncoder, RawMessageDecoder> call = this.call;
        if (null != call)
        {
            // The listener hears CANCELLED, which answers the browser.
            call.cancel();
        }
    }

    @Override
    public void fail(final Status status, final String message)
    {
        onError(status, message);
        cancel();
    }

    /**
     * Claims the call's one terminal frame: stops the upload's credit frames first, so none follows it.
     *
     * @return true for the first caller, which sends the frame.
     */
    private boolean answer()
    {
        if (answered.compareAndSet(false, true))
        {
            upload.close();
            connection.finish(key, this);
            return true;
        }
        return false;
    }

    private void ended()
    {
        if (ended.compareAndSet(false, true))
        {
            connection.callEnded();
        }
    }
}
