package dev.aeronrpc.examples;

import dev.aeronrpc.client.ClientStream;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.RpcConfiguration;
import dev.aeronrpc.core.RpcMediaDriver;
import dev.aeronrpc.examples.api.MarketClient;
import dev.aeronrpc.examples.api.MarketStub;
import dev.aeronrpc.examples.api.PriceTickDecoder;
import dev.aeronrpc.server.RpcServer;

/**
 * Items per second of one server stream (Market.history, 32-byte PriceTick items) read as fast as the reader can,
 * over IPC and over UDP on one embedded driver. A quick look, not a benchmark harness.
 * <p>
 * {@code java -jar aeron-rpc-examples.jar throughput [items] [window]}
 */
public final class StreamThroughputMain
{
    private StreamThroughputMain()
    {
    }

    public static void main(final String[] args)
    {
        final int items = args.length > 1 ? Integer.parseInt(args[1]) : 5_000_000;
        final int window = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
        System.out.println("one server stream of " + items + " 32-byte items, window " + window +
            ", after a warm-up stream of the same size; idle strategy '" +
            System.getProperty(RpcConfiguration.IDLE_STRATEGY_PROP_NAME, RpcConfiguration.IDLE_STRATEGY_DEFAULT) +
            "' for the driver (SHARED), the server agent, the client agent and the reading thread");

        try (RpcMediaDriver driver = RpcMediaDriver.launch())
        {
            for (final String channel : new String[]{"aeron:ipc", "aeron:udp?endpoint=localhost:0"})
            {
                try (RpcServer server = RpcServer.launch(new RpcServer.Context()
                        .aeronDirectoryName(driver.aeronDirectoryName())
                        .channel(channel)
                        .addService(new MarketStub(new MarketService())));
                    RpcClient client = RpcClient.connect(new RpcClient.Context()
                        .aeronDirectoryName(driver.aeronDirectoryName())
                        .requestChannel(server.channel())))
                {
                    final MarketClient market = new MarketClient(client);
                    read(market, items, window);
                    final long startNs = System.nanoTime();
                    final long read = read(market, items, window);
                    final double seconds = (System.nanoTime() - startNs) / 1e9;
                    System.out.printf("%-16s %,12.0f items/s (%,d items in %.2f s)%n",
                        channel.startsWith("aeron:ipc") ? "IPC" : "UDP (loopback)", read / seconds, read, seconds);
                }
            }
        }
    }

    private static long read(final MarketClient market, final int items, final int window)
    {
        long read = 0;
        try (ClientStream<PriceTickDecoder> prices = market.history(
            market.historyRequest().instrumentId(1).count(items), window, Long.MAX_VALUE >> 2))
        {
            while (prices.hasNext())
            {
                prices.next();
                read++;
            }
        }
        return read;
    }
}
