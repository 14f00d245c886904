package dev.aeronrpc.labs.guarantees.solution;

import dev.aeronrpc.labs.guarantees.lab.Deduplicator;
import dev.aeronrpc.labs.guarantees.lab.Journal;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Results by (client id, request id), rebuilt from the journal when a server starts: the same record that makes
 * the effect durable makes the memory of it durable, so the two cannot disagree after a restart.
 * <p>
 * Unbounded, to keep the lab small: a real table forgets entries after a window (the framework's
 * {@code ExactlyOnceTable} keeps a bounded, expiring table and a per-client low-water mark) and must then refuse,
 * not re-run, a repeat older than it remembers.
 */
public final class JournaledDeduplicator implements Deduplicator
{
    private record Key(long clientId, long requestId)
    {
    }

    private final Map<Key, Long> results = new HashMap<>();

    @Override
    public OptionalLong lookup(final long clientId, final long requestId)
    {
        final Long result = results.get(new Key(clientId, requestId));
        return null == result ? OptionalLong.empty() : OptionalLong.of(result);
    }

    @Override
    public void record(final long clientId, final long requestId, final long result)
    {
        results.put(new Key(clientId, requestId), result);
    }

    @Override
    public void recover(final Journal journal)
    {
        for (final Journal.Entry entry : journal.entries())
        {
            record(entry.clientId(), entry.requestId(), entry.result());
        }
    }
}
