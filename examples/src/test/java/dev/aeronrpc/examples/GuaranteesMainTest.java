package dev.aeronrpc.examples;

import dev.aeronrpc.core.Delivery;
import dev.aeronrpc.core.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class GuaranteesMainTest
{
    @Test
    void shouldPrintATableWhereEachGuaranteeKeepsItsPromise() throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final int calls = 400;
        final Map<Delivery, GuaranteesMain.Row> rows =
            GuaranteesMain.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), calls);
        final String output = bytes.toString(StandardCharsets.UTF_8);

        final GuaranteesMain.Row atMostOnce = rows.get(Delivery.AT_MOST_ONCE);
        assertEquals(0, atMostOnce.keysRunMoreThanOnce, output);
        assertEquals(0, atMostOnce.retries, output);
        assertEquals(calls, atMostOnce.succeeded + atMostOnce.failed(), output);
        assertTrue(Set.of(Status.UNAVAILABLE, Status.DEADLINE_EXCEEDED).containsAll(atMostOnce.failures.keySet()), output);

        final GuaranteesMain.Row atLeastOnce = rows.get(Delivery.AT_LEAST_ONCE);
        assertEquals(calls, atLeastOnce.succeeded, output);
        assertTrue(atLeastOnce.handlerRuns >= calls, output);

        final GuaranteesMain.Row exactlyOnce = rows.get(Delivery.EXACTLY_ONCE);
        assertEquals(calls, exactlyOnce.succeeded, output);
        assertEquals(calls, exactlyOnce.handlerRuns, output);
        assertEquals(0, exactlyOnce.keysRunMoreThanOnce, output);

        assertTrue(output.contains("exactly-once"), output);
    }
}
