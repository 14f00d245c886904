package dev.aeronrpc.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.gateway.json.SchemaCatalog;
import dev.aeronrpc.gateway.test.CounterStub;
import dev.aeronrpc.gateway.test.TypesStub;
import dev.aeronrpc.server.InboundStream;
import dev.aeronrpc.server.RpcServer;
import dev.aeronrpc.test.TestRig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The call kinds on which the browser sends: client streams, bidirectional streams and one-way messages, over a
 * real WebSocket to a real gateway and server. The browser may send only within the credit the gateway mirrors
 * from the service, and no call outlives its connection.
 */
@Timeout(60)
class BrowserUploadTest
{
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
        gateway = rig.add(WebSocketGateway.launch(new WebSocketGateway.Context()
            .client(client)
            .catalog(SchemaCatalog.loadResource("gateway-test.xml"))
            .host("localhost")
            .port(0)));
    }

    @AfterEach
    void tearDown()
    {
        services.release();
        rig.close();
    }

    private BrowserClient browser()
    {
        return rig.add(new BrowserClient(gateway.webSocketUri()));
    }

    @Test
    void shouldSumAClientStreamSentWithinTheServicesCredit()
    {
        final BrowserClient browser = browser();
        browser.send("{\"type\":\"call\",\"id\":\"u\",\"service\":\"Types\",\"method\":\"upload\"}");
        final JsonNode credit = browser.next();
        assertEquals("credit", credit.get("type").asText(), credit.toString());
        assertEquals("u", credit.get("id").asText());
        assertEquals(InboundStream.WINDOW, credit.get("items").asInt());

        for (final int value : List.of(5, 6, 7))
        {
            browser.send("{\"type\":\"item\",\"id\":\"u\",\"item\":{\"value\":" + value + "}}");
        }
        browser.send("{\"type\":\"end\",\"id\":\"u\"}");

        final JsonNode answer = browser.next();
        assertEquals("response", answer.get("type").asText(), answer.toString());
        assertEquals(18, answer.get("response").get("value").asLong());
        TestRig.await(() -> 0 == client.inflightCalls() && 0 == gateway.counters().callsInFlight(), 10_000,
            "the upload to be gone from the client and the gateway");
    }

    @Test
    void shouldMirrorMoreCreditAsTheServiceGrantsIt()
    {
        final BrowserClient browser = browser();
        browser.send("{\"type\":\"call\",\"id\":1,\"service\":\"Types\",\"method\":\"upload\"}");
        long granted = browser.next().get("items").asLong();
        long sent = 0;
        // Three windows' worth: the browser sends only what it was granted, and more comes as the service reads.
        while (sent < 3 * InboundStream.WINDOW)
        {
            while (sent < granted)
            {
                browser.send("{\"type\":\"item\",\"id\":1,\"item\":{\"value\":1}}");
                sent++;
            }
            final JsonNode credit = browser.next();
            assertEquals("credit", credit.get("type").asText(), credit.toString());
            granted += credit.get("items").asLong();
        }
        browser.send("{\"type\":\"end\",\"id\":1}");
        JsonNode answer = browser.next();
        while ("credit".equals(answer.get("type").asText()))
        {
            answer = browser.next();
        }
        assertEquals(sent, answer.get("response").get("value").asLong(), answer.toString());
    }

    @Test
    void shouldFailAnItemSentBeyondTheCreditGranted()
    {
        final BrowserClient browser = browser();
        // The server's poll thread is busy with a held call, so the upload gets no credit yet.
        services.holdRoundTrips();
        browser.send("{\"type\":\"call\",\"id\":\"held\",\"service\":\"Types\",\"method\":\"roundTrip\"}");
        TestRig.await(() -> services.holding, 10_000, "the server to hold the call");
        browser.send("{\"type\":\"call\",\"id\":\"u\",\"service\":\"Types\",\"method\":\"upload\"}");
        browser.send("{\"type\":\"item\",\"id\":\"u\",\"item\":{\"value\":1}}");

        final JsonNode error = browser.next();
        assertError(error, "RESOURCE_EXHAUSTED", "beyond the credit granted: 0 items granted");
        assertEquals("u", error.get("id").asText());
        services.release();
        assertEquals("response", browser.next().get("type").asText());
        TestRig.await(() -> 0 == client.inflightCalls() && 0 == gateway.counters().callsInFlight(), 10_000,
            "the refused upload to be cancelled");
    }

    @Test
    void shouldCancelAClientStreamAtTheService()
    {
        final BrowserClient browser = browser();
        browser.send("{\"type\":\"call\",\"id\":1,\"service\":\"Types\",\"method\":\"upload\"}");
        assertEquals("credit", browser.next().get("type").asText());
        browser.send("{\"type\":\"item\",\"id\":1,\"item\":{\"value\":1}}");
        TestRig.await(() -> 1 == services.uploadItems.get(), 10_000, "the service to receive the item");

        assertError(browser.call("{\"type\":\"cancel\",\"id\":1}"), "CANCELLED", "");
        TestRig.await(() -> 1 == services.uploadsCancelled.get() && 0 == client.inflightCalls() &&
            0 == gateway.counters().callsInFlight(), 10_000, "the service to hear the cancel");
    }

    @Test
    void shouldCancelAnUploadWhoseBrowserDisconnectsMidway()
    {
        final BrowserClient browser = browser();
        browser.send("{\"type\":\"call\",\"id\":1,\"service\":\"Types\",\"method\":\"upload\"}");
        browser.send("{\"type\":\"call\",\"id\":2,\"service\":\"Counter\",\"method\":\"echo\",\"credit\":4}");
        assertEquals("credit", browser.next().get("type").asText());
        assertEquals("credit", browser.next().get("type").asText());
        for (int i = 0; i < 3; i++)
        {
            browser.send("{\"type\":\"item\",\"id\":1,\"item\":{\"value\":1}}");
        }
        TestRig.await(() -> 3 == services.uploadItems.get(), 10_000, "the service to receive three items");
        assertEquals(2, client.inflightCalls());

        browser.close();

        TestRig.await(() -> 1 == services.uploadsCancelled.get() && 1 == services.echoesCancelled.get() &&
            0 == client.inflightCalls() && 0 == gateway.counters().callsInFlight() &&
            0 == gateway.counters().connections(), 10_000,
            "both calls cancelled at the service and gone from the client");
    }

    @Test
    void shouldEchoABidirectionalStreamThenEndWhenBothHalvesEnd()
    {
        final BrowserClient browser = browser();
        browser.send("{\"type\":\"call\",\"id\":\"b\",\"service\":\"Counter\",\"method\":\"echo\",\"credit\":8}");
        assertEquals("credit", browser.next().get("type").asText());
        for (int i = 1; i <= 3; i++)
        {
            browser.send("{\"type\":\"item\",\"id\":\"b\",\"item\":{\"value\":" + (10 * i) + "}}");
        }
        for (int i = 1; i <= 3; i++)
        {
            final JsonNode item = browser.next();
            assertEquals("item", item.get("type").asText(), item.toString());
            assertEquals(i - 1, item.get("seq").asLong());
            assertEquals(10 * i, item.get("item").get("value").asLong());
        }
        browser.send("{\"type\":\"end\",\"id\":\"b\"}");
        assertEquals("end", browser.next().get("type").asText());
        TestRig.await(() -> 0 == client.inflightCalls() && 0 == gateway.counters().callsInFlight(), 10_000,
            "the stream to be gone from the client and the gateway");
    }

    @Test
    void shouldHoldTheServiceOfABrowserThatStopsReadingABidirectionalStream()
    {
        final BrowserClient stalled = browser();
        stalled.send("{\"type\":\"call\",\"id\":1,\"service\":\"Counter\",\"method\":\"echo\",\"credit\":4}");
        final long granted = stalled.next().get("items").asLong();
        stalled.stopReading();
        for (int i = 0; i < granted; i++)
        {
            stalled.send("{\"type\":\"item\",\"id\":1,\"item\":{\"value\":" + i + "}}");
        }

        // The browser granted 4 of the service's items: the service sent those and keeps the rest, and the
        // gateway holds nothing beyond them.
        TestRig.await(() -> 4 == services.echoesSent.get() && granted - 4 == services.echoesHeld.get(), 10_000,
            "the service to wait for the browser's credit");
        final JsonNode answer = browser().call("{\"type\":\"call\",\"id\":1,\"service\":\"Types\"," +
            "\"method\":\"roundTrip\",\"request\":{\"i8\":3}}");
        assertEquals(3, answer.get("response").get("i8").asInt());
        assertEquals(4, services.echoesSent.get());
        // At most three credit frames (the first window, then one per half window the service read), the 4 items,
        // and the other browser's answer: nothing for the items the service keeps.
        assertTrue(gateway.counters().framesSent() <= 3 + 4 + 1, "frames sent: " + gateway.counters().framesSent());

        stalled.close();
        TestRig.await(() -> 1 == services.echoesCancelled.get() && 0 == client.inflightCalls() &&
            0 == gateway.counters().callsInFlight(), 10_000, "the stream cancelled when the browser left");
    }

    @Test
    void shouldSendAOneWayMessage()
    {
        final JsonNode sent = browser().call(
            "{\"type\":\"call\",\"id\":9,\"service\":\"Types\",\"method\":\"note\",\"request\":{\"value\":77}}");
        assertEquals("sent", sent.get("type").asText(), sent.toString());
        assertEquals(9, sent.get("id").asInt());
        TestRig.await(() -> services.notes.contains(77L), 10_000, "the service to record the note");
        assertEquals(0, gateway.counters().callsInFlight());
    }

    @Test
    void shouldAnswerBadUploadFramesWithErrors()
    {
        final BrowserClient browser = browser();
        assertError(browser.call("{\"type\":\"item\",\"id\":5,\"item\":{}}"), "NOT_FOUND", "no open call with id 5");
        assertError(browser.call("{\"type\":\"end\",\"id\":5}"), "NOT_FOUND", "no open call");
        assertError(browser.call("{\"type\":\"call\",\"id\":1,\"service\":\"Types\",\"method\":\"upload\"," +
            "\"request\":{\"value\":1}}"), "INVALID_ARGUMENT", "send its items in item frames");
        assertError(browser.call("{\"type\":\"call\",\"id\":1,\"service\":\"Types\",\"method\":\"note\"," +
            "\"request\":{\"value\":\"x\"}}"), "INVALID_ARGUMENT", "field \"value\": expected an integer");

        // An item for a call that takes none fails that call.
        browser.send("{\"type\":\"call\",\"id\":2,\"service\":\"Counter\",\"method\":\"count\",\"credit\":1}");
        assertEquals("item", browser.next().get("type").asText());
        assertError(browser.call("{\"type\":\"item\",\"id\":2,\"item\":{}}"), "INVALID_ARGUMENT", "takes no items");

        // An item that does not convert fails its call, and the service hears the cancel.
        browser.send("{\"type\":\"call\",\"id\":3,\"service\":\"Types\",\"method\":\"upload\"}");
        assertEquals("credit", browser.next().get("type").asText());
        assertError(browser.call("{\"type\":\"item\",\"id\":3,\"item\":{\"value\":1.5}}"), "INVALID_ARGUMENT",
            "Number item 0: field \"value\": expected an integer");
        TestRig.await(() -> 1 == services.uploadsCancelled.get() && 0 == client.inflightCalls() &&
            0 == gateway.counters().callsInFlight(), 10_000, "both failed calls gone");
    }

    private static void assertError(final JsonNode frame, final String status, final String messagePart)
    {
        assertEquals("error", frame.get("type").asText(), frame.toString());
        assertEquals(status, frame.get("status").asText(), frame.toString());
        assertTrue(frame.get("message").asText().contains(messagePart), frame.toString());
    }
}
