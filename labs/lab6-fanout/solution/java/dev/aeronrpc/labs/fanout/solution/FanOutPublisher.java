package dev.aeronrpc.labs.fanout.solution;

import dev.aeronrpc.labs.fanout.lab.Publisher;
import io.aeron.Aeron;
import io.aeron.Publication;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One publication, whatever the number of subscribers: each item is written once, and every subscriber reads
 * it from the same log (IPC) or gets a copy the driver sends (MDC).
 */
final class FanOutPublisher implements Publisher
{
    private final Publication publication;
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(ITEM_LENGTH));

    FanOutPublisher(final Aeron aeron, final String channel, final int streamId)
    {
        publication = aeron.addPublication(channel, streamId);
    }

    @Override
    public boolean publish(final long sequence, final long value)
    {
        buffer.putLong(0, sequence, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(8, value, ByteOrder.LITTLE_ENDIAN);
        // A positive result is the new position: the item is in the log, for every subscriber at once. A negative
        // one (BACK_PRESSURED: the slowest subscriber is a window behind; NOT_CONNECTED; ADMIN_ACTION) means not.
        return publication.offer(buffer, 0, ITEM_LENGTH) > 0;
    }

    @Override
    public boolean isConnected()
    {
        return publication.isConnected();
    }

    @Override
    public void close()
    {
        publication.close();
    }
}
