package dev.aeronrpc.client;

import dev.aeronrpc.core.Deadline;
import dev.aeronrpc.core.Delivery;
import dev.aeronrpc.core.MethodDescriptor;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * How calls are made, as gRPC's {@code CallOptions}: a timeout or an absolute deadline, a limit on the delivery
 * guarantee, the executor callbacks run on, and the window of stream items read ahead. Immutable: each
 * {@code with...} returns a new set; the generated proxies hold one ({@code bank.withTimeout(...)}) so that a view
 * made once is reused for every call and a call allocates nothing.
 * <p>
 * What is left unset takes the default of the method's kind (see the README's table):
 * <ul>
 *     <li>deadline: a unary call or a client stream ends after the client's {@code callTimeoutNs} (5 s by
 *     default); a server or bidirectional stream has none and runs until it ends or is cancelled;</li>
 *     <li>delivery: the guarantee the method declares;</li>
 *     <li>executor: the client's ({@link RpcClient.Context#callbackExecutor}), else the client's own thread;</li>
 *     <li>window: {@value #DEFAULT_WINDOW} items.</li>
 * </ul>
 */
public final class CallOptions
{
    /** Items a stream's reader lets the producer send ahead of it when no window is given. */
    public static final int DEFAULT_WINDOW = 64;

    /** The options with nothing set: every call takes its kind's defaults. */
    public static final CallOptions DEFAULT = new CallOptions(0, null, null, null, 0);

    /** The deadline of a call that has none: far enough away never to come. */
    static final long NO_DEADLINE_NS = Long.MAX_VALUE >> 2;

    private final long timeoutNs;
    private final Deadline deadline;
    private final Delivery delivery;
    private final Executor executor;
    private final int window;

    private CallOptions(
        final long timeoutNs, final Deadline deadline, final Delivery delivery, final Executor executor, final int window)
    {
        this.timeoutNs = timeoutNs;
        this.deadline = deadline;
        this.delivery = delivery;
        this.executor = executor;
        this.window = window;
    }

    /**
     * Each call may take this long from when it is made, then ends with DEADLINE_EXCEEDED; a deadline set too still
     * applies when it comes first.
     *
     * @param timeout a positive duration.
     * @return new options.
     */
    public CallOptions withTimeout(final Duration timeout)
    {
        return withTimeoutNs(timeout.toNanos());
    }

    /**
     * Each call may take this many nanoseconds from when it is made.
     *
     * @param timeoutNs positive nanoseconds.
     * @return new options.
     */
    public CallOptions withTimeoutNs(final long timeoutNs)
    {
        if (timeoutNs <= 0)
        {
            throw new IllegalArgumentException("a timeout must be positive: " + timeoutNs + " ns");
        }
        return new CallOptions(timeoutNs, deadline, delivery, executor, window);
    }

    /**
     * Every call ends by this point in time, however many are made under it; a timeout set too still applies when
     * it comes first.
     *
     * @param deadline the deadline, or null for none.
     * @return new options.
     */
    public CallOptions withDeadline(final Deadline deadline)
    {
        return new CallOptions(timeoutNs, deadline, delivery, executor, window);
    }

    /**
     * The strongest guarantee calls may use: {@link Delivery#AT_MOST_ONCE} turns retries off; a method that
     * declares a weaker guarantee keeps its own, since retries are never added to a method that did not declare
     * them.
     *
     * @param delivery the limit, or null for each method's declared guarantee.
     * @return new options.
     */
    public CallOptions withDelivery(final Delivery delivery)
    {
        return new CallOptions(timeoutNs, deadline, delivery, executor, window);
    }

    /**
     * Where listeners and observers run: an executor instead of the client's own thread, so that they may block or
     * take their time. Answers and items are then copied for them; a stream's items reach its observer in order,
     * one at a time.
     *
     * @param executor the executor, or null for the client's default.
     * @return new options.
     */
    public CallOptions withExecutor(final Executor executor)
    {
        return new CallOptions(timeoutNs, deadline, delivery, executor, window);
    }

    /**
     * How many items a stream read by the client lets the producer send ahead of the reader.
     *
     * @param window a positive count.
     * @return new options.
     */
    public CallOptions withWindow(final int window)
    {
        if (window <= 0)
        {
            throw new IllegalArgumentException("a window must be positive: " + window);
        }
        return new CallOptions(timeoutNs, deadline, delivery, executor, window);
    }

    /**
     * The timeout, or 0 when unset.
     *
     * @return nanoseconds.
     */
    public long timeoutNs()
    {
        return timeoutNs;
    }

    /**
     * The deadline, or null when unset.
     *
     * @return the deadline.
     */
    public Deadline deadline()
    {
        return deadline;
    }

    /**
     * The limit on the delivery guarantee, or null when unset.
     *
     * @return the delivery limit.
     */
    public Delivery delivery()
    {
        return delivery;
    }

    /**
     * The executor callbacks run on, or null for the client's default.
     *
     * @return the executor.
     */
    public Executor executor()
    {
        return executor;
    }

    /**
     * The window of stream items read ahead, or 0 for {@link #DEFAULT_WINDOW}.
     *
     * @return the window.
     */
    public int window()
    {
        return window;
    }

    /**
     * The window a stream opened with these options uses.
     *
     * @return a positive count.
     */
    int effectiveWindow()
    {
        return 0 == window ? DEFAULT_WINDOW : window;
    }

    /**
     * When a call of this kind, made now, must end.
     *
     * @param kind             the method's kind.
     * @param defaultTimeoutNs the client's timeout for unary calls and client streams.
     * @param nowNs            the time now.
     * @return the deadline on the {@link System#nanoTime()} clock.
     */
    long deadlineNs(final MethodDescriptor.Kind kind, final long defaultTimeoutNs, final long nowNs)
    {
        final long relativeNs = timeoutNs > 0 ? timeoutNs :
            MethodDescriptor.Kind.UNARY == kind || MethodDescriptor.Kind.CLIENT_STREAM == kind ?
                defaultTimeoutNs : NO_DEADLINE_NS;
        final long deadlineNs = nowNs + relativeNs;
        return null != deadline && deadline.nanoTime() - deadlineNs < 0 ? deadline.nanoTime() : deadlineNs;
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof CallOptions o && o.timeoutNs == timeoutNs && Objects.equals(o.deadline, deadline) &&
            o.delivery == delivery && o.executor == executor && o.window == window;
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(timeoutNs, deadline, delivery, executor, window);
    }

    @Override
    public String toString()
    {
        return "CallOptions{timeoutNs=" + timeoutNs + ", deadline=" + deadline + ", delivery=" + delivery +
            ", executor=" + executor + ", window=" + window + "}";
    }
}
