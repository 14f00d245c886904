package dev.aeronrpc.benchmarks.rpc;

import dev.aeronrpc.benchmarks.ItemStream;
import dev.aeronrpc.benchmarks.Transport;
import dev.aeronrpc.benchmarks.api.BenchClient;
import dev.aeronrpc.benchmarks.api.PayloadDecoder;
import dev.aeronrpc.client.ClientStream;

/**
 * A server stream read as a blocking iterator; the server produces on its poll thread within the credit the
 * iterator grants.
 */
final class RpcItemStream implements ItemStream
{
    private final RpcPeers peers;
    private final BenchClient bench;
    private final int payloadBytes;
    private final int window;

    RpcItemStream(final Transport transport, final int payloadBytes, final int window, final boolean invoker)
    {
        peers = new RpcPeers(transport, 1, invoker);
        bench = peers.bench().withWindow(window);
        this.payloadBytes = payloadBytes;
        this.window = window;
    }

    @Override
    public long transfer(final long count)
    {
        long read = 0;
        try (ClientStream<PayloadDecoder> items = bench.items(
            bench.itemsRequest().count(count).payloadBytes(payloadBytes)))
        {
            while (items.hasNext())
            {
                items.next();
                read++;
            }
        }
        return read;
    }

    @Override
    public void close()
    {
        peers.close();
    }
}
