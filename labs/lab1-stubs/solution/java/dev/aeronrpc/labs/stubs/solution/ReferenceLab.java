package dev.aeronrpc.labs.stubs.solution;

import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.labs.stubs.lab.StubsLab;
import dev.aeronrpc.labs.stubs.solution.api.CalculatorStub;
import dev.aeronrpc.server.ServiceStub;

/**
 * Lab 1's reference solution.
 */
public final class ReferenceLab implements StubsLab
{
    @Override
    public String schemaResource()
    {
        return "solution-schemas/calculator.xml";
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
