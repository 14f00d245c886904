package dev.aeronrpc.benchmarks;

/**
 * One of the compared systems, able to set up a pair of peers for each workload. Each thing it returns owns what
 * it started (drivers, servers, threads) and stops all of it on close.
 */
public interface Contender
{
    /**
     * The name written to the report: {@code aeron}, {@code rpc} or {@code grpc}.
     *
     * @return the system's name.
     */
    String system();

    /**
     * The transports this system runs on.
     *
     * @return the transports.
     */
    Transport[] transports();

    /**
     * Who runs where, for the report.
     *
     * @return a short description of the threads on each side.
     */
    String threads();

    /**
     * How the system's polling threads wait when there is nothing to do.
     *
     * @return the idle strategy, as the report shows it.
     */
    String idleStrategy();

    /**
     * The media driver's threading, or "none".
     *
     * @return the driver's threading mode.
     */
    String driverThreading();

    /**
     * A requester and an echoing responder.
     *
     * @param transport    how the bytes travel.
     * @param payloadBytes size of each request and answer.
     * @return the pair, ready.
     */
    RoundTrip roundTrip(Transport transport, int payloadBytes);

    /**
     * A requester that keeps many requests in flight and an echoing responder.
     *
     * @param transport    how the bytes travel.
     * @param payloadBytes size of each request and answer.
     * @return the pair, ready.
     */
    Pipeline pipeline(Transport transport, int payloadBytes);

    /**
     * A producer of items and a consumer.
     *
     * @param transport    how the bytes travel.
     * @param payloadBytes size of each item.
     * @return the pair, ready.
     */
    ItemStream itemStream(Transport transport, int payloadBytes);

    /**
     * Whether this system runs a workload.
     *
     * @param workload the workload.
     * @return true for all but the burst, by default.
     */
    default boolean runs(final Workload workload)
    {
        return Workload.BURST != workload;
    }

    /**
     * A client that puts many large asynchronous calls in flight at once, and an echoing server; only systems
     * with asynchronous calls of their own run it.
     *
     * @param transport    how the bytes travel.
     * @param payloadBytes size of each request and answer.
     * @return the pair, ready.
     * @throws UnsupportedOperationException when the system does not run this workload.
     */
    default Burst burst(final Transport transport, final int payloadBytes)
    {
        throw new UnsupportedOperationException(system() + " does not run the burst");
    }
}
