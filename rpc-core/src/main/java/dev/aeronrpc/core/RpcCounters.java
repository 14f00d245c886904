package dev.aeronrpc.core;

import io.aeron.Aeron;
import io.aeron.Counter;
import org.agrona.CloseHelper;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A set of counters, one per thing a client or server counts: kept in this process (the truth, read by
 * {@link #snapshot()}) and mirrored to Aeron counters, which another process reads while this one runs (Aeron's
 * {@code AeronStat} lists them with their labels).
 * <p>
 * The Aeron counters live in the media driver's memory, mapped by the Aeron client. When that client is closed
 * under the set (by the application, or by Aeron after a stall), the mirror stops and the counts go on here;
 * {@link #reattach} mirrors them again through a new Aeron client.
 *
 * @param <S> the snapshot record.
 */
public abstract class RpcCounters<S> implements AutoCloseable
{
    private final AtomicLongArray values;
    private final Counter[] counters;
    private final int typeIdBase;
    private final String[] labels;
    private final String suffix;

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
        this.typeIdBase = typeIdBase;
        this.labels = labels.clone();
        this.suffix = suffix;
        this.values = new AtomicLongArray(labels.length);
        this.counters = new Counter[labels.length];
        addCounters(aeron);
    }

    private void addCounters(final Aeron aeron)
    {
        for (int i = 0; i < labels.length; i++)
        {
            counters[i] = aeron.addCounter(typeIdBase + i, labels[i] + suffix);
            counters[i].setRelease(values.get(i));
        }
    }

    /**
     * Mirrors the counts again through a new Aeron client, after the one that held them was closed.
     *
     * @param aeron the new Aeron client.
     */
    public void reattach(final Aeron aeron)
    {
        for (final Counter counter : counters)
        {
            CloseHelper.quietClose(counter);
        }
        addCounters(aeron);
    }

    /**
     * Adds one to a counter; safe from any thread.
     *
     * @param index the counter's position among the labels.
     */
    protected final void increment(final int index)
    {
        final long value = values.incrementAndGet(index);
        final Counter counter = counters[index];
        if (!counter.isClosed())
        {
            counter.setRelease(value);
        }
    }

    /**
     * Adds one to a counter that only one thread ever changes: no atomic operation.
     *
     * @param index the counter's position among the labels.
     */
    protected final void incrementBySoleWriter(final int index)
    {
        final long value = values.get(index) + 1;
        values.lazySet(index, value);
        final Counter counter = counters[index];
        if (!counter.isClosed())
        {
            counter.setRelease(value);
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
     * Reads every count.
     *
     * @return the counts now.
     */
    public S snapshot()
    {
        final long[] now = new long[labels.length];
        for (int i = 0; i < now.length; i++)
        {
            now[i] = values.get(i);
        }
        return snapshotOf(now);
    }

    @Override
    public void close()
    {
        for (final Counter counter : counters)
        {
            CloseHelper.quietClose(counter);
        }
    }
}
