package dev.aeronrpc.labs.fanout;

import dev.aeronrpc.labs.fanout.lab.Subscriber;
import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;

/**
 * One subscribing end: counts what it receives.
 */
final class MySubscriber implements Subscriber, FragmentHandler
{
    private final Subscription subscription;
    private long received;
    private long first = -1;
    private long last = -1;
    private long anomalies;

    MySubscriber(final Aeron aeron, final String channel, final int streamId)
    {
        subscription = aeron.addSubscription(channel, streamId);
    }

    @Override
    public int poll(final int limit)
    {
        return subscription.poll(this, limit);
    }

    @Override
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        received++;
        // TODO step 1: read the item's sequence (little-endian long at offset) and value (at offset + 8); keep the
        //  first and last sequence seen; count an anomaly when a sequence is not the last one + 1, or when the
        //  value is not sequence * 7 + 3.
    }

    @Override
    public boolean isConnected()
    {
        return subscription.isConnected();
    }

    @Override
    public long received()
    {
        return received;
    }

    @Override
    public long firstSequence()
    {
        return first;
    }

    @Override
    public long lastSequence()
    {
        return last;
    }

    @Override
    public long anomalies()
    {
        return anomalies;
    }

    @Override
    public void close()
    {
        subscription.close();
    }
}
