package dev.aeronrpc.labs.fanout;

import dev.aeronrpc.labs.fanout.lab.Publisher;
import io.aeron.Aeron;
import io.aeron.Publication;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The publishing end: one publication, whatever the number of subscribers.
 */
final class MyPublisher implements Publisher
{
    private final Publication publication;
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(ITEM_LENGTH));

    MyPublisher(final Aeron aeron, final String channel, final int streamId)
    {
        publication = aeron.addPublication(channel, streamId);
    }

    @Override
    public boolean publish(final long sequence, final long value)
    {
        buffer.putLong(0, sequence, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(8, value, ByteOrder.LITTLE_ENDIAN);
        publication.offer(buffer, 0, ITEM_LENGTH);
        // TODO step 2: offer says whether the item went: a negative result (BACK_PRESSURED, NOT_CONNECTED,
        //  ADMIN_ACTION, ...) means it did not.
        return true;
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
