package dev.aeronrpc.labs.streaming.lab;

/**
 * What a submission of lab 5 provides: the two ends of a credit-based stream over a {@link Link}.
 */
public interface StreamingLab
{
    /**
     * @param link   to send items on and read credit from.
     * @param source the items to send: finite or infinite.
     * @return the producing end.
     */
    Producer producer(Link link, ItemSource source);

    /**
     * @param link   to read items from and send credit on.
     * @param window the most items the consumer lets be sent and not yet read.
     * @return the consuming end, not yet started.
     */
    Consumer consumer(Link link, int window);
}
