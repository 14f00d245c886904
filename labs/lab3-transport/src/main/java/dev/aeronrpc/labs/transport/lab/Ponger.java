package dev.aeronrpc.labs.transport.lab;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The grader's end of the ping-pong: sends every ping's bytes straight back, on a thread of its own. Every tenth
 * pong it holds for {@link #MARKER_NS} first: a real measurement shows those as a tenth of round trips at least that
 * long, which a made-up one cannot know to do.
 */
final class Ponger implements AutoCloseable, FragmentHandler
{
    static final long MARKER_NS = TimeUnit.MILLISECONDS.toNanos(2);
    static final int MARKER_EVERY = 10;

    private final Subscription subscription;
    private final Publication publication;
    private final UnsafeBuffer copy = new UnsafeBuffer(ByteBuffer.allocateDirect(Pinger.MESSAGE_LENGTH * 4));
    private final AtomicLong pongs = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private long pings;

    Ponger(final Aeron aeron, final String pingChannel, final String pongChannel)
    {
        subscription = aeron.addSubscription(pingChannel, Pinger.PING_STREAM_ID);
        publication = aeron.addExclusivePublication(pongChannel, Pinger.PONG_STREAM_ID);
        thread = new Thread(this::run, "lab3-ponger");
        thread.setDaemon(true);
        thread.start();
    }

    boolean isConnected()
    {
        return subscription.isConnected() && publication.isConnected();
    }

    long pongs()
    {
        return pongs.get();
    }

    @Override
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final long receivedNs = System.nanoTime();
        final int bytes = Math.min(length, copy.capacity());
        copy.putBytes(0, buffer, offset, bytes);
        if (++pings % MARKER_EVERY == 0)
        {
            while (System.nanoTime() - receivedNs < MARKER_NS)
            {
                LockSupport.parkNanos(100_000);
            }
        }
        while (running && publication.offer(copy, 0, bytes) < 0)
        {
            Thread.onSpinWait();
        }
        pongs.incrementAndGet();
    }

    private void run()
    {
        final IdleStrategy idle = new BackoffIdleStrategy();
        while (running)
        {
            idle.idle(subscription.poll(this, 1));
        }
    }

    @Override
    public void close()
    {
        running = false;
        try
        {
            thread.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        CloseHelper.closeAll(publication, subscription);
    }
}
