package dev.aeronrpc.benchmarks;

import org.agrona.collections.Long2LongHashMap;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by every thread of this JVM between {@link #start()} and {@link #stop()}, from the JVM's
 * per-thread allocation counter. The client's and the server's hot threads live in this process, so their
 * allocations are all in the sum; a thread that ends in between takes its count with it.
 */
public final class AllocationMeter
{
    private static final long NOT_SEEN = Long.MIN_VALUE;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private final Long2LongHashMap startBytes = new Long2LongHashMap(NOT_SEEN);
    private long ownBytes;

    /**
     * A meter that knows how much its own reading allocates, so as to leave it out.
     */
    public AllocationMeter()
    {
        for (int i = 0; i < 3; i++)
        {
            start();
            ownBytes = 0;
            ownBytes = stop();
        }
    }

    /**
     * Whether this JVM counts allocations per thread.
     *
     * @return true when the counter is there and on.
     */
    public boolean isSupported()
    {
        return threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled();
    }

    /**
     * Takes every live thread's count as the baseline.
     */
    public void start()
    {
        startBytes.clear();
        final long[] ids = threads.getAllThreadIds();
        final long[] bytes = threads.getThreadAllocatedBytes(ids);
        for (int i = 0; i < ids.length; i++)
        {
            startBytes.put(ids[i], Math.max(0, bytes[i]));
        }
    }

    /**
     * Bytes allocated since {@link #start()} by all live threads, the new ones included.
     *
     * @return the bytes allocated in between.
     */
    public long stop()
    {
        final long[] ids = threads.getAllThreadIds();
        final long[] bytes = threads.getThreadAllocatedBytes(ids);
        long total = 0;
        for (int i = 0; i < ids.length; i++)
        {
            if (bytes[i] >= 0)
            {
                final long startedAt = startBytes.get(ids[i]);
                total += bytes[i] - (NOT_SEEN == startedAt ? 0 : startedAt);
            }
        }
        return Math.max(0, total - ownBytes);
    }
}
