package dev.aeronrpc.labs.transport.lab;

import org.HdrHistogram.Histogram;

/**
 * The measuring end of a ping-pong: sends a ping, waits for its pong, records the round trip, and again.
 * <p>
 * A ping is one message of {@link #MESSAGE_LENGTH} bytes on {@link #PING_STREAM_ID}; the other end sends the same
 * bytes back on {@link #PONG_STREAM_ID}. One thread uses a pinger.
 */
public interface Pinger extends AutoCloseable
{
    int PING_STREAM_ID = 3001;
    int PONG_STREAM_ID = 3002;
    /** Bytes of a ping and of its pong. */
    int MESSAGE_LENGTH = 32;

    /**
     * @return whether the ping publication is connected and the pong subscription has an image.
     */
    boolean isConnected();

    /**
     * Makes round trips one after another, never two at once.
     *
     * @param count      round trips to make.
     * @param histogram  to record each round trip in, in nanoseconds.
     */
    void run(int count, Histogram histogram);

    @Override
    void close();
}
