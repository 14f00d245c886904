package dev.aeronrpc.examples;

import dev.aeronrpc.examples.api.HistoryRequestDecoder;
import dev.aeronrpc.examples.api.Market;
import dev.aeronrpc.examples.api.PriceTickEncoder;
import dev.aeronrpc.examples.api.TicksRequestDecoder;
import dev.aeronrpc.server.StreamSink;

/**
 * Prices as streams. Both methods produce on the server's poll thread as far as the consumer's credit allows, and
 * again whenever more credit arrives ({@link StreamSink#onReady}): no thread of their own, no queue, and a consumer
 * that reads slowly simply gets prices slowly.
 */
public final class MarketService implements Market
{
    private static final long START_PRICE_CENTS = 100_00;

    @Override
    public void ticks(final TicksRequestDecoder request, final StreamSink<PriceTickEncoder> stream)
    {
        final long instrumentId = request.instrumentId();
        final Runnable produce = () ->
        {
            while (stream.credit() > 0 && stream.isOpen())
            {
                final long number = stream.sent();
                stream.item()
                    .instrumentId(instrumentId)
                    .number(number)
                    .priceCents(priceAt(instrumentId, number))
                    .timestampNs(System.nanoTime());
                if (!stream.send())
                {
                    return;
                }
            }
        };
        stream.onReady(produce);
        produce.run();
    }

    @Override
    public void history(final HistoryRequestDecoder request, final StreamSink<PriceTickEncoder> stream)
    {
        final long instrumentId = request.instrumentId();
        final int count = request.count();
        final Runnable produce = () ->
        {
            while (stream.isOpen())
            {
                final long number = stream.sent();
                if (number == count)
                {
                    stream.complete();
                    return;
                }
                if (stream.credit() <= 0)
                {
                    return;
                }
                stream.item()
                    .instrumentId(instrumentId)
                    .number(number)
                    .priceCents(priceAt(instrumentId, number))
                    .timestampNs(0);
                if (!stream.send())
                {
                    return;
                }
            }
        };
        stream.onReady(produce);
        produce.run();
    }

    /**
     * A made-up price, the same for every consumer: price n of an instrument, within a dollar of 100.00.
     */
    static long priceAt(final long instrumentId, final long number)
    {
        final long hash = (number * 0x9E3779B97F4A7C15L) ^ (instrumentId * 0xC2B2AE3D27D4EB4FL);
        return START_PRICE_CENTS + Math.floorMod(hash >>> 11, 201) - 100;
    }
}
