package dev.aeronrpc.benchmarks.rpc;

import dev.aeronrpc.benchmarks.Stamps;
import dev.aeronrpc.benchmarks.api.Bench;
import dev.aeronrpc.benchmarks.api.ItemsRequestDecoder;
import dev.aeronrpc.benchmarks.api.PayloadDecoder;
import dev.aeronrpc.benchmarks.api.PayloadEncoder;
import dev.aeronrpc.server.StreamSink;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The benchmark service: echoes payloads and streams items, on the server's poll thread, without allocating per
 * call or per item.
 */
public final class BenchService implements Bench
{
    private static final int MAX_ITEM_BYTES = 64 * 1024;

    private final UnsafeBuffer requestData = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer itemBytes = Stamps.payload(MAX_ITEM_BYTES);

    @Override
    public void echo(final PayloadDecoder request, final PayloadEncoder response)
    {
        request.wrapData(requestData);
        response.putData(requestData, 0, requestData.capacity());
    }

    @Override
    public void items(final ItemsRequestDecoder request, final StreamSink<PayloadEncoder> stream)
    {
        final long count = request.count();
        final int payloadBytes = Math.min(MAX_ITEM_BYTES, Math.max(0, request.payloadBytes()));
        final Runnable produce = () ->
        {
            while (stream.isOpen())
            {
                if (stream.sent() == count)
                {
                    stream.complete();
                    return;
                }
                if (stream.credit() <= 0)
                {
                    return;
                }
                stream.item().putData(itemBytes, 0, payloadBytes);
                if (!stream.send())
                {
                    return;
                }
            }
        };
        stream.onReady(produce);
        produce.run();
    }
}
