package dev.aeronrpc.labs.guarantees.lab;

/**
 * Fault injection in the server: decides, after a request was handled, whether its answer is lost on purpose, as
 * if the network had eaten it. The request's effect stays.
 */
@FunctionalInterface
public interface ReplyFilter
{
    /** Loses nothing. */
    ReplyFilter NONE = (clientId, requestId) -> false;

    /**
     * @param clientId  of the request answered.
     * @param requestId of the request answered.
     * @return true to drop the answer.
     */
    boolean drop(long clientId, long requestId);
}
