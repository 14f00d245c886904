package dev.aeronrpc.labs.fanout.solution;

import dev.aeronrpc.labs.fanout.lab.Subscriber;
import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * One subscribing end: checks each item follows the one before and counts them.
 */
final class CountingSubscriber implements Subscriber, FragmentHandler
{
    private final Subscription subscription;
    private long received;
    private long first = -1;
    private long last = -1;
    private long anomalies;

    CountingSubscriber(final Aeron aeron, final String channel, final int streamId)
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
        final long sequence = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
        final long value = buffer.getLong(offset + 8, ByteOrder.LITTLE_ENDIAN);
        // A late joiner's image starts where the publication was when it joined: its first item is not item 0.
        if (first < 0)
        {
            first = sequence;
        }
        else if (sequence != last + 1)
        {
            anomalies++;
        }
        if (value != sequence * 7 + 3)
        {
            anomalies++;
        }
        last = sequence;
        received++;
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
