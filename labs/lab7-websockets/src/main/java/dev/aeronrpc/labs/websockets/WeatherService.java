package dev.aeronrpc.labs.websockets;

import dev.aeronrpc.labs.websockets.api.ReadingEncoder;
import dev.aeronrpc.labs.websockets.api.StationRequestDecoder;
import dev.aeronrpc.labs.websockets.api.Weather;

/**
 * Step 2: the Weather service. Handlers run on the server's poll thread: they must not block.
 */
final class WeatherService implements Weather
{
    @Override
    public void current(final StationRequestDecoder request, final ReadingEncoder response)
    {
        response.stationId(request.stationId()).number(0).temperatureCentis(temperatureAt(request.stationId(), 0));
    }

    // TODO step 2: readings, an infinite stream: send readings 0, 1, 2, ... of the station while the stream has
    //  credit, stop when it has none, and go on when more arrives (StreamSink.onReady). Never block, never queue.

    /**
     * A made-up temperature, the same for every caller: reading n of a station, in hundredths of a degree.
     */
    static long temperatureAt(final long stationId, final long number)
    {
        return 1_500 + Math.floorMod(stationId * 37 + number * 11, 600) - 300;
    }
}
