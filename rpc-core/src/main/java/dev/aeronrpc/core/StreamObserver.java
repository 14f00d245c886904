package dev.aeronrpc.core;

/**
 * Receives a stream of items pushed to it: any number of {@link #onNext} calls, then exactly one of
 * {@link #onCompleted()} or {@link #onError}. A client uses one to read a server stream
 * ({@code dev.aeronrpc.client.ClientStream}); a server handler to read a client stream
 * ({@code dev.aeronrpc.server.InboundStream}).
 * <p>
 * Threading: all methods run on the thread polling the client or server, one at a time; they must not block. An
 * item is a flyweight over the receive buffer, valid only during {@link #onNext}.
 *
 * @param <D> the item decoder type.
 */
public interface StreamObserver<D>
{
    /**
     * The next item.
     *
     * @param item     the item, valid only during this call.
     * @param sequence its number in the stream, from 0.
     */
    void onNext(D item, long sequence);

    /**
     * The producer ended the stream.
     */
    void onCompleted();

    /**
     * The stream failed: an error from the producer, a deadline, a cancellation, or the connection lost.
     *
     * @param status  why, never OK.
     * @param message what went wrong.
     */
    void onError(Status status, String message);
}
