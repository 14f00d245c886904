package dev.aeronrpc.labs.messaging.lab;

import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.server.ServiceStub;

/**
 * What a submission of lab 2 provides: the Telemetry service, the two senders, and the report.
 */
public interface MessagingLab
{
    /**
     * @param arrivals to tell of every reading that arrives.
     * @return the generated stub around the submission's Telemetry implementation.
     */
    ServiceStub service(Arrivals arrivals);

    /**
     * Sends readings 0 to count - 1 of sensor 1 as one-way messages ({@code report}).
     *
     * @param client   connected to the server.
     * @param count    readings to send.
     * @param schedule to await before each reading.
     * @param log      to tell what became of each.
     */
    void sendOneWay(RpcClient client, int count, Schedule schedule, SendLog log);

    /**
     * Sends readings 0 to count - 1 of sensor 1 as calls ({@code record}), one at a time.
     *
     * @param client   connected to the server.
     * @param count    readings to send.
     * @param schedule to await before each reading.
     * @param log      to tell what became of each.
     */
    void sendRequestResponse(RpcClient client, int count, Schedule schedule, SendLog log);

    /**
     * @return the answers to the report's questions.
     */
    Report report();
}
