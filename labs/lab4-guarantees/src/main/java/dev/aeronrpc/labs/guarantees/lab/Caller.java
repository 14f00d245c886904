package dev.aeronrpc.labs.guarantees.lab;

/**
 * Makes one call through a {@link MiniClient}: sends the request, waits for its answer, and decides what to do when
 * none comes.
 */
public interface Caller
{
    /**
     * Calls and waits for the answer.
     *
     * @param client     to send through and read answers from; owned by the calling thread.
     * @param request    with its request id already assigned: every attempt sends this same request.
     * @param deadlineNs {@link System#nanoTime()} after which the call gives up.
     * @return the answer.
     * @throws CallFailedException when the call gives up: the deadline passed or retries were throttled.
     */
    Response call(MiniClient client, Request request, long deadlineNs);
}
