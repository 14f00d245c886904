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

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway tests' services: Types echoes and fails, Counter streams numbers and records how far it got and
 * whether it is waiting for credit, which is what the flow-control tests measure, and how many of its streams
 * were cancelled. Types/roundTrip can be held back, to keep a unary call in flight.
 */
final class GatewayTestServices implements Types, Counter
{
    final AtomicLong produced = new AtomicLong();
    final AtomicLong streamsCancelled = new AtomicLong();
    volatile boolean waitingForCredit;
    volatile CountDownLatch hold;
    volatile boolean holding;

    /**
     * Holds every roundTrip until {@link #release()}: the server answers nothing meanwhile.
     */
    void holdRoundTrips()
    {
        hold = new CountDownLatch(1);
    }

    /**
     * Lets the held roundTrip answer, and the next ones answer at once.
     */
    void release()
    {
        final CountDownLatch hold = this.hold;
        this.hold = null;
        if (null != hold)
        {
            hold.countDown();
        }
    }

    @Override
    public void roundTrip(final AllTypesDecoder request, final AllTypesEncoder response)
    {
        final CountDownLatch hold = this.hold;
        if (null != hold)
        {
            holding = true;
            try
            {
                // Bounded, so that a failing test cannot hang the server.
                hold.await(20, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            holding = false;
        }
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
        final AtomicBoolean counted = new AtomicBoolean();
        final Runnable produce = () ->
        {
            if (stream.isCancelled() && counted.compareAndSet(false, true))
            {
                streamsCancelled.incrementAndGet();
            }
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
