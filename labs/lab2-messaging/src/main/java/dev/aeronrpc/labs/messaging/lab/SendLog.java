package dev.aeronrpc.labs.messaging.lab;

import dev.aeronrpc.core.Status;

import java.util.Arrays;

/**
 * What the sender knows about each reading it sent: the sender's own account, which the grader compares with
 * {@link Arrivals}.
 */
public final class SendLog
{
    /** What the sender saw of one reading. */
    public enum Outcome
    {
        /** Not sent (yet). */
        NONE,
        /** One-way: handed to Aeron ({@code report} returned true). */
        HANDED,
        /** One-way: refused ({@code report} returned false): never sent. */
        DROPPED,
        /** Call: answered with an acknowledgement of this reading. */
        ACKED,
        /** Call: ended with an error status. */
        FAILED
    }

    private final Outcome[] outcomes;
    private final Status[] statuses;

    /**
     * @param count readings to be sent.
     */
    public SendLog(final int count)
    {
        outcomes = new Outcome[count];
        statuses = new Status[count];
        Arrays.fill(outcomes, Outcome.NONE);
    }

    public void handed(final long sequence)
    {
        outcomes[(int)sequence] = Outcome.HANDED;
    }

    public void dropped(final long sequence)
    {
        outcomes[(int)sequence] = Outcome.DROPPED;
    }

    public void acked(final long sequence)
    {
        outcomes[(int)sequence] = Outcome.ACKED;
    }

    public void failed(final long sequence, final Status status)
    {
        outcomes[(int)sequence] = Outcome.FAILED;
        statuses[(int)sequence] = status;
    }

    public Outcome outcome(final long sequence)
    {
        return outcomes[(int)sequence];
    }

    public Status status(final long sequence)
    {
        return statuses[(int)sequence];
    }

    public int count()
    {
        return outcomes.length;
    }

    public long count(final Outcome outcome)
    {
        return Arrays.stream(outcomes).filter(o -> o == outcome).count();
    }
}
