package dev.aeronrpc.client;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Where a stream read as an iterator keeps the items that have arrived and are not read yet: a ring of slots,
 * indexed by the item's position in the stream. A {@link CallSlot} keeps the ring of its last finished stream for
 * the next one, so streams read one after another allocate their ring once.
 * <p>
 * Written by the thread polling the client, read by the stream's reader; the stream's produced and consumed
 * counters (volatile) order the two.
 */
final class ItemRing
{
    private static final int INITIAL_SLOT_BYTES = 256;

    private final ExpandableArrayBuffer[] slots;
    private final int[] lengths;
    private final long[] sequences;
    private final int mask;

    /**
     * A ring of at least {@code capacity} slots: a power of two, so that a position finds its slot with a mask.
     *
     * @param capacity the fewest slots.
     */
    ItemRing(final int capacity)
    {
        final int size = org.agrona.BitUtil.findNextPositivePowerOfTwo(capacity);
        slots = new ExpandableArrayBuffer[size];
        for (int i = 0; i < size; i++)
        {
            slots[i] = new ExpandableArrayBuffer(INITIAL_SLOT_BYTES);
        }
        lengths = new int[size];
        sequences = new long[size];
        mask = size - 1;
    }

    int capacity()
    {
        return slots.length;
    }

    void put(final long position, final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        final int slot = slot(position);
        slots[slot].putBytes(0, buffer, offset, length);
        lengths[slot] = length;
        sequences[slot] = sequence;
    }

    MutableDirectBuffer buffer(final long position)
    {
        return slots[slot(position)];
    }

    int length(final long position)
    {
        return lengths[slot(position)];
    }

    long sequence(final long position)
    {
        return sequences[slot(position)];
    }

    private int slot(final long position)
    {
        return (int)position & mask;
    }
}
