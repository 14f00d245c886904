package dev.aeronrpc.labs.stubs;

import dev.aeronrpc.labs.stubs.api.Calculator;
import dev.aeronrpc.labs.stubs.api.OperandsDecoder;
import dev.aeronrpc.labs.stubs.api.ResultEncoder;

/**
 * Step 2: the service. {@code Calculator} is generated from src/main/sbe/calculator.xml; each method you declare
 * there appears in it with a default that answers UNIMPLEMENTED.
 */
final class CalculatorService implements Calculator
{
    @Override
    public void add(final OperandsDecoder request, final ResultEncoder response)
    {
        // TODO step 2: answer a + b.
        response.value(0);
    }

    // TODO step 2: subtract and divide (divide by zero: INVALID_ARGUMENT). Leave power alone.
}
