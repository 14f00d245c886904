package dev.aeronrpc.labs.messaging;

import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.labs.messaging.api.TelemetryStub;
import dev.aeronrpc.labs.messaging.lab.Arrivals;
import dev.aeronrpc.labs.messaging.lab.MessagingLab;
import dev.aeronrpc.labs.messaging.lab.Report;
import dev.aeronrpc.labs.messaging.lab.Schedule;
import dev.aeronrpc.labs.messaging.lab.SendLog;
import dev.aeronrpc.server.ServiceStub;

/**
 * Your submission: the grader asks this class for your service, your senders and your report.
 */
public final class MyLab implements MessagingLab
{
    @Override
    public ServiceStub service(final Arrivals arrivals)
    {
        return new TelemetryStub(new TelemetryService(arrivals));
    }

    @Override
    public void sendOneWay(final RpcClient client, final int count, final Schedule schedule, final SendLog log)
    {
        new Senders(client).sendOneWay(count, schedule, log);
    }

    @Override
    public void sendRequestResponse(final RpcClient client, final int count, final Schedule schedule,
        final SendLog log)
    {
        new Senders(client).sendRequestResponse(count, schedule, log);
    }

    @Override
    public Report report()
    {
        return new MyReport();
    }
}
