package dev.aeronrpc.labs.streaming;

import dev.aeronrpc.labs.streaming.lab.ItemSource;
import dev.aeronrpc.labs.streaming.lab.Link;
import dev.aeronrpc.labs.streaming.lab.Producer;

/**
 * The producing end. As given it sends as fast as Aeron takes items, whoever is reading, and never stops an
 * infinite stream.
 */
final class MyProducer implements Producer, Link.ControlListener
{
    /** Items sent per duty cycle at most, so one cycle never runs long. */
    private static final int BATCH = 64;

    private final Link link;
    private final ItemSource source;
    private long nextSequence;
    private boolean endSent;

    MyProducer(final Link link, final ItemSource source)
    {
        this.link = link;
        this.source = source;
    }

    @Override
    public int doWork()
    {
        int work = link.pollControl(this, 10);
        // TODO step 1: send only while there is credit, and take one credit per item sent.
        // TODO step 3: once cancelled, send nothing more.
        for (int i = 0; i < BATCH && source.has(nextSequence); i++)
        {
            if (!link.sendItem(nextSequence, source.valueAt(nextSequence)))
            {
                return work;   // back pressure: the same item again next cycle
            }
            nextSequence++;
            work++;
        }
        if (!source.has(nextSequence) && !endSent && link.sendEnd(nextSequence))
        {
            endSent = true;
            work++;
        }
        return work;
    }

    @Override
    public boolean isDone()
    {
        // TODO step 3: a cancelled stream is done too.
        return endSent;
    }

    @Override
    public void onCredit(final int items)
    {
        // TODO step 1: the consumer grants this many more items.
    }

    @Override
    public void onCancel()
    {
        // TODO step 3: stop, and close the source.
    }
}
