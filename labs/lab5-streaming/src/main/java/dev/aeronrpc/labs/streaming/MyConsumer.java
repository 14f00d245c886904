package dev.aeronrpc.labs.streaming;

import dev.aeronrpc.labs.streaming.lab.Consumer;
import dev.aeronrpc.labs.streaming.lab.Link;

import java.util.ArrayDeque;

/**
 * The consuming end. As given it grants no credit, and takes in everything that arrives, however slowly its reader
 * reads.
 */
final class MyConsumer implements Consumer, Link.DataListener
{
    private final Link link;
    private final int window;
    private final ArrayDeque<Item> received = new ArrayDeque<>();
    private boolean endReceived;

    MyConsumer(final Link link, final int window)
    {
        this.link = link;
        this.window = window;
    }

    @Override
    public void start()
    {
        // TODO step 2: grant the first window of credit.
    }

    @Override
    public Item read()
    {
        if (received.isEmpty())
        {
            link.pollData(this, 64);
        }
        final Item item = received.poll();
        // TODO step 2: as the reader takes items out, grant credit for as many again (in batches).
        return item;
    }

    @Override
    public boolean isEnded()
    {
        return endReceived && received.isEmpty();
    }

    @Override
    public void cancel()
    {
        // TODO step 3: tell the producer to stop.
    }

    @Override
    public int buffered()
    {
        return received.size();
    }

    @Override
    public void onItem(final long sequence, final long value)
    {
        received.add(new Item(sequence, value));
    }

    @Override
    public void onEnd(final long count)
    {
        endReceived = true;
    }
}
