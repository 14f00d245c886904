package dev.aeronrpc.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class DemoTest
{
    @Test
    void shouldMakeEveryCallOverBothTransportsAsExpected()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final int exitCode = DemoMain.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        final String output = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(0, exitCode, output);
        assertTrue(output.contains("== IPC"), output);
        assertTrue(output.contains("== UDP"), output);
        assertTrue(output.contains("Bank.deposit(1, 25.50)                       -> balance 125.50"), output);
        assertTrue(output.contains("FAILED_PRECONDITION: balance 125.50 is less than 500.00   (as expected)"), output);
        assertTrue(output.contains("finite stream: 50 prices, then its end"), output);
        assertTrue(output.contains("infinite stream: 20 prices"), output);
        assertTrue(output.contains("client stream: 10 deposits up, one answer: balance 115.50"), output);
        assertTrue(output.contains("bidirectional stream: running balance 116.50 118.50 121.50"), output);
        assertTrue(output.contains("0 failed unexpectedly"), output);
        assertTrue(output.contains("the client disconnected"), output);
    }
}
