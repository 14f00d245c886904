package dev.aeronrpc.gateway;

import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.gateway.test.AllTypesDecoder;
import dev.aeronrpc.gateway.test.AllTypesEncoder;
import dev.aeronrpc.gateway.test.CountRequestDecoder;
import dev.aeronrpc.gateway.test.Counter;
import dev.aeronrpc.gateway.test.FailRequestDecoder;
import dev.aeronrpc.gateway.test.NumberDecoder;
import dev.aeronrpc.gateway.test.NumberEncoder;
import dev.aeronrpc.gateway.test.Types;
import dev.aeronrpc.core.StreamObserver;
import dev.aeronrpc.server.InboundStream;
import dev.aeronrpc.server.Responder;
import dev.aeronrpc.server.StreamSink;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway tests' services: Types echoes and fails, sums uploads and records one-way notes; Counter streams
 * numbers and echoes them both ways, and records how far it got and whether it is waiting for credit, which is
 * what the flow-control tests measure, and how many of its streams were cancelled. Types/roundTrip can be held
 * back, to keep a unary call (and the server's poll thread) busy.
 */
final class GatewayTestServices implements Types, Counter
{
    final AtomicLong produced = new AtomicLong();
    final AtomicLong streamsCancelled = new AtomicLong();
    final AtomicLong uploadItems = new AtomicLong();
    final AtomicLong uploadsCancelled = new AtomicLong();
    final AtomicLong echoesHeld = new AtomicLong();
    final AtomicLong echoesSent = new AtomicLong();
    final AtomicLong echoesCancelled = new AtomicLong();
    final Queue<Long> notes = new ConcurrentLinkedQueue<>();
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

    @Override
    public void upload(final InboundStream<NumberDecoder> items, final Responder<NumberEncoder> responder)
    {
        items.subscribe(new StreamObserver<>()
        {
            private long sum;

            public void onNext(final NumberDecoder item, final long sequence)
            {
                sum += item.value();
                uploadItems.incrementAndGet();
            }

            public void onCompleted()
            {
                responder.response().value(sum);
                responder.send();
            }

            public void onError(final Status status, final String message)
            {
                uploadsCancelled.incrementAndGet();
            }
        });
    }

    @Override
    public void note(final NumberDecoder request)
    {
        notes.add(request.value());
    }

    @Override
    public void echo(final InboundStream<NumberDecoder> items, final StreamSink<NumberEncoder> stream)
    {
        // Numbers wait here while the browser grants no credit: the test decides how many it sends.
        final ArrayDeque<Long> waiting = new ArrayDeque<>();
        final AtomicBoolean inboundDone = new AtomicBoolean();
        final Runnable drain = () ->
        {
            while (!waiting.isEmpty() && stream.isOpen() && stream.credit() > 0)
            {
                stream.item().value(waiting.peek());
                if (!stream.send())
                {
                    return;
                }
                waiting.poll();
                echoesHeld.decrementAndGet();
                echoesSent.incrementAndGet();
            }
            if (waiting.isEmpty() && inboundDone.get() && stream.isOpen())
            {
                stream.complete();
            }
        };
        stream.onReady(drain);
        items.subscribe(new StreamObserver<>()
        {
            public void onNext(final NumberDecoder item, final long sequence)
            {
                waiting.add(item.value());
                echoesHeld.incrementAndGet();
                drain.run();
            }

            public void onCompleted()
            {
                inboundDone.set(true);
                drain.run();
            }

            public void onError(final Status status, final String message)
            {
                echoesCancelled.incrementAndGet();
                stream.fail(status, message);
            }
        });
    }
}
