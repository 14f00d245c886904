package dev.aeronrpc.benchmarks;

/**
 * A producer that sends items one way and a consumer that reads them: the streaming mode.
 * <p>
 * Called from one thread, the consumer's.
 */
public interface ItemStream extends AutoCloseable
{
    /**
     * Asks the producer for {@code count} items and reads them all.
     *
     * @param count how many items to move.
     * @return how many items were read: {@code count}, or fewer if the stream broke.
     */
    long transfer(long count);

    @Override
    void close();
}
