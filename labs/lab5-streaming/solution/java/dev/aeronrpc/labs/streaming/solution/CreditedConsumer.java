package dev.aeronrpc.labs.streaming.solution;

import dev.aeronrpc.labs.streaming.lab.Consumer;
import dev.aeronrpc.labs.streaming.lab.Link;

import java.util.ArrayDeque;

/**
 * Grants a window of credit, then half a window again each time the reader has taken half a window out: items
 * sent and not read never exceed the window, so this end never holds more than that.
 */
final class CreditedConsumer implements Consumer, Link.DataListener
{
    private final Link link;
    private final int window;
    private final int batch;
    private final ArrayDeque<Item> received;
    private int readSinceGrant;
    private int owedCredit;
    private boolean endReceived;
    private boolean cancelPending;

    CreditedConsumer(final Link link, final int window)
    {
        this.link = link;
        this.window = window;
        this.batch = Math.max(1, window / 2);
        this.received = new ArrayDeque<>(window);
    }

    @Override
    public void start()
    {
        owedCredit = window;
        flush();
    }

    @Override
    public Item read()
    {
        flush();
        if (received.isEmpty())
        {
            // Never more than the window arrives, so the poll limit is only a bound on one call's work.
            link.pollData(this, window);
        }
        final Item item = received.poll();
        if (null != item && ++readSinceGrant == batch)
        {
            readSinceGrant = 0;
            owedCredit += batch;
            flush();
        }
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
        cancelPending = true;
        owedCredit = 0;
        flush();
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

    // A control frame refused by back pressure is owed, and offered again on the next call, never waited for.
    private void flush()
    {
        if (cancelPending && link.sendCancel())
        {
            cancelPending = false;
        }
        if (!cancelPending && owedCredit > 0 && link.sendCredit(owedCredit))
        {
            owedCredit = 0;
        }
    }
}
