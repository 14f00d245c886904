package dev.aeronrpc.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aeronrpc.client.BidiStream;
import dev.aeronrpc.client.ClientStream;
import dev.aeronrpc.core.RawMessageDecoder;
import dev.aeronrpc.core.RawMessageEncoder;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.core.StreamObserver;
import dev.aeronrpc.gateway.json.MessageType;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One server stream a browser follows, or the service's half of a bidirectional stream: each item, on the client's
 * polling thread, becomes an item frame. A bidirectional stream's other half, the browser's items, is an
 * {@link Upload}; the service's end or error ends both halves at the gateway.
 * <p>
 * <b>Credit passes through.</b> The producer may send only what the browser granted: the stream opens with the
 * browser's initial credit as its window, and each credit frame from the browser is passed on to the producer.
 * Items granted and not yet delivered never exceed the gateway's limit per stream, however much a browser asks
 * for, so a browser that stops reading holds at most that many items at the gateway, and the producer waits.
 * Credit counts as granted only once it was sent; credit that could not be sent is kept and sent again with the
 * next item or the browser's next credit.
 * <p>
 * <b>One terminal frame, last.</b> Item frames and the end or error frame are written under this bridge's lock,
 * and nothing is written after the terminal frame, whichever thread ends the stream (the polling thread, or a
 * Jetty thread cancelling it).
 * <p>
 * <b>Cancel before open.</b> A cancel that arrives before the stream is open is remembered, and the stream is
 * cancelled as soon as it is handed over.
 */
final class StreamBridge implements StreamObserver<RawMessageDecoder>, BrowserCall
{
    /**
     * The runtime's receiving half, a {@link ClientStream} or a {@link BidiStream}: what the bridge asks for more
     * items and cancels.
     */
    interface Upstream
    {
        boolean request(int items);

        void cancel();

        static Upstream of(final ClientStream<RawMessageDecoder> stream)
        {
            return new Upstream()
            {
                public boolean request(final int items)
                {
                    return stream.request(items);
                }

                public void cancel()
                {
                    stream.cancel();
                }
            };
        }

        static Upstream of(final BidiStream<RawMessageEncoder, RawMessageDecoder> stream)
        {
            return new Upstream()
            {
                public boolean request(final int items)
                {
                    return stream.request(items);
                }

                public void cancel()
                {
                    stream.cancel();
                }
            };
        }
    }

    private final GatewayConnection connection;
    private final String key;
    private final JsonNode id;
    private final MessageType itemType;
    private final int maxCredit;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Upload upload;
    private volatile Upstream stream;
    private volatile boolean cancelRequested;
    private boolean done;
    private long granted;
    private long sending;
    private long owed;
    private long delivered;

    StreamBridge(
        final GatewayConnection connection,
        final String key,
        final JsonNode id,
        final MessageType itemType,
        final int maxCredit,
        final MessageType uploadType)
    {
        this.connection = connection;
        this.key = key;
        this.id = id;
        this.itemType = itemType;
        this.maxCredit = maxCredit;
        this.upload = null == uploadType ? null : new Upload(connection, id, uploadType);
        if (null != upload)
        {
            upload.onFailure(this::fail);
        }
    }

    @Override
    public Upload upload()
    {
        return upload;
    }

    /**
     * The window to open the stream with: the browser's initial credit, within the limit.
     *
     * @param initialCredit what the browser asked for, positive.
     * @return the window granted.
     */
    synchronized int open(final long initialCredit)
    {
        granted = Math.max(1, Math.min(initialCredit, maxCredit));
        return (int)granted;
    }

    /**
     * Hands over the open stream; cancels it at once when the browser cancelled, or the connection closed, first.
     *
     * @param stream the stream {@link #open} sized.
     */
    void stream(final ClientStream<RawMessageDecoder> stream)
    {
        upstream(Upstream.of(stream));
    }

    /**
     * Hands over an open bidirectional stream, its sending half to the upload.
     *
     * @param stream the stream {@link #open} sized.
     */
    void stream(final BidiStream<RawMessageEncoder, RawMessageDecoder> stream)
    {
        upload.sender(Upload.Sender.of(stream));
        upstream(Upstream.of(stream));
    }

    private void upstream(final Upstream stream)
    {
        this.stream = stream;
        if (cancelRequested)
        {
            stream.cancel();
        }
        else
        {
            flushCredit();
        }
    }

    @Override
    public void onNext(final RawMessageDecoder item, final long sequence)
    {
        final boolean overrun;
        synchronized (this)
        {
            if (done)
            {
                return;
            }
            overrun = delivered >= granted + sending;
            if (!overrun)
            {
                delivered++;
            }
        }
        if (overrun)
        {
            fail(Status.INTERNAL, "the producer sent more items than the browser granted");
            return;
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
        synchronized (this)
        {
            if (done)
            {
                return;
            }
            connection.send(frame);
        }
        flushCredit();
    }

    @Override
    public void onCompleted()
    {
        ended();
        closeUpload();
        synchronized (this)
        {
            if (done)
            {
                return;
            }
            done = true;
            connection.finish(key, this);
            connection.send(Frames.end(id));
        }
    }

    @Override
    public void onError(final Status status, final String message)
    {
        ended();
        closeUpload();
        synchronized (this)
        {
            if (done)
            {
                return;
            }
            done = true;
            connection.finish(key, this);
            connection.sendError(id, status, message);
        }
    }

    @Override
    public void credit(final long items)
    {
        synchronized (this)
        {
            final long more = Math.min(items, maxCredit - (granted + sending + owed - delivered));
            if (done || more <= 0)
            {
                return;
            }
            owed += more;
        }
        flushCredit();
    }

    @Override
    public void cancel()
    {
        cancelRequested = true;
        final Upstream stream = this.stream;
        if (null != stream)
        {
            stream.cancel();
        }
    }

    /**
     * The service's half ended, which ends the call at the gateway: no credit frame for the browser's half may
     * follow the terminal frame, and a browser half still open is cancelled at the service, whose inbound stream
     * hears CANCELLED: the browser's later items would have nowhere to go.
     */
    private void closeUpload()
    {
        if (null != upload)
        {
            final boolean browserStillSending = !upload.isCompleted();
            upload.close();
            final Upstream stream = this.stream;
            if (browserStillSending && null != stream)
            {
                stream.cancel();
            }
        }
    }

    /**
     * Sends the credit the browser granted and the producer has not yet been sent, counting it once sent.
     */
    private void flushCredit()
    {
        final Upstream stream = this.stream;
        final int items;
        synchronized (this)
        {
            if (done || 0 == owed || null == stream)
            {
                return;
            }
            items = (int)owed;
            owed = 0;
            sending += items;
        }
        final boolean sent = stream.request(items);
        synchronized (this)
        {
            sending -= items;
            if (sent)
            {
                granted += items;
            }
            else
            {
                owed += items;
            }
        }
    }

    /**
     * The call has left the client: it no longer counts against the connection's or the gateway's limits.
     */
    private void ended()
    {
        if (ended.compareAndSet(false, true))
        {
            connection.callEnded();
        }
    }

    @Override
    public void fail(final Status status, final String message)
    {
        onError(status, message);
        cancel();
    }
}
