package dev.aeronrpc.labs.stubs.solution;

import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.labs.stubs.solution.api.Calculator;
import dev.aeronrpc.labs.stubs.solution.api.OperandsDecoder;
import dev.aeronrpc.labs.stubs.solution.api.ResultEncoder;

/**
 * The Calculator: each handler reads its request where it lies and writes its answer in place. {@code power} is
 * not overridden, so the generated default answers UNIMPLEMENTED.
 */
final class CalculatorService implements Calculator
{
    @Override
    public void add(final OperandsDecoder request, final ResultEncoder response)
    {
        response.value(request.a() + request.b());
    }

    @Override
    public void subtract(final OperandsDecoder request, final ResultEncoder response)
    {
        response.value(request.a() - request.b());
    }

    @Override
    public void divide(final OperandsDecoder request, final ResultEncoder response)
    {
        if (0 == request.b())
        {
            throw new RpcException(Status.INVALID_ARGUMENT, "cannot divide " + request.a() + " by zero");
        }
        response.value(request.a() / request.b());
    }
}
