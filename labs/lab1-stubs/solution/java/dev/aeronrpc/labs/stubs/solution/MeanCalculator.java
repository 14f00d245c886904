package dev.aeronrpc.labs.stubs.solution;

import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.labs.stubs.solution.api.CalculatorClient;

/**
 * The mean through the proxy: each call looks local, and is a request message out and a response message back.
 */
final class MeanCalculator
{
    private final CalculatorClient calculator;

    MeanCalculator(final RpcClient client)
    {
        calculator = new CalculatorClient(client);
    }

    long mean(final long[] values)
    {
        long sum = values[0];
        for (int i = 1; i < values.length; i++)
        {
            // The decoder is valid until this thread's next call: read the value out of it at once.
            sum = calculator.add(calculator.addRequest().a(sum).b(values[i])).value();
        }
        return calculator.divide(calculator.divideRequest().a(sum).b(values.length)).value();
    }
}
