package dev.aeronrpc.labs.messaging.lab;

import java.util.BitSet;

/**
 * What reached the server: the handlers tell it each reading they get. The grader compares it with what the
 * sender says it sent. Handlers run on the server's poll thread, one at a time; the grader reads after the run.
 */
public final class Arrivals
{
    private final BitSet oneWay = new BitSet();
    private final BitSet requestResponse = new BitSet();
    private long duplicates;

    /**
     * A one-way reading arrived.
     *
     * @param sequence of the reading.
     */
    public synchronized void oneWay(final long sequence)
    {
        mark(oneWay, sequence);
    }

    /**
     * A reading sent as a call arrived.
     *
     * @param sequence of the reading.
     */
    public synchronized void requestResponse(final long sequence)
    {
        mark(requestResponse, sequence);
    }

    public synchronized boolean hasOneWay(final long sequence)
    {
        return oneWay.get((int)sequence);
    }

    public synchronized boolean hasRequestResponse(final long sequence)
    {
        return requestResponse.get((int)sequence);
    }

    public synchronized int oneWayCount()
    {
        return oneWay.cardinality();
    }

    public synchronized int requestResponseCount()
    {
        return requestResponse.cardinality();
    }

    public synchronized long duplicates()
    {
        return duplicates;
    }

    private void mark(final BitSet set, final long sequence)
    {
        if (sequence < 0 || sequence > 1_000_000)
        {
            throw new IllegalArgumentException("sequence out of range: " + sequence);
        }
        if (set.get((int)sequence))
        {
            duplicates++;
        }
        set.set((int)sequence);
    }
}
