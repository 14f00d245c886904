package dev.aeronrpc.benchmarks.scale;

import dev.aeronrpc.client.RpcClient;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A few threads that drive many clients in invoker mode, as one process holding many connections should: each
 * thread polls its share of the clients in turn and backs off when a whole pass found nothing to do.
 */
final class ClientPollers implements AutoCloseable
{
    private final List<List<RpcClient>> shares = new CopyOnWriteArrayList<>();
    private final Thread[] threads;
    private volatile boolean running = true;
    private int next;

    ClientPollers(final int threadCount)
    {
        threads = new Thread[threadCount];
        for (int i = 0; i < threadCount; i++)
        {
            final List<RpcClient> share = new CopyOnWriteArrayList<>();
            shares.add(share);
            threads[i] = new Thread(() -> pollAll(share), "client-poller-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    int threads()
    {
        return threads.length;
    }

    synchronized void add(final RpcClient client)
    {
        shares.get(next++ % shares.size()).add(client);
    }

    private void pollAll(final List<RpcClient> share)
    {
        // Sleeps at most 1 ms when idle: the clients' own timers (heartbeats every few hundred ms) tolerate that.
        final IdleStrategy idle = new BackoffIdleStrategy(
            10, 10, TimeUnit.MICROSECONDS.toNanos(10), TimeUnit.MILLISECONDS.toNanos(1));
        while (running)
        {
            int work = 0;
            for (final RpcClient client : share)
            {
                work += client.poll();
            }
            idle.idle(work);
        }
    }

    @Override
    public void close() throws InterruptedException
    {
        running = false;
        for (final Thread thread : threads)
        {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
    }
}
