package dev.aeronrpc.labs.messaging;

import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.labs.messaging.api.TelemetryClient;
import dev.aeronrpc.labs.messaging.lab.Schedule;
import dev.aeronrpc.labs.messaging.lab.SendLog;

/**
 * The client side: the same readings, sent two ways.
 */
final class Senders
{
    private static final long SENSOR_ID = 1;

    private final TelemetryClient telemetry;

    Senders(final RpcClient client)
    {
        telemetry = new TelemetryClient(client);
    }

    void sendOneWay(final int count, final Schedule schedule, final SendLog log)
    {
        for (long seq = 0; seq < count; seq++)
        {
            schedule.awaitTurn(seq);
            // True: Aeron took the message into its log buffer. That is all the sender will ever learn.
            final boolean handed = telemetry.report(
                telemetry.reportRequest().sensorId(SENSOR_ID).sequence(seq).value(seq * 10));
            if (handed)
            {
                log.handed(seq);
            }
            else
            {
                log.dropped(seq);
            }
        }
    }

    void sendRequestResponse(final int count, final Schedule schedule, final SendLog log)
    {
        // TODO step 2: the same readings as calls of record, one at a time, each after schedule.awaitTurn(seq).
        //  An answer whose Ack names this reading's sequence: log.acked(seq). An RpcException: log.failed(seq,
        //  its status).
    }
}
