package dev.aeronrpc.faults;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loss generator on its own, called as a driver thread would call it.
 */
@Timeout(10)
class SwitchableLossTest
{
    private static final int FRAMES = 10_000;
    private static final InetSocketAddress ADDRESS = new InetSocketAddress("localhost", 40_000);
    private static final UnsafeBuffer FRAME = new UnsafeBuffer(new byte[64]);

    private final SwitchableLoss loss = new SwitchableLoss(7);

    @Test
    void shouldDropNothingAtFractionZero()
    {
        loss.dropFraction(0.0);

        assertEquals(0, offerFrames(FRAMES));
        assertEquals(FRAMES, loss.framesSeen());
        assertEquals(0, loss.framesDropped());
    }

    @Test
    void shouldDropEverythingAtFractionOne()
    {
        loss.dropFraction(1.0);

        assertEquals(FRAMES, offerFrames(FRAMES));
        assertEquals(FRAMES, loss.framesSeen());
        assertEquals(FRAMES, loss.framesDropped());
    }

    @Test
    void shouldDropAboutTheFractionAsked()
    {
        loss.dropFraction(0.2);

        final int dropped = offerFrames(FRAMES);

        assertTrue(dropped > 0.18 * FRAMES && dropped < 0.22 * FRAMES, "dropped " + dropped + " of " + FRAMES);
        assertEquals(dropped, loss.framesDropped());
    }

    @Test
    void shouldDropEverythingDuringBlackoutWhateverTheFraction()
    {
        loss.dropFraction(0.0).blackout(true);
        assertEquals(FRAMES, offerFrames(FRAMES));

        loss.blackout(false);
        assertEquals(0, offerFrames(FRAMES));

        assertEquals(2 * FRAMES, loss.framesSeen());
        assertEquals(FRAMES, loss.framesDropped());
    }

    @Test
    void shouldRejectFractionOutsideZeroToOne()
    {
        assertThrows(IllegalArgumentException.class, () -> loss.dropFraction(-0.1));
        assertThrows(IllegalArgumentException.class, () -> loss.dropFraction(1.1));
        assertThrows(IllegalArgumentException.class, () -> loss.dropFraction(Double.NaN));
        assertEquals(0.0, loss.dropFraction());
    }

    private int offerFrames(final int count)
    {
        int dropped = 0;
        for (int i = 0; i < count; i++)
        {
            if (loss.shouldDropFrame(ADDRESS, FRAME, FRAME.capacity()))
            {
                dropped++;
            }
        }

        return dropped;
    }
}
