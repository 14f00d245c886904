package dev.aeronrpc.labs.streaming.lab;

/**
 * Where a producer's items come from: item {@code n} of the stream is {@code valueAt(n)}. A finite source has a
 * last item; an infinite one never runs out. Producing is cheap here; in real life it may be a file, a query, a
 * market feed.
 */
public interface ItemSource extends AutoCloseable
{
    /**
     * @param sequence of an item, from 0.
     * @return whether the source has that item (false past the end of a finite source).
     */
    boolean has(long sequence);

    /**
     * @param sequence of an item the source has.
     * @return its value.
     */
    long valueAt(long sequence);

    /**
     * Releases the source: a cancelled stream's producer must close it.
     */
    @Override
    void close();
}
