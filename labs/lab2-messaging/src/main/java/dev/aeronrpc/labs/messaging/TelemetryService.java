package dev.aeronrpc.labs.messaging;

import dev.aeronrpc.labs.messaging.api.AckEncoder;
import dev.aeronrpc.labs.messaging.api.ReadingDecoder;
import dev.aeronrpc.labs.messaging.api.Telemetry;
import dev.aeronrpc.labs.messaging.lab.Arrivals;

/**
 * The server side: both methods receive the same reading.
 */
final class TelemetryService implements Telemetry
{
    private final Arrivals arrivals;

    TelemetryService(final Arrivals arrivals)
    {
        this.arrivals = arrivals;
    }

    @Override
    public void report(final ReadingDecoder request)
    {
        // A one-way message: no answer to fill. The sender will never know this ran.
        arrivals.oneWay(request.sequence());
    }

    @Override
    public void record(final ReadingDecoder request, final AckEncoder response)
    {
        // TODO step 1: tell arrivals this reading arrived (arrivals.requestResponse), and acknowledge it with its
        //  own sequence.
    }
}
