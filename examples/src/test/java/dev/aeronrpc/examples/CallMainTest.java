package dev.aeronrpc.examples;

import dev.aeronrpc.examples.api.BankStub;
import dev.aeronrpc.examples.api.EchoStub;
import dev.aeronrpc.examples.api.MarketStub;
import dev.aeronrpc.server.RpcServer;
import dev.aeronrpc.test.TestRig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The call command against a real server: it knows the methods from the schema alone.
 */
@Timeout(60)
class CallMainTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private TestRig rig;
    private RpcServer server;

    @BeforeEach
    void setUp()
    {
        rig = new TestRig();
        server = rig.server(rig.serverContext(TestRig.Transport.IPC)
            .addService(new EchoStub(new EchoService()))
            .addService(new BankStub(new BankService()))
            .addService(new MarketStub(new MarketService())));
    }

    @AfterEach
    void tearDown()
    {
        rig.close();
    }

    private int call(final String... args)
    {
        final String[] all = new String[args.length + 6];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[]{
            "--aeron-dir", rig.driver().aeronDirectoryName(),
            "--channel", server.channel(),
            "--stream-id", String.valueOf(server.context().streamId())}, 0, all, args.length, 6);
        return CallMain.run(all, print(out), print(err), new AtomicBoolean(true));
    }

    private static PrintStream print(final ByteArrayOutputStream bytes)
    {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private String out()
    {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err()
    {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldListTheSchemasMethods()
    {
        assertEquals(0, CallMain.run(new String[]{"call", "--list"}, print(out), print(err), new AtomicBoolean(true)));
        assertTrue(out().contains("Echo/echo                unary          EchoRequest -> EchoReply"), out());
        assertTrue(out().contains("Market/ticks             server-stream  TicksRequest -> PriceTick"), out());
    }

    @Test
    void shouldPrintAUnaryCallsResponseAsJson()
    {
        assertEquals(0, call("call", "Bank/deposit", "{\"accountId\":4,\"amountCents\":250}"), err());
        assertEquals("{\"accountId\":4,\"balanceCents\":250}", out().trim());
    }

    @Test
    void shouldPrintEachItemOfAStream()
    {
        assertEquals(0, call("call", "Market/history", "{\"instrumentId\":7,\"count\":3}"), err());
        final String[] lines = out().trim().split("\n");
        assertEquals(3, lines.length, out());
        assertEquals("{\"instrumentId\":7,\"number\":2,\"priceCents\":" + MarketService.priceAt(7, 2) +
            ",\"timestampNs\":0}", lines[2]);
    }

    @Test
    void shouldFollowAnInfiniteStreamUpToALimit()
    {
        assertEquals(0, call("call", "Market/ticks", "{\"instrumentId\":3}", "--limit", "5"), err());
        assertEquals(5, out().trim().split("\n").length, out());
    }

    @Test
    void shouldReportAFailedCallsStatus()
    {
        assertEquals(1, call("call", "Bank/withdraw", "{\"accountId\":5,\"amountCents\":100}"));
        assertEquals("FAILED_PRECONDITION: balance 0.00 is less than 1.00", err().trim());
    }

    @Test
    void shouldNameAFieldThatDoesNotFit()
    {
        assertEquals(2, call("call", "Echo/echo", "{\"text\":7}"));
        assertEquals("EchoRequest: field \"text\": expected a string, got number 7", err().trim());
    }
}
