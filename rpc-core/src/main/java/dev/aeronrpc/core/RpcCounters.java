package dev.aeronrpc.core;

import io.aeron.Aeron;
import io.aeron.Counter;
import org.agrona.CloseHelper;

/**
 * A set of Aeron counters, one per thing a client or server counts, readable from another process while this one
 * runs (Aeron's {@code AeronStat} lists them with their labels) and as a snapshot record.
 * <p>
 * The counters live in the media driver's memory, mapped by the Aeron client. Once that client is closed, as when
 * an application closes it before this set, the memory is gone: increments are then skipped, and a snapshot taken
 * at {@link #close()} keeps the last values.
 *
 * @param <S> the snapshot record.
 */
public abstract class RpcCounters<S> implements AutoCloseable
{
    private final Counter[] counters;
    private volatile S lastSnapshot;

    /**
     * Adds one counter per label, with consecutive type ids.
     *
     * @param aeron      the Aeron client whose driver holds the counters.
     * @param typeIdBase type id of the first counter.
     * @param labels     what each counter counts.
     * @param suffix     appended to every label, to tell clients or servers apart.
     */
    protected RpcCounters(final Aeron aeron, final int typeIdBase, final String[] labels, final String suffix)
    {
        counters = new Counter[labels.length];
        for (int i = 0; i < labels.length; i++)
        {
            counters[i] = aeron.addCounter(typeIdBase + i, labels[i] + suffix);
        }
    }

    /**
     * Adds one to a counter.
     *
     * @param index the counter's position among the labels.
     */
    protected final void increment(final int index)
    {
        final Counter counter = counters[index];
        if (!counter.isClosed())
        {
            counter.incrementRelease();
        }
    }

    /**
     * Makes the snapshot record from the counters' values.
     *
     * @param values one value per label, in order.
     * @return the record.
     */
    protected abstract S snapshotOf(long[] values);

    /**
     * Reads every counter; after {@link #close()}, their last values.
     *
     * @return the counters now.
     */
    public S snapshot()
    {
        final S last = lastSnapshot;
        return null != last ? last : read();
    }

    private S read()
    {
        final long[] values = new long[counters.length];
        if (!counters[0].isClosed())
        {
            for (int i = 0; i < counters.length; i++)
            {
                values[i] = counters[i].get();
            }
        }
        return snapshotOf(values);
    }

    @Override
    public void close()
    {
        if (null == lastSnapshot)
        {
            lastSnapshot = read();
        }
        CloseHelper.closeAll(counters);
    }
}
