package dev.aeronrpc.labs.websockets.solution;

import dev.aeronrpc.labs.websockets.solution.api.ReadingEncoder;
import dev.aeronrpc.labs.websockets.solution.api.StationRequestDecoder;
import dev.aeronrpc.labs.websockets.solution.api.Weather;
import dev.aeronrpc.server.StreamSink;

/**
 * The Weather service. {@code readings} produces on the server's poll thread as far as the consumer's credit allows,
 * and again whenever more arrives: a browser that grants one reading at a time gets one at a time.
 */
final class WeatherService implements Weather
{
    @Override
    public void current(final StationRequestDecoder request, final ReadingEncoder response)
    {
        response.stationId(request.stationId()).number(0).temperatureCentis(temperatureAt(request.stationId(), 0));
    }

    @Override
    public void readings(final StationRequestDecoder request, final StreamSink<ReadingEncoder> stream)
    {
        final long stationId = request.stationId();
        final Runnable produce = () ->
        {
            while (stream.credit() > 0 && stream.isOpen())
            {
                final long number = stream.sent();
                stream.item().stationId(stationId).number(number).temperatureCentis(temperatureAt(stationId, number));
                if (!stream.send())
                {
                    return;
                }
            }
        };
        stream.onReady(produce);
        produce.run();
    }

    static long temperatureAt(final long stationId, final long number)
    {
        return 1_500 + Math.floorMod(stationId * 37 + number * 11, 600) - 300;
    }
}
