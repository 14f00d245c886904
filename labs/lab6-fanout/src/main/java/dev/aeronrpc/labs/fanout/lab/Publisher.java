package dev.aeronrpc.labs.fanout.lab;

/**
 * The publishing end: items of 16 bytes (sequence, value), little-endian, one message each. One thread uses it.
 */
public interface Publisher extends AutoCloseable
{
    /** Length of an item's message: sequence (long) then value (long). */
    int ITEM_LENGTH = 16;

    /**
     * Offers one item, once; never waits.
     *
     * @param sequence of the item, from 0.
     * @param value    of the item.
     * @return true if the item was published, false if Aeron refused it (try again later).
     */
    boolean publish(long sequence, long value);

    /**
     * @return whether at least one subscriber is connected.
     */
    boolean isConnected();

    @Override
    void close();
}
