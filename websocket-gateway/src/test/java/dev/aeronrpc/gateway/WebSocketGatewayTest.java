package dev.aeronrpc.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.gateway.json.SchemaCatalog;
import dev.aeronrpc.gateway.test.CounterStub;
import dev.aeronrpc.gateway.test.TypesStub;
import dev.aeronrpc.server.RpcServer;
import dev.aeronrpc.test.TestRig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class WebSocketGatewayTest
{
    static final String ALL_TYPES = """
        {"i8":-8,"u8":200,"i16":-16000,"u16":60000,"i32":-2000000000,"u32":4000000000,
         "i64":-9000000000000000000,"u64":18446744073709551615,"f32":1.5,"f64":-2.25,
         "letter":"x","symbol":"AERON","maybe":null,"triple":[1,-2,3],"side":"SELL","flags":["urgent","test"],
         "where":{"x":3,"y":-4},
         "legs":[{"quantity":5,"legSide":"BUY","note":"first"},{"quantity":-6,"legSide":"SELL","note":"zweite ü"}],
         "text":"héllo","blob":"AAEC/w=="}""";

    private final GatewayTestServices services = new GatewayTestServices();
    private TestRig rig;
    private RpcClient client;
    private WebSocketGateway gateway;

    @BeforeEach
    void setUp()
    {
        rig = new TestRig();
        final RpcServer server = rig.server(rig.serverContext(TestRig.Transport.IPC)
            .addService(new TypesStub(services))
            .addService(new CounterStub(services)));
        client = rig.client(server);
    }

    private WebSocketGateway gateway(final Consumer<WebSocketGateway.Context> customise)
    {
        final WebSocketGateway.Context ctx = new WebSocketGateway.Context()
            .client(client)
            .catalog(SchemaCatalog.loadResource("gateway-test.xml"))
            .host("localhost")
            .port(0);
        customise.accept(ctx);
        gateway = rig.add(WebSocketGateway.launch(ctx));
        return gateway;
    }

    private BrowserClient browser()
    {
        return rig.add(new BrowserClient(gateway.webSocketUri()));
    }

    @AfterEach
    void tearDown()
    {
        rig.close();
    }

    @Test
    void shouldAnswerAUnaryCallWithEveryFieldType() throws Exception
    {
        gateway(ctx -> {});
        final JsonNode answer = browser().call(
            "{\"type\":\"call\",\"id\":\"a1\",\"service\":\"Types\",\"method\":\"roundTrip\",\"request\":" +
            ALL_TYPES + "}");

        assertEquals("response", answer.get("type").asText());
        assertEquals("a1", answer.get("id").asText());
        assertEquals(BrowserClient.JSON.readTree(ALL_TYPES), answer.get("response"));
    }

    @Test
    void shouldStreamItemsThenEnd()
    {
        gateway(ctx -> {});
        final BrowserClient browser = browser();
        browser.send("{\"type\":\"call\",\"id\":7,\"service\":\"Counter\",\"method\":\"count\"," +
            "\"request\":{\"from\":5,\"count\":3},\"credit\":10}");

        for (int i = 0; i < 3; i++)
        {
            final JsonNode item = browser.next();
            assertEquals("item", item.get("type").asText());
            assertEquals(7, item.get("id").asInt());
            assertEquals(i, item.get("seq").asLong());
            assertEquals(5 + i, item.get("item").get("value").asLong());
        }
        final JsonNode end = browser.next();
        assertEquals("end", end.get("type").asText());
        assertEquals(7, end.get("id").asInt());
    }

    @Test
    void shouldSendOnlyWhatTheBrowserGranted()
    {
        gateway(ctx -> {});
        final BrowserClient browser = browser();
        browser.send("{\"type\":\"call\",\"id\":1,\"service\":\"Counter\",\"method\":\"count\"," +
            "\"request\":{\"from\":0,\"count\":0},\"credit\":4}");
        for (int i = 0; i < 4; i++)
        {
            assertEquals(i, browser.next().get("item").get("value").asLong());
        }
        TestRig.await(() -> services.waitingForCredit, 10_000, "the producer to wait for credit");
        assertEquals(4, services.produced.get());

        browser.send("{\"type\":\"credit\",\"id\":1,\"items\":3}");
        for (int i = 4; i < 7; i++)
        {
            assertEquals(i, browser.next().get("item").get("value").asLong());
        }
        TestRig.await(() -> services.waitingForCredit && 7 == services.produced.get(), 10_000,
            "the producer to wait for credit again after 7 items");
    }

    @Test
    void shouldCancelAStream()
    {
        gateway(ctx -> {});
        final BrowserClient browser = browser();
        browser.send("{\"type\":\"call\",\"id\":\"s\",\"service\":\"Counter\",\"method\":\"count\"," +
            "\"request\":{},\"credit\":2}");
        browser.next();
        browser.next();
        browser.send("{\"type\":\"cancel\",\"id\":\"s\"}");

        final JsonNode error = browser.next();
        assertEquals("error", error.get("type").asText());
        assertEquals("s", error.get("id").asText());
        assertEquals("CANCELLED", error.get("status").asText());
        TestRig.await(() -> 0 == client.inflightCalls(), 10_000, "the stream to be gone from the client");
    }

    @Test
    void shouldAnswerAFailedCallWithItsStatus()
    {
        gateway(ctx -> {});
        final JsonNode error = browser().call("{\"type\":\"call\",\"id\":3,\"service\":\"Types\",\"method\":\"fail\"," +
            "\"request\":{\"code\":9,\"message\":\"not now\"}}");

        assertEquals("error", error.get("type").asText());
        assertEquals(3, error.get("id").asInt());
        assertEquals("FAILED_PRECONDITION", error.get("status").asText());
        assertEquals(9, error.get("code").asInt());
        assertEquals("not now", error.get("message").asText());
    }

    @Test
    void shouldAnswerBadInputWithErrorsAndCarryOn()
    {
        gateway(ctx -> ctx.maxFrameLength(1000));
        final BrowserClient browser = browser();

        assertError(browser.call("{not json"), "INVALID_ARGUMENT", "invalid JSON");
        assertError(browser.call("[1,2]"), "INVALID_ARGUMENT", "must be a JSON object");
        assertError(browser.call("{\"type\":\"call\"}"), "INVALID_ARGUMENT", "needs an id");
        assertError(browser.call("{\"type\":\"shout\",\"id\":1}"), "INVALID_ARGUMENT", "unknown frame type");
        assertError(browser.call("{\"type\":\"call\",\"id\":1,\"service\":\"Nope\",\"method\":\"x\"}"),
            "UNIMPLEMENTED", "unknown service \"Nope\"");
        assertError(browser.call("{\"type\":\"call\",\"id\":1,\"service\":\"Types\",\"method\":\"nope\"}"),
            "UNIMPLEMENTED", "unknown method Types/nope");
        assertError(browser.call("{\"type\":\"call\",\"id\":1,\"service\":\"Types\",\"method\":\"fail\"," +
            "\"request\":{\"code\":\"nine\"}}"), "INVALID_ARGUMENT", "field \"code\": expected an integer");
        assertError(browser.call("{\"type\":\"call\",\"id\":1,\"service\":\"Types\",\"method\":\"fail\"," +
            "\"request\":{\"colour\":1}}"), "INVALID_ARGUMENT", "field \"colour\": no such field");
        assertError(browser.call("{\"type\":\"call\",\"id\":1,\"service\":\"Types\",\"method\":\"upload\"}"),
            "UNIMPLEMENTED", "client-stream");
        assertError(browser.call("{\"type\":\"credit\",\"id\":1,\"items\":-1}"), "INVALID_ARGUMENT", "positive");
        assertError(browser.call("{\"type\":\"call\",\"id\":1,\"pad\":\"" + "x".repeat(300_000) + "\"}"),
            "RESOURCE_EXHAUSTED", "exceeds the limit of 1000");

        final JsonNode answer = browser.call("{\"type\":\"call\",\"id\":2,\"service\":\"Types\"," +
            "\"method\":\"roundTrip\",\"request\":{\"i32\":42}}");
        assertEquals("response", answer.get("type").asText());
        assertEquals(42, answer.get("response").get("i32").asInt());
        assertEquals(11, gateway.counters().errorsSent());
    }

    @Test
    void shouldBoundWhatAStalledBrowserCostsAndServeOthers()
    {
        final int maxCredit = 32;
        gateway(ctx -> ctx.maxStreamCredit(maxCredit));
        final BrowserClient stalled = browser();
        stalled.stopReading();
        stalled.send("{\"type\":\"call\",\"id\":1,\"service\":\"Counter\",\"method\":\"count\"," +
            "\"request\":{},\"credit\":100000}");

        TestRig.await(() -> services.waitingForCredit && services.produced.get() >= maxCredit, 10_000,
            "the producer to run out of credit");
        final BrowserClient other = browser();
        final JsonNode answer = other.call("{\"type\":\"call\",\"id\":1,\"service\":\"Types\"," +
            "\"method\":\"roundTrip\",\"request\":{\"text\":\"still here\"}}");
        assertEquals("still here", answer.get("response").get("text").asText());

        // However much the browser asked for, the producer sent no more than the gateway's limit per stream, and
        // no more than that (plus the other browser's answer) ever waited at the gateway to be written.
        assertEquals(maxCredit, services.produced.get());
        assertTrue(gateway.counters().maxQueuedFrames() <= maxCredit + 1,
            "queued at most " + gateway.counters().maxQueuedFrames());
    }

    @Test
    void shouldCloseABrowserThatGrantsCreditButDoesNotRead()
    {
        final int maxQueuedBytes = 64 * 1024;
        gateway(ctx -> ctx.maxQueuedBytes(maxQueuedBytes));
        final BrowserClient greedy = browser();
        greedy.stopReading();
        greedy.send("{\"type\":\"call\",\"id\":1,\"service\":\"Counter\",\"method\":\"count\"," +
            "\"request\":{},\"credit\":256}");

        // It keeps asking for more and reads nothing: once the network's buffers are full, frames queue at the
        // gateway until the limit, and the gateway closes the connection.
        TestRig.await(() ->
        {
            if (0 == gateway.counters().slowConnectionsClosed() && services.waitingForCredit)
            {
                greedy.sendQuietly("{\"type\":\"credit\",\"id\":1,\"items\":256}");
            }
            return 1 == gateway.counters().slowConnectionsClosed();
        }, 30_000, "the gateway to close the browser that does not read");
        TestRig.await(() -> 0 == client.inflightCalls(), 10_000, "its stream to be cancelled at the producer");

        final JsonNode answer = browser().call("{\"type\":\"call\",\"id\":1,\"service\":\"Types\"," +
            "\"method\":\"roundTrip\",\"request\":{\"i8\":1}}");
        assertEquals(1, answer.get("response").get("i8").asInt());
    }

    @Test
    void shouldRefuseAPageFromAnotherOrigin()
    {
        gateway(ctx -> {});
        final CompletionException ex = assertThrows(CompletionException.class, () -> HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Origin", "http://elsewhere.example")
            .buildAsync(gateway.webSocketUri(), new WebSocket.Listener() {})
            .join());
        assertEquals(403, ((WebSocketHandshakeException)ex.getCause()).getResponse().statusCode());
        assertEquals("response", browser().call("{\"type\":\"call\",\"id\":1,\"service\":\"Types\"," +
            "\"method\":\"roundTrip\"}").get("type").asText());
    }

    private static void assertError(final JsonNode frame, final String status, final String messagePart)
    {
        assertEquals("error", frame.get("type").asText(), frame.toString());
        assertEquals(status, frame.get("status").asText(), frame.toString());
        assertTrue(frame.get("message").asText().contains(messagePart), frame.toString());
    }
}
