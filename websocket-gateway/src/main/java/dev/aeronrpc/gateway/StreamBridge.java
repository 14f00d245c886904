package dev.aeronrpc.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aeronrpc.client.ClientStream;
import dev.aeronrpc.core.RawMessageDecoder;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.core.StreamObserver;
import dev.aeronrpc.gateway.json.MessageType;

/**
 * One server stream a browser follows: each item, on the client's polling thread, becomes an item frame.
 * <p>
 * <b>Credit passes through.</b> The producer may send only what the browser granted: the stream opens with the
 * browser's initial credit as its window, and each credit frame from the browser is passed on to the producer.
 * Items granted and not yet delivered never exceed the gateway's limit per stream, however much a browser asks
 * for, so a browser that stops reading holds at most that many items at the gateway, and the producer waits.
 */
final class StreamBridge implements StreamObserver<RawMessageDecoder>, BrowserCall
{
    private final GatewayConnection connection;
    private final JsonNode id;
    private final MessageType itemType;
    private final int maxCredit;
    private volatile ClientStream<RawMessageDecoder> stream;
    private long granted;
    private long delivered;

    StreamBridge(final GatewayConnection connection, final JsonNode id, final MessageType itemType, final int maxCredit)
    {
        this.connection = connection;
        this.id = id;
        this.itemType = itemType;
        this.maxCredit = maxCredit;
    }

    /**
     * The window to open the stream with: the browser's initial credit, within the limit.
     *
     * @param initialCredit what the browser asked for.
     * @return the window granted.
     */
    synchronized int open(final long initialCredit)
    {
        granted = Math.max(1, Math.min(initialCredit, maxCredit));
        return (int)granted;
    }

    void stream(final ClientStream<RawMessageDecoder> stream)
    {
        this.stream = stream;
    }

    @Override
    public void onNext(final RawMessageDecoder item, final long sequence)
    {
        synchronized (this)
        {
            if (delivered >= granted)
            {
                overrun();
                return;
            }
            delivered++;
        }
        final String frame;
        try
        {
            frame = Frames.item(id, sequence, itemType.decode(item));
        }
        catch (final RuntimeException ex)
        {
            fail(Status.INTERNAL, "unreadable item: " + ex);
            return;
        }
        connection.send(frame);
    }

    @Override
    public void onCompleted()
    {
        if (connection.finish(id))
        {
            connection.send(Frames.end(id));
        }
    }

    @Override
    public void onError(final Status status, final String message)
    {
        if (connection.finish(id))
        {
            connection.sendError(id, status, message);
        }
    }

    @Override
    public void credit(final long items)
    {
        final long more;
        synchronized (this)
        {
            more = Math.min(items, maxCredit - (granted - delivered));
            if (more <= 0)
            {
                return;
            }
            granted += more;
        }
        final ClientStream<RawMessageDecoder> stream = this.stream;
        if (null != stream)
        {
            stream.request((int)more);
        }
    }

    @Override
    public void cancel()
    {
        final ClientStream<RawMessageDecoder> stream = this.stream;
        if (null != stream)
        {
            stream.cancel();
        }
    }

    private void overrun()
    {
        fail(Status.INTERNAL, "the producer sent more items than the browser granted");
    }

    private void fail(final Status status, final String message)
    {
        onError(status, message);
        final ClientStream<RawMessageDecoder> stream = this.stream;
        if (null != stream)
        {
            stream.cancel();
        }
    }
}
