package dev.aeronrpc.labs.guarantees;

import dev.aeronrpc.labs.guarantees.lab.Deduplicator;
import dev.aeronrpc.labs.guarantees.lab.Journal;

import java.util.OptionalLong;

/**
 * Steps 4 and 5: the server's memory of what it applied. As given it remembers nothing, so every attempt that
 * arrives is applied.
 */
final class MyDeduplicator implements Deduplicator
{
    @Override
    public OptionalLong lookup(final long clientId, final long requestId)
    {
        // TODO step 4: the result recorded for (clientId, requestId), if the request was applied before.
        return OptionalLong.empty();
    }

    @Override
    public void record(final long clientId, final long requestId, final long result)
    {
        // TODO step 4: remember the result of (clientId, requestId).
    }

    @Override
    public void recover(final Journal journal)
    {
        // TODO step 5: a restarted server must remember what the one before it applied: the journal says.
    }
}
