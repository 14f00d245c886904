package dev.aeronrpc.labs.fanout.lab;

/**
 * One subscribing end: polls its subscription and keeps count of what it received. One thread uses it.
 */
public interface Subscriber extends AutoCloseable
{
    /**
     * Reads what has arrived.
     *
     * @param limit the most items to read.
     * @return items read.
     */
    int poll(int limit);

    /**
     * @return whether the subscription has an image of the publication.
     */
    boolean isConnected();

    /**
     * @return items received so far.
     */
    long received();

    /**
     * @return the sequence of the first item received, or -1 if none yet.
     */
    long firstSequence();

    /**
     * @return the sequence of the last item received, or -1 if none yet.
     */
    long lastSequence();

    /**
     * @return items whose sequence was not the last one's + 1 (or whose value was wrong): 0 for a clean stream.
     */
    long anomalies();

    @Override
    void close();
}
