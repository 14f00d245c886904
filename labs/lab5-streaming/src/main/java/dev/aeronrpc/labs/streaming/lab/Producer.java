package dev.aeronrpc.labs.streaming.lab;

/**
 * The producing end of a stream, as an Agrona-style duty cycle: {@link #doWork()} is called again and again by one
 * thread, and must never block.
 */
public interface Producer
{
    /**
     * Does what can be done now: reads control frames, sends items the credit allows, ends or stops.
     *
     * @return how much work was done (0 when there was nothing to do), as {@code Agent.doWork} returns.
     */
    int doWork();

    /**
     * @return true once the stream has ended (every item of a finite source sent, and the end) or was cancelled.
     */
    boolean isDone();
}
