package dev.aeronrpc.core;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A point in time on this process's {@link System#nanoTime()} clock by which a call must end, as gRPC's
 * {@code Deadline}: absolute, so that calls made one after another under one deadline share it (a handler that
 * calls another service passes on what is left of its own caller's deadline).
 * <p>
 * Immutable and cheap to compare; make one once and reuse it, a call through a view that carries a deadline
 * allocates nothing.
 */
public final class Deadline implements Comparable<Deadline>
{
    private final long deadlineNs;

    private Deadline(final long deadlineNs)
    {
        this.deadlineNs = deadlineNs;
    }

    /**
     * A deadline this long from now.
     *
     * @param duration how long from now; not negative.
     * @return the deadline.
     */
    public static Deadline after(final Duration duration)
    {
        return afterNs(duration.toNanos());
    }

    /**
     * A deadline this long from now.
     *
     * @param duration how long from now.
     * @param unit     the unit of {@code duration}.
     * @return the deadline.
     */
    public static Deadline after(final long duration, final TimeUnit unit)
    {
        return afterNs(unit.toNanos(duration));
    }

    /**
     * A deadline this many nanoseconds from now.
     *
     * @param durationNs nanoseconds from now; not negative.
     * @return the deadline.
     */
    public static Deadline afterNs(final long durationNs)
    {
        if (durationNs < 0)
        {
            throw new IllegalArgumentException("a deadline cannot be in the past: " + durationNs + " ns");
        }
        return new Deadline(System.nanoTime() + durationNs);
    }

    /**
     * A deadline at a point of the {@link System#nanoTime()} clock.
     *
     * @param deadlineNs the point in time.
     * @return the deadline.
     */
    public static Deadline atNanoTime(final long deadlineNs)
    {
        return new Deadline(deadlineNs);
    }

    /**
     * The point in time, on the {@link System#nanoTime()} clock.
     *
     * @return nanoseconds.
     */
    public long nanoTime()
    {
        return deadlineNs;
    }

    /**
     * How long is left.
     *
     * @param nowNs the time now, on the {@link System#nanoTime()} clock.
     * @return nanoseconds left; 0 or less once it has passed.
     */
    public long timeRemainingNs(final long nowNs)
    {
        return deadlineNs - nowNs;
    }

    /**
     * How long is left from now.
     *
     * @return nanoseconds left; 0 or less once it has passed.
     */
    public long timeRemainingNs()
    {
        return timeRemainingNs(System.nanoTime());
    }

    /**
     * Whether the deadline has passed.
     *
     * @return true once it has.
     */
    public boolean isExpired()
    {
        return timeRemainingNs() <= 0;
    }

    /**
     * The earlier of this deadline and another.
     *
     * @param other another deadline, or null.
     * @return the earlier one.
     */
    public Deadline minimum(final Deadline other)
    {
        return null == other || deadlineNs - other.deadlineNs <= 0 ? this : other;
    }

    @Override
    public int compareTo(final Deadline other)
    {
        return Long.signum(deadlineNs - other.deadlineNs);
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof Deadline deadline && deadline.deadlineNs == deadlineNs;
    }

    @Override
    public int hashCode()
    {
        return Long.hashCode(deadlineNs);
    }

    @Override
    public String toString()
    {
        final long remainingNs = timeRemainingNs();
        return remainingNs > 0 ?
            "deadline in " + TimeUnit.NANOSECONDS.toMillis(remainingNs) + " ms" :
            "deadline passed " + TimeUnit.NANOSECONDS.toMillis(-remainingNs) + " ms ago";
    }
}
