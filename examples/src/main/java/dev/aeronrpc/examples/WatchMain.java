package dev.aeronrpc.examples;

import dev.aeronrpc.client.ClientStream;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.examples.api.MarketClient;
import dev.aeronrpc.examples.api.PriceTickDecoder;

/**
 * Watches the infinite Market.ticks stream of a running example server, printing a price every 200 ms until
 * Ctrl-C. The reader is slow on purpose: with a window of 8 items, the server sends only as fast as this reads.
 * <p>
 * {@code java -jar aeron-rpc-examples.jar watch [instrumentId]} (start {@code server} first).
 */
public final class WatchMain
{
    private WatchMain()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        final long instrumentId = args.length > 1 ? Long.parseLong(args[1]) : 7;
        // Ctrl-C stops the loop, and this thread then closes the stream, the client and its embedded driver (whose
        // directory would otherwise stay behind); the hook waits for that.
        final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            running.set(false);
            try
            {
                closed.await(5, java.util.concurrent.TimeUnit.SECONDS);
            }
            catch (final InterruptedException ignore)
            {
                Thread.currentThread().interrupt();
            }
        }));
        try
        {
            watch(instrumentId, running);
        }
        finally
        {
            closed.countDown();
        }
    }

    private static ClientStream<PriceTickDecoder> startWatching(final MarketClient market, final long instrumentId)
    {
        return market.ticks(market.ticksRequest().instrumentId(instrumentId));
    }

    private static void watch(final long instrumentId, final java.util.concurrent.atomic.AtomicBoolean running)
        throws InterruptedException
    {
        try (RpcClient client = RpcClient.connect(new RpcClient.Context());
            ClientStream<PriceTickDecoder> ticks = startWatching(new MarketClient(client).withWindow(8), instrumentId))
        {
            System.out.println("watching instrument " + instrumentId + " on " + client.context().requestChannel() +
                "; Ctrl-C to stop");
            while (running.get() && ticks.hasNext())
            {
                final PriceTickDecoder tick = ticks.next();
                System.out.printf("tick %6d  %s%n", tick.number(), Cents.format(tick.priceCents()));
                Thread.sleep(200);
            }
        }
    }
}
