package dev.aeronrpc.faults;

import io.aeron.driver.ext.LossGenerator;
import org.agrona.concurrent.UnsafeBuffer;

import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link LossGenerator} whose loss can be changed while the media driver runs: it drops a fraction of frames at
 * random, or every frame during a blackout.
 * <p>
 * Threads: {@link #shouldDropFrame(InetSocketAddress, UnsafeBuffer, int)} is called by the media driver thread that
 * owns the channel endpoint, the sender thread for a send endpoint and the receiver thread for a receive endpoint
 * (one and the same thread in SHARED and SHARED_NETWORK threading modes). One instance must only ever be called by
 * one such thread, because its random number generator is not thread safe. The settings and counters may be used
 * from any thread: the settings are volatile and take effect from the next frame, the counters are written by the
 * driver thread alone and published with release stores.
 * <p>
 * A "frame" here is what the endpoint hands over at once: one UDP datagram, which may batch several messages.
 */
public final class SwitchableLoss implements LossGenerator
{
    private final SplittableRandom random;
    private final AtomicLong framesSeen = new AtomicLong();
    private final AtomicLong framesDropped = new AtomicLong();
    private volatile double dropFraction;
    private volatile boolean blackout;

    /**
     * A loss generator that drops nothing until told to.
     *
     * @param seed of the random choice of frames to drop, so a run with the same traffic drops the same frames.
     */
    public SwitchableLoss(final long seed)
    {
        random = new SplittableRandom(seed);
    }

    /**
     * Drops this fraction of frames at random from now on; a blackout, while on, still drops them all.
     *
     * @param fraction from 0.0 (drop nothing) to 1.0 (drop everything).
     * @return this for a fluent API.
     * @throws IllegalArgumentException if the fraction is not within 0.0 to 1.0.
     */
    public SwitchableLoss dropFraction(final double fraction)
    {
        if (!(fraction >= 0.0 && fraction <= 1.0))
        {
            throw new IllegalArgumentException("drop fraction must be within 0.0 to 1.0: " + fraction);
        }
        dropFraction = fraction;
        return this;
    }

    /**
     * The fraction of frames dropped at random.
     *
     * @return from 0.0 to 1.0.
     */
    public double dropFraction()
    {
        return dropFraction;
    }

    /**
     * Drops every frame, whatever the drop fraction, while on.
     *
     * @param blackout true to drop everything, false to go back to the drop fraction.
     * @return this for a fluent API.
     */
    public SwitchableLoss blackout(final boolean blackout)
    {
        this.blackout = blackout;
        return this;
    }

    /**
     * Whether every frame is being dropped.
     *
     * @return true during a blackout.
     */
    public boolean blackout()
    {
        return blackout;
    }

    /**
     * Frames offered to this generator so far, dropped or not.
     *
     * @return the count since construction.
     */
    public long framesSeen()
    {
        return framesSeen.get();
    }

    /**
     * Frames this generator has dropped so far.
     *
     * @return the count since construction.
     */
    public long framesDropped()
    {
        return framesDropped.get();
    }

    /**
     * Called by the driver thread that owns the endpoint, for each frame it is about to send or has just received.
     *
     * @param address the frame goes to or came from.
     * @param buffer  holding the frame.
     * @param length  of the frame in bytes.
     * @return true to drop the frame as if the network had lost it.
     */
    @Override
    public boolean shouldDropFrame(final InetSocketAddress address, final UnsafeBuffer buffer, final int length)
    {
        // Single writer: a release store is enough for readers on other threads, no atomic increment needed.
        framesSeen.setRelease(framesSeen.getPlain() + 1);

        final double fraction = dropFraction;
        final boolean drop = blackout || (fraction > 0.0 && random.nextDouble() < fraction);
        if (drop)
        {
            framesDropped.setRelease(framesDropped.getPlain() + 1);
        }

        return drop;
    }
}
