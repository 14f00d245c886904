package dev.aeronrpc.core;

/**
 * What a method promises about a request that may be sent more than once, declared per method in the schema
 * ({@code delivery="at-most-once|at-least-once|exactly-once"}, at-most-once when absent).
 * <p>
 * Aeron delivers a stream reliably and in order while the connection lives, but nothing crosses a lost
 * connection, and an answer can be lost with the server that was about to send it. What the client does then
 * is the guarantee:
 * <ul>
 *     <li>{@link #AT_MOST_ONCE}: never sent again. A lost call ends with UNAVAILABLE or DEADLINE_EXCEEDED, which
 *     mean "outcome unknown": it may or may not have run.</li>
 *     <li>{@link #AT_LEAST_ONCE}: sent again, with the same request id, on timeout and after reconnection, until an
 *     answer or the deadline. The handler may run more than once, so it must be idempotent.</li>
 *     <li>{@link #EXACTLY_ONCE}: as at-least-once, and the server remembers each outcome by (client id, request
 *     id) for a bounded time, answering a repeat from memory: the handler runs once while the server lives.</li>
 * </ul>
 */
public enum Delivery
{
    /** One attempt; never sent again. */
    AT_MOST_ONCE,
    /** Sent again until answered; may run more than once. */
    AT_LEAST_ONCE,
    /** Sent again until answered; repeats answered from the server's memory. */
    EXACTLY_ONCE;

    /**
     * Whether a call with this guarantee is sent again when its answer does not come.
     *
     * @return true for at-least-once and exactly-once.
     */
    public boolean retries()
    {
        return AT_MOST_ONCE != this;
    }

    /**
     * The guarantee a call uses when its caller limits it: the weaker of this (the method's declared guarantee) and
     * the limit. A caller may always give up retries (at-most-once: the method then runs at most once for that
     * call); it can never add retries a method did not declare, since the handler may not be idempotent, nor drop
     * the server's deduplication, which the server decides from its own schema.
     *
     * @param limit the strongest guarantee the caller allows, or null for no limit.
     * @return the guarantee to use.
     */
    public Delivery atMost(final Delivery limit)
    {
        return null == limit || limit.ordinal() >= ordinal() ? this : limit;
    }
}
