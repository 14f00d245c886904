package dev.aeronrpc.labs.streaming.solution;

import dev.aeronrpc.labs.streaming.lab.ItemSource;
import dev.aeronrpc.labs.streaming.lab.Link;
import dev.aeronrpc.labs.streaming.lab.Producer;

/**
 * Sends items only within the credit the consumer granted, as Reactive Streams' {@code request(n)} and RSocket's
 * REQUEST_N do. With no credit it does nothing, holds nothing and never blocks: the next CREDIT frame resumes it.
 */
final class CreditedProducer implements Producer, Link.ControlListener
{
    private static final int BATCH = 64;

    private final Link link;
    private final ItemSource source;
    private long credit;
    private long nextSequence;
    private boolean endSent;
    private boolean cancelled;

    CreditedProducer(final Link link, final ItemSource source)
    {
        this.link = link;
        this.source = source;
    }

    @Override
    public int doWork()
    {
        int work = link.pollControl(this, 10);
        if (cancelled)
        {
            return work;
        }
        for (int i = 0; i < BATCH && credit > 0 && source.has(nextSequence); i++)
        {
            if (!link.sendItem(nextSequence, source.valueAt(nextSequence)))
            {
                return work;   // back pressure: the same item again next cycle, the credit still unspent
            }
            nextSequence++;
            credit--;
            work++;
        }
        // The end needs no credit: it is not an item, and a reader waiting at zero credit must still see it.
        if (!source.has(nextSequence) && !endSent && link.sendEnd(nextSequence))
        {
            endSent = true;
            source.close();
            work++;
        }
        return work;
    }

    @Override
    public boolean isDone()
    {
        return endSent || cancelled;
    }

    @Override
    public void onCredit(final int items)
    {
        credit += items;
    }

    @Override
    public void onCancel()
    {
        if (!cancelled)
        {
            cancelled = true;
            source.close();
        }
    }
}
