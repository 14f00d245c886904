package dev.aeronrpc.labs.transport;

import dev.aeronrpc.labs.transport.lab.Pinger;
import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * Sends a ping, waits for its pong, and again. As given it makes the round trips but records no real measurement.
 */
final class MyPinger implements Pinger, FragmentHandler
{
    private final Publication publication;
    private final Subscription subscription;
    private final UnsafeBuffer ping = new UnsafeBuffer(ByteBuffer.allocateDirect(MESSAGE_LENGTH));
    private final IdleStrategy idle = new BackoffIdleStrategy();
    private boolean pongArrived;

    MyPinger(final Aeron aeron, final String pingChannel, final String pongChannel)
    {
        publication = aeron.addExclusivePublication(pingChannel, PING_STREAM_ID);
        subscription = aeron.addSubscription(pongChannel, PONG_STREAM_ID);
    }

    @Override
    public boolean isConnected()
    {
        return publication.isConnected() && subscription.isConnected();
    }

    @Override
    public void run(final int count, final Histogram histogram)
    {
        for (int i = 0; i < count; i++)
        {
            ping.putLong(0, i);
            while (publication.offer(ping, 0, MESSAGE_LENGTH) < 0)
            {
                idle.idle();
            }
            pongArrived = false;
            idle.reset();
            while (!pongArrived)
            {
                idle.idle(subscription.poll(this, 1));
            }
            // TODO step 1: record the real round trip: from just before the offer to the pong's arrival, in ns.
            histogram.recordValue(1_000);
        }
    }

    @Override
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        pongArrived = true;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(publication, subscription);
    }
}
