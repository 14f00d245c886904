package dev.aeronrpc.client;

import dev.aeronrpc.core.Deadline;
import dev.aeronrpc.core.Delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The base of every generated client proxy ({@code BankClient}): the client it calls through and the
 * {@link CallOptions} of this view, as gRPC's {@code AbstractStub}. Each {@code with...} returns a new view of the
 * same client with one option changed; make the views a program needs once and reuse them, so that a call
 * allocates nothing.
 * <p>
 * Immutable and thread-safe: any number of threads may call through one view.
 *
 * @param <S> the generated proxy's own type, so that {@code with...} returns it.
 */
public abstract class ServiceClient<S extends ServiceClient<S>>
{
    /** The client calls go through. */
    protected final RpcClient client;

    /** The options every call through this view uses. */
    protected final CallOptions options;

    /**
     * A view of a client with some options.
     *
     * @param client  the client to call through.
     * @param options the options of this view.
     */
    protected ServiceClient(final RpcClient client, final CallOptions options)
    {
        this.client = Objects.requireNonNull(client, "client");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Makes the view of the same client with other options; generated proxies implement it with their constructor.
     *
     * @param client  the client.
     * @param options the options.
     * @return the new view.
     */
    protected abstract S build(RpcClient client, CallOptions options);

    /**
     * A view whose calls each may take this long before they end with DEADLINE_EXCEEDED.
     *
     * @param timeout a positive duration.
     * @return the view.
     */
    public S withTimeout(final Duration timeout)
    {
        return build(client, options.withTimeout(timeout));
    }

    /**
     * A view whose calls all end by this deadline, however many are made.
     *
     * @param deadline the deadline, or null for none.
     * @return the view.
     */
    public S withDeadline(final Deadline deadline)
    {
        return build(client, options.withDeadline(deadline));
    }

    /**
     * A view whose calls all end by this long from now, as gRPC's {@code withDeadlineAfter}: the deadline is fixed
     * when the view is made.
     *
     * @param duration how long from now.
     * @return the view.
     */
    public S withDeadlineAfter(final Duration duration)
    {
        return build(client, options.withDeadline(Deadline.after(duration)));
    }

    /**
     * A view whose calls use at most this guarantee: {@link Delivery#AT_MOST_ONCE} turns retries off.
     *
     * @param delivery the limit, or null for each method's declared guarantee.
     * @return the view.
     */
    public S withDelivery(final Delivery delivery)
    {
        return build(client, options.withDelivery(delivery));
    }

    /**
     * A view whose listeners and observers run on this executor.
     *
     * @param executor the executor, or null for the client's default.
     * @return the view.
     */
    public S withExecutor(final Executor executor)
    {
        return build(client, options.withExecutor(executor));
    }

    /**
     * A view whose streams let the producer send this many items ahead of the reader.
     *
     * @param window a positive count.
     * @return the view.
     */
    public S withWindow(final int window)
    {
        return build(client, options.withWindow(window));
    }

    /**
     * A view with these options instead.
     *
     * @param options the options.
     * @return the view.
     */
    public S withOptions(final CallOptions options)
    {
        return build(client, options);
    }

    /**
     * The options of this view.
     *
     * @return the options.
     */
    public CallOptions options()
    {
        return options;
    }

    /**
     * The client this view calls through.
     *
     * @return the client.
     */
    public RpcClient client()
    {
        return client;
    }
}
