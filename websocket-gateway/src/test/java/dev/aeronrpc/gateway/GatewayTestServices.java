package dev.aeronrpc.gateway;

import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.gateway.test.AllTypesDecoder;
import dev.aeronrpc.gateway.test.AllTypesEncoder;
import dev.aeronrpc.gateway.test.CountRequestDecoder;
import dev.aeronrpc.gateway.test.Counter;
import dev.aeronrpc.gateway.test.FailRequestDecoder;
import dev.aeronrpc.gateway.test.NumberEncoder;
import dev.aeronrpc.gateway.test.Types;
import dev.aeronrpc.server.StreamSink;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway tests' services: Types echoes and fails, Counter streams numbers and records how far it got and
 * whether it is waiting for credit, which is what the flow-control tests measure.
 */
final class GatewayTestServices implements Types, Counter
{
    final AtomicLong produced = new AtomicLong();
    volatile boolean waitingForCredit;

    @Override
    public void roundTrip(final AllTypesDecoder request, final AllTypesEncoder response)
    {
        final int length = request.sbeDecodedLength();
        response.buffer().putBytes(response.offset(), request.buffer(), request.offset(), length);
        response.limit(response.offset() + length);
    }

    @Override
    public void fail(final FailRequestDecoder request, final AllTypesEncoder response)
    {
        final int code = request.code();
        throw new RpcException(Status.values()[code], request.message());
    }

    @Override
    public void count(final CountRequestDecoder request, final StreamSink<NumberEncoder> stream)
    {
        final long from = request.from();
        final long count = request.count();
        final Runnable produce = () ->
        {
            while (stream.isOpen())
            {
                final long sent = stream.sent();
                if (count > 0 && sent == count)
                {
                    stream.complete();
                    return;
                }
                if (stream.credit() <= 0)
                {
                    waitingForCredit = true;
                    return;
                }
                waitingForCredit = false;
                stream.item().value(from + sent);
                if (!stream.send())
                {
                    return;
                }
                produced.incrementAndGet();
            }
        };
        stream.onReady(produce);
        produce.run();
    }
}
