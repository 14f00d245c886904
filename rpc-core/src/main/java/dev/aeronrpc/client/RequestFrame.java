package dev.aeronrpc.client;

import org.agrona.ExpandableArrayBuffer;

/**
 * A calling thread's frame buffer, which requests are encoded into in place. It knows whose it is, so that a
 * request built on one thread and passed to a call on another is refused instead of sent while its builder may be
 * writing the next one over it.
 */
final class RequestFrame extends ExpandableArrayBuffer
{
    private final CallSlot owner;

    RequestFrame(final CallSlot owner, final int initialCapacity)
    {
        super(initialCapacity);
        this.owner = owner;
    }

    CallSlot owner()
    {
        return owner;
    }
}
