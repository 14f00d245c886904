package dev.aeronrpc.server;

/**
 * Fault injection: decides, after a handler has run, whether its answer is lost instead of sent, as if the server
 * had crashed between doing the work and replying. For tests and for seeing the delivery guarantees at work; a
 * production server uses {@link #NONE}. Called on the thread that ran the handler.
 */
@FunctionalInterface
public interface ResponseFilter
{
    /** Loses nothing. */
    ResponseFilter NONE = (serviceId, methodId, requestId, attempt) -> false;

    /**
     * Whether to lose this answer.
     *
     * @param serviceId the service.
     * @param methodId  the method.
     * @param requestId the request.
     * @param attempt   which send of the request this was, 1 for the first.
     * @return true to drop the answer.
     */
    boolean shouldDrop(int serviceId, int methodId, long requestId, int attempt);
}
