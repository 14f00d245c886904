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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class WebSocketGatewayTest
{
    static final String ALL_TYPES = """
        {"i8":-8,"u8":200,"i16":-16000,"u16":60000,"i32":-2000000000,"u32":4000000000,
         "i64":-9000000000000000000,"u64":18446744073709551614,"f32":1.5,"f64":-2.25,
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
        services.release();
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
        assertError(browser.call("{\"type\":\"call\",\"id\":1,\"service\":\"Types\",\"method\":\"upload\"," +
            "\"request\":{}}"), "INVALID_ARGUMENT", "send its items in item frames");
        assertError(browser.call("{\"type\":\"credit\",\"id\":1,\"items\":-1}"), "INVALID_ARGUMENT", "positive");
        assertError(browser.call("{\"type\":\"credit\",\"id\":1,\"items\":\"7\"}"), "INVALID_ARGUMENT", "positive");
        assertError(browser.call("{\"type\":\"call\",\"id\":1,\"service\":\"Counter\",\"method\":\"count\"," +
            "\"credit\":0}"), "INVALID_ARGUMENT", "credit must be a positive integer");
        assertError(browser.call("{\"type\":\"call\",\"id\":1,\"service\":\"Counter\",\"method\":\"count\"," +
            "\"credit\":\"lots\"}"), "INVALID_ARGUMENT", "credit must be a positive integer");
        assertError(browser.call("{\"type\":\"call\",\"id\":1,\"service\":\"Types\",\"method\":\"roundTrip\"," +
            "\"timeoutMs\":-5}"), "INVALID_ARGUMENT", "timeoutMs must be a positive integer");
        assertError(browser.call("{\"type\":\"call\",\"id\":1,\"pad\":\"" + "x".repeat(300_000) + "\"}"),
            "RESOURCE_EXHAUSTED", "exceeds the limit of 1000");

        final JsonNode answer = browser.call("{\"type\":\"call\",\"id\":2,\"service\":\"Types\"," +
            "\"method\":\"roundTrip\",\"request\":{\"i32\":42}}");
        assertEquals("response", answer.get("type").asText());
        assertEquals(42, answer.get("response").get("i32").asInt());
        assertEquals(15, gateway.counters().errorsSent());
        assertEquals(0, client.inflightCalls());
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
        // the gateway wrote nothing else: those items and the other browser's answer.
        assertEquals(maxCredit, services.produced.get());
        assertEquals(maxCredit + 1, gateway.counters().framesSent());
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
        // The connection is dropped, not left waiting for a close handshake the browser will never read.
        TestRig.await(() -> 0 == gateway.counters().connections(), 10_000, "the gateway to drop the connection");
        greedy.resumeReading();
        TestRig.await(greedy::isClosed, 10_000, "the browser to see its connection closed");

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

    @Test
    void shouldCancelTheStreamsOfABrowserThatDisconnectsAbruptly()
    {
        shouldCancelTheStreamsOfABrowserThatLeaves(BrowserClient::close);
    }

    @Test
    void shouldCancelTheStreamsOfABrowserThatClosesNormally()
    {
        shouldCancelTheStreamsOfABrowserThatLeaves(BrowserClient::closeNormally);
    }

    private void shouldCancelTheStreamsOfABrowserThatLeaves(final Consumer<BrowserClient> leave)
    {
        gateway(ctx -> {});
        final BrowserClient browser = browser();
        browser.send("{\"type\":\"call\",\"id\":1,\"service\":\"Counter\",\"method\":\"count\"," +
            "\"request\":{},\"credit\":2}");
        browser.send("{\"type\":\"call\",\"id\":2,\"service\":\"Counter\",\"method\":\"count\"," +
            "\"request\":{},\"credit\":2}");
        for (int i = 0; i < 4; i++)
        {
            assertEquals("item", browser.next().get("type").asText());
        }
        assertEquals(2, client.inflightCalls());

        leave.accept(browser);

        TestRig.await(() -> 0 == client.inflightCalls() && 2 == services.streamsCancelled.get() &&
            0 == gateway.counters().callsInFlight() && 0 == gateway.counters().connections(), 10_000,
            "both streams cancelled at the producer and gone from the client");
    }

    @Test
    void shouldCountACancelledUnaryCallUntilItsAnswerComes()
    {
        gateway(ctx -> ctx.maxCallsPerConnection(1));
        final BrowserClient browser = browser();
        services.holdRoundTrips();
        browser.send("{\"type\":\"call\",\"id\":1,\"service\":\"Types\",\"method\":\"roundTrip\"}");
        TestRig.await(() -> services.holding, 10_000, "the server to hold the call");

        assertError(browser.call("{\"type\":\"cancel\",\"id\":1}"), "CANCELLED", "cancelled by the browser");
        // The id is free again, but the call is still in flight at the client, and counts.
        assertError(browser.call("{\"type\":\"call\",\"id\":1,\"service\":\"Types\",\"method\":\"roundTrip\"}"),
            "RESOURCE_EXHAUSTED", "too many calls in flight on this connection");
        assertEquals(1, gateway.counters().callsInFlight());
        assertEquals(1, client.inflightCalls());

        services.release();
        TestRig.await(() -> 0 == gateway.counters().callsInFlight() && 0 == client.inflightCalls(), 10_000,
            "the late answer to end the call");
        final JsonNode answer = browser.call("{\"type\":\"call\",\"id\":2,\"service\":\"Types\"," +
            "\"method\":\"roundTrip\",\"request\":{\"i8\":2}}");
        // The late answer to call 1 was dropped: the next frame is call 2's.
        assertEquals(2, answer.get("id").asInt(), answer.toString());
        assertEquals(2, answer.get("response").get("i8").asInt());
    }

    @Test
    void shouldCapCallsInFlightAcrossConnections()
    {
        gateway(ctx -> ctx.maxCallsInFlight(1));
        final BrowserClient first = browser();
        final BrowserClient second = browser();
        services.holdRoundTrips();
        first.send("{\"type\":\"call\",\"id\":1,\"service\":\"Types\",\"method\":\"roundTrip\"}");
        TestRig.await(() -> services.holding, 10_000, "the server to hold the call");

        assertError(second.call("{\"type\":\"call\",\"id\":1,\"service\":\"Types\",\"method\":\"roundTrip\"}"),
            "RESOURCE_EXHAUSTED", "too many calls in flight through the gateway: the limit is 1");
        assertError(second.call("{\"type\":\"call\",\"id\":2,\"service\":\"Counter\",\"method\":\"count\"}"),
            "RESOURCE_EXHAUSTED", "too many calls in flight through the gateway");

        services.release();
        assertEquals("response", first.next().get("type").asText());
        TestRig.await(() -> 0 == gateway.counters().callsInFlight(), 10_000, "the call to end");
        assertEquals("response", second.call("{\"type\":\"call\",\"id\":3,\"service\":\"Types\"," +
            "\"method\":\"roundTrip\"}").get("type").asText());
    }

    @Test
    void shouldCutADeadlineToTheLongestAllowed()
    {
        gateway(ctx -> ctx.maxCallTimeoutMs(200));
        final BrowserClient browser = browser();
        services.holdRoundTrips();
        assertError(browser.call("{\"type\":\"call\",\"id\":1,\"service\":\"Types\",\"method\":\"roundTrip\"," +
            "\"timeoutMs\":1000000000000}"), "DEADLINE_EXCEEDED", "");
        assertEquals(0, gateway.counters().callsInFlight());
    }

    @Test
    void shouldRefuseConnectionsBeyondTheLimit()
    {
        gateway(ctx -> ctx.maxConnections(1));
        final BrowserClient first = browser();
        TestRig.await(() -> 1 == gateway.counters().connections(), 10_000, "the first connection to open");

        final CompletionException ex = assertThrows(CompletionException.class, () -> HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(gateway.webSocketUri(), new WebSocket.Listener() {})
            .join());
        assertEquals(503, ((WebSocketHandshakeException)ex.getCause()).getResponse().statusCode());

        first.close();
        TestRig.await(() -> 0 == gateway.counters().connections(), 10_000, "the first connection to close");
        assertEquals("response", browser().call("{\"type\":\"call\",\"id\":1,\"service\":\"Types\"," +
            "\"method\":\"roundTrip\"}").get("type").asText());
    }

    @Test
    void shouldAnswerABinaryFrameWithAnError()
    {
        gateway(ctx -> {});
        final BrowserClient browser = browser();
        browser.sendBinary(new byte[]{1, 2, 3});
        final JsonNode error = browser.next();
        assertError(error, "INVALID_ARGUMENT", "binary frames are not supported");
        assertTrue(error.get("id").isNull(), error.toString());
        assertEquals("response", browser.call("{\"type\":\"call\",\"id\":1,\"service\":\"Types\"," +
            "\"method\":\"roundTrip\"}").get("type").asText());
    }

    @Test
    void shouldAcceptThePagesOwnOriginAndRefuseARebindingOne() throws IOException
    {
        gateway(ctx -> {});
        final int port = gateway.port();
        assertEquals(101, handshakeStatus("localhost:" + port, "http://localhost:" + port));
        assertEquals(101, handshakeStatus("127.0.0.1:" + port, "http://127.0.0.1:" + port));
        // A hostile name resolved to the gateway's address: its page's origin matches the Host header it sends.
        assertEquals(403, handshakeStatus("evil.example:" + port, "http://evil.example:" + port));
        assertEquals(403, handshakeStatus("localhost:" + port, "https://localhost:" + port));
        assertEquals(403, handshakeStatus("localhost:" + port, "http://localhost:" + (port + 1)));
    }

    @Test
    void shouldAcceptAHostNamedInTheAllowedHosts() throws IOException
    {
        gateway(ctx -> ctx.allowedHosts(java.util.List.of("rpc.example")));
        final int port = gateway.port();
        assertEquals(101, handshakeStatus("rpc.example:" + port, "http://rpc.example:" + port));
        assertEquals(403, handshakeStatus("evil.example:" + port, "http://evil.example:" + port));
    }

    @Test
    void shouldServeStaticFiles() throws Exception
    {
        gateway(ctx -> ctx.staticResources("static-test"));
        final HttpClient http = HttpClient.newHttpClient();
        final HttpResponse<String> page = http.send(HttpRequest.newBuilder(gateway.httpUri()).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("served by the gateway"), page.body());

        final HttpResponse<String> missing = http.send(
            HttpRequest.newBuilder(gateway.httpUri().resolve("missing.js")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
    }

    @Test
    void shouldDescribeTheServicesAndCountWhatHappened() throws Exception
    {
        gateway(ctx -> ctx.notices(java.util.List.of("answers are lost on purpose")));
        final HttpClient http = HttpClient.newHttpClient();
        final JsonNode listing = BrowserClient.JSON.readTree(http.send(
            HttpRequest.newBuilder(gateway.httpUri().resolve("api/describe")).build(),
            HttpResponse.BodyHandlers.ofString()).body());
        assertEquals("schema", listing.get("source").asText());
        assertEquals("answers are lost on purpose", listing.get("notices").get(0).asText());
        final JsonNode types = listing.get("services").get(0);
        assertEquals("Types", types.get("name").asText());
        assertEquals("client-stream", types.get("methods").get(2).get("kind").asText());
        assertTrue(types.get("methods").get(3).get("response").isNull(), "a one-way method has no response");
        final JsonNode fields = listing.get("messages").get("AllTypes").get("fields");
        assertEquals("{\"name\":\"i8\",\"kind\":\"integer\",\"primitive\":\"int8\",\"optional\":false," +
            "\"min\":\"-127\",\"max\":\"127\"}", fields.get(0).toString());
        assertEquals("18446744073709551614", fields.get(7).get("max").asText());
        assertEquals("[\"BUY\",\"SELL\"]", fields.get(14).get("values").toString());
        assertEquals("legs", fields.get(17).get("name").asText());
        assertEquals("group", fields.get(17).get("kind").asText());
        assertEquals("UTF-8", fields.get(18).get("encoding").asText());
        assertTrue(fields.get(19).get("encoding").isNull(), "bytes travel as base64");

        browser().call("{\"type\":\"call\",\"id\":1,\"service\":\"Types\",\"method\":\"roundTrip\"}");
        final JsonNode counters = BrowserClient.JSON.readTree(http.send(
            HttpRequest.newBuilder(gateway.httpUri().resolve("api/counters")).build(),
            HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(1, counters.get("client").get("calls").asLong(), counters.toString());
        assertTrue(counters.get("server").isNull(), "no server counters were given");
        assertEquals(1, counters.get("gateway").get("connections").asLong());
    }

    @Test
    void shouldRefuseTheJsonEndpointsUnderAHostileName() throws IOException
    {
        gateway(ctx -> {});
        try (Socket socket = new Socket("localhost", gateway.port()))
        {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /api/counters HTTP/1.1\r\nHost: evil.example:" + gateway.port() +
                "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            final String statusLine = new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertEquals("HTTP/1.1 403 Forbidden", statusLine);
        }
    }

    @Test
    void shouldServeTheConsoleAndItsAssets() throws Exception
    {
        gateway(ctx -> {});
        final HttpClient http = HttpClient.newHttpClient();
        for (final String path : java.util.List.of("console/", "console/console.js", "assets/rpc.js",
            "assets/theme.css", "assets/favicon.svg"))
        {
            assertEquals(200, http.send(HttpRequest.newBuilder(gateway.httpUri().resolve(path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode(), path);
        }
    }

    /**
     * Opens a WebSocket handshake by hand, since the JDK's client will not send a Host header of our choosing.
     *
     * @return the HTTP status of the answer.
     */
    private int handshakeStatus(final String host, final String origin) throws IOException
    {
        try (Socket socket = new Socket("localhost", gateway.port()))
        {
            socket.setSoTimeout(10_000);
            final String request = "GET " + GatewayConfiguration.WEBSOCKET_PATH + " HTTP/1.1\r\n" +
                "Host: " + host + "\r\n" +
                "Upgrade: websocket\r\n" +
                "Connection: Upgrade\r\n" +
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
                "Sec-WebSocket-Version: 13\r\n" +
                "Origin: " + origin + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            final String statusLine = new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertNotNull(statusLine, "no answer to the handshake");
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private static void assertError(final JsonNode frame, final String status, final String messagePart)
    {
        assertEquals("error", frame.get("type").asText(), frame.toString());
        assertEquals(status, frame.get("status").asText(), frame.toString());
        assertTrue(frame.get("message").asText().contains(messagePart), frame.toString());
    }
}
