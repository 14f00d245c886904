package dev.aeronrpc.labs.stubs;

import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.labs.stubs.api.CalculatorStub;
import dev.aeronrpc.labs.stubs.lab.StubsLab;
import dev.aeronrpc.server.ServiceStub;

/**
 * Your submission: the grader asks this class for your schema, your service and your client code.
 */
public final class MyLab implements StubsLab
{
    @Override
    public String schemaResource()
    {
        return "schemas/calculator.xml";
    }

    @Override
    public ServiceStub service()
    {
        return new CalculatorStub(new CalculatorService());
    }

    @Override
    public long mean(final RpcClient client, final long[] values)
    {
        return new MeanCalculator(client).mean(values);
    }
}
