package dev.aeronrpc.benchmarks;

/**
 * The ways a scenario drives its pair of peers. Scenarios of the same workload, payload and transport are
 * like for like: same thread count, same idle strategy.
 */
public enum Workload
{
    /** One call in flight, sent at a fixed rate; each round trip timed from its scheduled send time. */
    UNARY_OPEN_LOOP("unary-blocking", Mode.LATENCY),
    /** One call in flight, the next sent as soon as the last answer is in: the most a single caller gets. */
    UNARY_CLOSED_LOOP("unary-blocking-closed-loop", Mode.THROUGHPUT),
    /** A window of calls in flight, answers taken as they come: the most one connection carries. */
    UNARY_PIPELINED("unary-pipelined", Mode.THROUGHPUT),
    /** One producer streaming items to one consumer as fast as both can go. */
    STREAM("stream", Mode.THROUGHPUT),
    /** A thousand asynchronous 256 KiB calls put in flight at once, then awaited: none may fail. */
    BURST("unary-burst-256k", Mode.THROUGHPUT);

    private final String label;
    private final Mode mode;

    Workload(final String label, final Mode mode)
    {
        this.label = label;
        this.mode = mode;
    }

    /**
     * The part of the scenario name that says what it does.
     *
     * @return the label.
     */
    public String label()
    {
        return label;
    }

    /**
     * Whether the workload reports latency or throughput first.
     *
     * @return the mode.
     */
    public Mode mode()
    {
        return mode;
    }
}
