package dev.aeronrpc.benchmarks;

/**
 * How the bytes travel.
 */
public enum Transport
{
    /** Aeron IPC: shared memory on one host. */
    IPC("ipc"),
    /** Aeron UDP unicast on loopback. */
    UDP("udp"),
    /** TCP on loopback (gRPC over HTTP/2). */
    TCP("tcp");

    private final String label;

    Transport(final String label)
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
