package dev.aeronrpc.benchmarks;

import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Payloads of the benchmarks: the first 8 bytes carry the time the payload was scheduled to leave, the rest is
 * filler. Every system moves the same payload bytes.
 */
public final class Stamps
{
    /** The smallest payload: the stamp alone. */
    public static final int MIN_PAYLOAD_BYTES = BitUtil.SIZE_OF_LONG;

    private Stamps()
    {
    }

    /**
     * A payload buffer of the given size, filled with a recognisable pattern.
     *
     * @param payloadBytes size of the payload.
     * @return the buffer, of exactly that capacity.
     */
    public static UnsafeBuffer payload(final int payloadBytes)
    {
        if (payloadBytes < MIN_PAYLOAD_BYTES)
        {
            throw new IllegalArgumentException("a payload holds at least its 8-byte stamp: " + payloadBytes);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[payloadBytes]);
        for (int i = 0; i < payloadBytes; i++)
        {
            buffer.putByte(i, (byte)i);
        }
        return buffer;
    }

    /**
     * Writes a stamp into a payload buffer.
     *
     * @param buffer  the payload.
     * @param stampNs the time.
     */
    public static void stamp(final UnsafeBuffer buffer, final long stampNs)
    {
        buffer.putLong(0, stampNs);
    }
}
