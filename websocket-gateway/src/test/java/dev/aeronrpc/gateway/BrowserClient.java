package dev.aeronrpc.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Plays the browser in tests: a real WebSocket connection (the JDK's client) that sends frames and collects what
 * comes back. It reads only while {@code reading} is on, so a test can play a browser that stalls.
 */
final class BrowserClient implements AutoCloseable
{
    static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_MS = 10_000;

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final WebSocket webSocket;
    private volatile boolean reading = true;

    BrowserClient(final URI uri)
    {
        webSocket = HttpClient.newHttpClient().newWebSocketBuilder()
            .buildAsync(uri, new Listener()).join();
    }

    void send(final String frame)
    {
        webSocket.sendText(frame, true).join();
    }

    /**
     * Sends a frame without waiting for it to go, ignoring a connection already closed.
     */
    void sendQuietly(final String frame)
    {
        webSocket.sendText(frame, true);
    }

    void sendBinary(final byte[] bytes)
    {
        webSocket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /**
     * Closes as a browser leaving a page does: a close frame with status 1000.
     */
    void closeNormally()
    {
        webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    /**
     * Whether the connection was closed or failed, as the client saw it.
     */
    boolean isClosed()
    {
        return closed.isDone();
    }

    /**
     * Reads again after {@link #stopReading()}.
     */
    void resumeReading()
    {
        reading = true;
        webSocket.request(1);
    }

    /**
     * Stops reading from the socket, as a stalled browser does: frames pile up in the network, then at the gateway.
     */
    void stopReading()
    {
        reading = false;
    }

    JsonNode next()
    {
        try
        {
            final JsonNode frame = frames.poll(WAIT_MS, TimeUnit.MILLISECONDS);
            assertNotNull(frame, "no frame within " + WAIT_MS + " ms");
            return frame;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    JsonNode call(final String frame)
    {
        send(frame);
        return next();
    }

    int received()
    {
        return frames.size();
    }

    @Override
    public void close()
    {
        webSocket.abort();
    }

    private final class Listener implements WebSocket.Listener
    {
        @Override
        public void onOpen(final WebSocket webSocket)
        {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            partial.append(data);
            if (last)
            {
                try
                {
                    frames.add(JSON.readTree(partial.toString()));
                }
                catch (final Exception ex)
                {
                    throw new IllegalStateException(ex);
                }
                partial.setLength(0);
            }
            if (reading)
            {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
        {
            closed.complete("closed " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(final WebSocket webSocket, final Throwable error)
        {
            closed.complete("failed " + error);
        }
    }
}
