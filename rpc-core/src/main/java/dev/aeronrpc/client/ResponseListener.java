package dev.aeronrpc.client;

import dev.aeronrpc.core.Status;

/**
 * Receives the outcome of an asynchronous call: exactly one of the two methods is called, once.
 * <p>
 * Threading: both methods run on the thread that drives the client's duty cycle at that moment (the client's
 * agent thread, a thread blocked in a call of its own, or the caller of {@link RpcClient#poll()} in invoker
 * mode). They must return quickly and must not block: the next response waits for them. A response decoder is a
 * flyweight over the receive buffer and is valid only during {@link #onResponse(Object)}: copy out what is needed.
 * An exception thrown here is reported to the client's error handler and does not affect other calls.
 *
 * @param <R> the response decoder type.
 */
public interface ResponseListener<R>
{
    /**
     * The call succeeded.
     *
     * @param response the response, valid only during this callback.
     */
    void onResponse(R response);

    /**
     * The call failed.
     *
     * @param status  why, never {@link Status#OK}.
     * @param message what went wrong.
     */
    void onError(Status status, String message);
}
