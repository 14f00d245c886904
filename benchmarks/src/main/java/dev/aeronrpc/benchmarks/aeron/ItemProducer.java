package dev.aeronrpc.benchmarks.aeron;

import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The raw producer: a request carrying a count arrives on the request route, and the duty cycle offers that many
 * items on the reply route, as many per cycle as the publication takes. Aeron's own flow control is the only
 * brake.
 */
final class ItemProducer implements Agent
{
    private static final int BURST = 64;

    private final Subscription requests;
    private final ExclusivePublication items;
    private final UnsafeBuffer item;
    private final FragmentHandler onRequest;
    private long remaining;

    ItemProducer(final Subscription requests, final ExclusivePublication items, final UnsafeBuffer item)
    {
        this.requests = requests;
        this.items = items;
        this.item = item;
        onRequest = (buffer, offset, length, header) -> remaining += buffer.getLong(offset);
    }

    @Override
    public int doWork()
    {
        int workCount = requests.poll(onRequest, 1);
        for (int i = 0; i < BURST && remaining > 0; i++)
        {
            final long result = items.offer(item, 0, item.capacity());
            if (result < 0)
            {
                AeronPeers.checkOfferResult(result);
                break;
            }
            remaining--;
            workCount++;
        }
        return workCount;
    }

    @Override
    public String roleName()
    {
        return "aeron-item-producer";
    }
}
