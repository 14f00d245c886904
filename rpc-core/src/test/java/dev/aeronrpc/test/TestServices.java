package dev.aeronrpc.test;

import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.test.api.BlobDecoder;
import dev.aeronrpc.test.api.BlobEncoder;
import dev.aeronrpc.test.api.Echo;
import dev.aeronrpc.test.api.EchoReplyEncoder;
import dev.aeronrpc.test.api.EchoRequestDecoder;
import dev.aeronrpc.test.api.EmptyEncoder;
import dev.aeronrpc.test.api.FailRequestDecoder;
import dev.aeronrpc.test.api.Probe;
import dev.aeronrpc.test.api.SizeRequestDecoder;
import dev.aeronrpc.test.api.SizeRequestEncoder;
import dev.aeronrpc.test.api.SleepRequestDecoder;

import dev.aeronrpc.test.api.Ledger;
import dev.aeronrpc.test.api.Notes;
import dev.aeronrpc.test.api.TickEncoder;
import dev.aeronrpc.test.api.TickRequestDecoder;
import dev.aeronrpc.test.api.Ticker;
import dev.aeronrpc.server.StreamSink;
import dev.aeronrpc.server.InboundStream;
import dev.aeronrpc.server.Responder;
import dev.aeronrpc.core.StreamObserver;
import dev.aeronrpc.test.api.Summer;
import dev.aeronrpc.test.api.Doubler;
import dev.aeronrpc.test.api.LedgerEntryDecoder;
import dev.aeronrpc.test.api.LedgerResultEncoder;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Implementations of the test schema's services, counting how often each handler runs.
 */
public final class TestServices
{
    /** An amount that makes the Summer's and Doubler's stream observers throw. */
    public static final long THROW = -999;

    private TestServices()
    {
    }

    /** Echo: answers with the request's value and text. */
    public static final class EchoService implements Echo
    {
        public final AtomicInteger calls = new AtomicInteger();

        @Override
        public void echo(final EchoRequestDecoder request, final EchoReplyEncoder response)
        {
            calls.incrementAndGet();
            response.value(request.value());
            response.text(request.text());
        }
    }

    /** Probe: fails, sleeps or sends blobs on request; leaves notImplemented to the interface's default. */
    public static final class ProbeService implements Probe
    {
        private static final byte[] ZEROS = new byte[64 * 1024 * 1024];

        public final AtomicInteger calls = new AtomicInteger();

        @Override
        public void fail(final FailRequestDecoder request, final EmptyEncoder response)
        {
            calls.incrementAndGet();
            final short code = request.code();
            final String message = request.message();
            if (255 == code)
            {
                throw new IllegalStateException(message);
            }
            throw new RpcException(Status.fromCode(code), message);
        }

        @Override
        public void sleep(final SleepRequestDecoder request, final EmptyEncoder response) throws Exception
        {
            calls.incrementAndGet();
            Thread.sleep(request.millis());
        }

        @Override
        public void blob(final SizeRequestDecoder request, final BlobEncoder response)
        {
            calls.incrementAndGet();
            response.putBytes(ZEROS, 0, request.size());
        }

        @Override
        public void blobs(final SizeRequestDecoder request, final StreamSink<BlobEncoder> stream)
        {
            final int size = request.size();
            final Runnable produce = () ->
            {
                try
                {
                    while (stream.isOpen() && stream.sent() < 3 && stream.credit() > 0)
                    {
                        stream.item().putBytes(ZEROS, 0, size);
                        if (!stream.send())
                        {
                            return;
                        }
                    }
                    if (3 == stream.sent())
                    {
                        stream.complete();
                    }
                }
                catch (final RpcException ex)
                {
                    stream.fail(ex.status(), ex.description());
                }
            };
            stream.onReady(produce);
            produce.run();
        }

        @Override
        public void upload(final BlobDecoder request, final SizeRequestEncoder response)
        {
            calls.incrementAndGet();
            response.size(request.bytesLength());
        }
    }

    /** Ledger: counts how often each key's handler ran, whatever the method. */
    public static final class LedgerService implements Ledger
    {
        public final ConcurrentHashMap<Long, AtomicInteger> runsByKey = new ConcurrentHashMap<>();
        public final AtomicInteger runs = new AtomicInteger();
        /** A call with this key waits for {@link #gate} before it answers. */
        public volatile long gatedKey = Long.MIN_VALUE;
        public final java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);

        @Override
        public void atMostOnce(final LedgerEntryDecoder request, final LedgerResultEncoder response)
        {
            run(request, response);
        }

        @Override
        public void atLeastOnce(final LedgerEntryDecoder request, final LedgerResultEncoder response)
        {
            run(request, response);
        }

        @Override
        public void exactlyOnce(final LedgerEntryDecoder request, final LedgerResultEncoder response)
        {
            run(request, response);
        }

        public int runs(final long key)
        {
            final AtomicInteger count = runsByKey.get(key);
            return null == count ? 0 : count.get();
        }

        private void run(final LedgerEntryDecoder request, final LedgerResultEncoder response)
        {
            runs.incrementAndGet();
            runsByKey.computeIfAbsent(request.key(), key -> new AtomicInteger()).incrementAndGet();
            if (request.key() == gatedKey)
            {
                try
                {
                    gate.await();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
            response.key(request.key()).doubled(2 * request.amount());
        }
    }

    /** Notes: counts one-way messages; a negative amount makes the handler throw. */
    public static final class NotesService implements Notes
    {
        public final AtomicInteger received = new AtomicInteger();
        public final AtomicInteger amountTotal = new AtomicInteger();

        @Override
        public void note(final LedgerEntryDecoder request)
        {
            if (request.amount() < 0)
            {
                throw new IllegalArgumentException("negative amount " + request.amount());
            }
            received.incrementAndGet();
            amountTotal.addAndGet((int)request.amount());
        }
    }

    /**
     * Ticker: produces on the poll thread, as far as credit allows, and again whenever more credit comes; no thread
     * of its own.
     */
    public static final class TickerService implements Ticker
    {
        public final java.util.List<StreamSink<TickEncoder>> streams = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void ticks(final TickRequestDecoder request, final StreamSink<TickEncoder> stream)
        {
            streams.add(stream);
            final long count = request.count();
            final long failAt = request.failAt();
            final Runnable pump = () ->
            {
                while (stream.isOpen())
                {
                    final long next = stream.sent();
                    if (count > 0 && next == count)
                    {
                        stream.complete();
                        return;
                    }
                    if (next == failAt)
                    {
                        stream.fail(Status.ABORTED, "failed at tick " + next);
                        return;
                    }
                    if (stream.credit() <= 0)
                    {
                        return;
                    }
                    stream.item().number(next).value(3 * next);
                    if (!stream.send())
                    {
                        return;
                    }
                }
            };
            stream.onReady(pump);
            pump.run();
        }
    }

    /** Summer: counts and adds the amounts of a client stream, and answers once it completes. */
    public static final class SummerService implements Summer
    {
        public final java.util.List<InboundStream<LedgerEntryDecoder>> streams =
            new java.util.concurrent.CopyOnWriteArrayList<>();
        public final java.util.List<String> ends = new java.util.concurrent.CopyOnWriteArrayList<>();
        public final AtomicInteger received = new AtomicInteger();
        /** Opened before a call subscribes, when set: lets a test hold the subscription back. */
        public volatile java.util.concurrent.CountDownLatch subscribeGate;

        @Override
        public void sum(final InboundStream<LedgerEntryDecoder> items, final Responder<LedgerResultEncoder> responder)
            throws Exception
        {
            streams.add(items);
            final java.util.concurrent.CountDownLatch gate = subscribeGate;
            if (null != gate)
            {
                gate.await();
            }
            final long[] countAndTotal = new long[2];
            items.subscribe(new StreamObserver<>()
            {
                public void onNext(final LedgerEntryDecoder item, final long sequence)
                {
                    received.incrementAndGet();
                    if (item.amount() == THROW)
                    {
                        throw new IllegalStateException("the summer's observer broke at item " + sequence);
                    }
                    countAndTotal[0]++;
                    countAndTotal[1] += item.amount();
                }

                public void onCompleted()
                {
                    ends.add("completed");
                    responder.response().key(countAndTotal[0]).doubled(countAndTotal[1]);
                    responder.send();
                }

                public void onError(final Status status, final String message)
                {
                    ends.add(status.name());
                }
            });
        }
    }

    /** Doubler: sends each entry back doubled, as long as the client's credit allows; completes when it does. */
    public static final class DoublerService implements Doubler
    {
        public final AtomicInteger received = new AtomicInteger();
        public final java.util.List<String> ends = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void twice(final InboundStream<LedgerEntryDecoder> items, final StreamSink<LedgerResultEncoder> stream)
        {
            items.subscribe(new StreamObserver<>()
            {
                public void onNext(final LedgerEntryDecoder item, final long sequence)
                {
                    received.incrementAndGet();
                    if (item.amount() == THROW)
                    {
                        throw new IllegalStateException("the doubler's observer broke at item " + sequence);
                    }
                    if (item.amount() == 999)
                    {
                        // Ends the server's half early; the client's half goes on.
                        stream.complete();
                        return;
                    }
                    if (!stream.isOpen())
                    {
                        return;
                    }
                    if (item.amount() < 0)
                    {
                        stream.fail(Status.INVALID_ARGUMENT, "negative amount at item " + sequence);
                        items.cancel();
                        return;
                    }
                    stream.item().key(item.key()).doubled(2 * item.amount());
                    if (!stream.send())
                    {
                        stream.fail(Status.RESOURCE_EXHAUSTED, "the client read too slowly");
                    }
                }

                public void onCompleted()
                {
                    ends.add("completed");
                    stream.complete();
                }

                public void onError(final Status status, final String message)
                {
                    ends.add(status.name());
                    stream.fail(status, message);
                }
            });
        }
    }
}
