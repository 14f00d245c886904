package dev.aeronrpc.benchmarks;

/**
 * What a scenario measures.
 */
public enum Mode
{
    /** Round-trip percentiles, open loop at a fixed rate. */
    LATENCY("latency"),
    /** Operations per second as fast as the pair can go, closed loop. */
    THROUGHPUT("throughput");

    private final String label;

    Mode(final String label)
    {
        this.label = label;
    }

    /**
     * The name written to the report.
     *
     * @return the label.
     */
    public String label()
    {
        return label;
    }
}
