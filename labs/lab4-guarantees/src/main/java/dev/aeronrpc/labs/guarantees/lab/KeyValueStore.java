package dev.aeronrpc.labs.guarantees.lab;

import org.agrona.collections.Long2LongHashMap;

/**
 * The server's state: a map of keys to values, changed only by applying requests, each application written to the
 * journal before it takes effect in memory, and rebuilt from the journal when a server starts.
 */
public final class KeyValueStore
{
    private final Long2LongHashMap values = new Long2LongHashMap(Long.MIN_VALUE);
    private final Journal journal;

    /**
     * A store over a journal, with the journal's earlier entries replayed.
     *
     * @param journal to write to and recover from.
     */
    public KeyValueStore(final Journal journal)
    {
        this.journal = journal;
        for (final Journal.Entry entry : journal.entries())
        {
            values.put(entry.key(), valueAfter(entry.op(), current(entry.key()), entry.value()));
        }
    }

    /**
     * Applies a request: journals it, then changes the state.
     *
     * @param request to apply.
     * @return its result.
     */
    public long apply(final Request request)
    {
        final long result = valueAfter(request.op(), current(request.key()), request.value());
        journal.append(new Journal.Entry(
            request.clientId(), request.requestId(), request.op(), request.key(), request.value(), result));
        values.put(request.key(), result);
        return result;
    }

    private long current(final long key)
    {
        final long value = values.get(key);
        return value == Long.MIN_VALUE ? 0 : value;
    }

    /**
     * What a key holds after an op: the register-and-counter model the linearizability checker also uses.
     *
     * @param op      applied.
     * @param current value of the key.
     * @param operand of the op.
     * @return the value after the op, which is also the op's result.
     */
    public static long valueAfter(final Op op, final long current, final long operand)
    {
        return switch (op)
        {
            case PUT -> operand;
            case GET -> current;
            case ADD -> current + operand;
        };
    }
}
