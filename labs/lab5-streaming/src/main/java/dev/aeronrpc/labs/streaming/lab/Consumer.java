package dev.aeronrpc.labs.streaming.lab;

/**
 * The consuming end of a stream. One thread uses it: the reader's.
 */
public interface Consumer
{
    /** One item of the stream. */
    record Item(long sequence, long value)
    {
    }

    /**
     * Opens the stream: grants the producer its first credit.
     */
    void start();

    /**
     * The next item, if one has arrived; never blocks.
     *
     * @return the item, or null if none is there yet (or the stream ended).
     */
    Item read();

    /**
     * @return true once the end arrived and every item before it was read.
     */
    boolean isEnded();

    /**
     * Tells the producer to stop. Items already on their way may still arrive; they need not be read.
     */
    void cancel();

    /**
     * @return items received and not yet read: what this end holds in memory.
     */
    int buffered();
}
