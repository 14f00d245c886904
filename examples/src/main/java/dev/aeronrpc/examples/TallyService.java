package dev.aeronrpc.examples;

import dev.aeronrpc.examples.api.Tally;
import dev.aeronrpc.examples.api.TallyReplyEncoder;
import dev.aeronrpc.examples.api.TallyRequestDecoder;
import org.agrona.collections.Long2LongHashMap;

/**
 * Counts how often its handlers run for each key. The three methods do the same thing; only their declared
 * delivery guarantee differs, which is the point: the guarantee is a property of how a call is sent and
 * remembered, not of the code that serves it.
 * <p>
 * Registered without an executor, so every handler runs on the server's poll thread and the map needs no lock;
 * read the counts after the server is closed.
 */
public final class TallyService implements Tally
{
    private final Long2LongHashMap runsByKey = new Long2LongHashMap(0);
    private long runs;

    @Override
    public void countAtMostOnce(final TallyRequestDecoder request, final TallyReplyEncoder response)
    {
        count(request, response);
    }

    @Override
    public void countAtLeastOnce(final TallyRequestDecoder request, final TallyReplyEncoder response)
    {
        count(request, response);
    }

    @Override
    public void countExactlyOnce(final TallyRequestDecoder request, final TallyReplyEncoder response)
    {
        count(request, response);
    }

    /**
     * Handler runs in all.
     *
     * @return how many times any handler ran.
     */
    public long runs()
    {
        return runs;
    }

    /**
     * Keys whose handler ran more than once: calls executed twice or more.
     *
     * @return the number of such keys.
     */
    public long keysRunMoreThanOnce()
    {
        long keys = 0;
        for (final Long2LongHashMap.ValueIterator it = runsByKey.values().iterator(); it.hasNext(); )
        {
            if (it.nextValue() > 1)
            {
                keys++;
            }
        }
        return keys;
    }

    private void count(final TallyRequestDecoder request, final TallyReplyEncoder response)
    {
        runs++;
        final long key = request.key();
        final long keyRuns = runsByKey.get(key) + 1;
        runsByKey.put(key, keyRuns);
        response.key(key).runs(keyRuns);
    }
}
