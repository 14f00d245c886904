package dev.aeronrpc.labs.stubs;

import dev.aeronrpc.client.RpcClient;

/**
 * Step 3: client code that calls the remote Calculator through the generated proxy, {@code CalculatorClient}.
 */
final class MeanCalculator
{
    private final RpcClient client;

    MeanCalculator(final RpcClient client)
    {
        this.client = client;
    }

    long mean(final long[] values)
    {
        // TODO step 3: wrap the client in a CalculatorClient; sum the values with add calls (values.length - 1 of
        //  them), then divide the sum by values.length with one divide call. Compute nothing locally.
        return 0;
    }
}
