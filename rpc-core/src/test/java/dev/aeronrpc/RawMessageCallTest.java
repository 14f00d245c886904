package dev.aeronrpc;

import dev.aeronrpc.client.CallOptions;
import dev.aeronrpc.client.ClientStream;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.Delivery;
import dev.aeronrpc.core.MethodDescriptor;
import dev.aeronrpc.core.RawMessageDecoder;
import dev.aeronrpc.core.RawMessageEncoder;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.server.RpcServer;
import dev.aeronrpc.test.TestRig;
import dev.aeronrpc.test.TestServices.EchoService;
import dev.aeronrpc.test.TestServices.TickerService;
import dev.aeronrpc.test.api.Echo;
import dev.aeronrpc.test.api.EchoReplyDecoder;
import dev.aeronrpc.test.api.EchoRequestEncoder;
import dev.aeronrpc.test.api.EchoStub;
import dev.aeronrpc.test.api.TickDecoder;
import dev.aeronrpc.test.api.TickRequestEncoder;
import dev.aeronrpc.test.api.Ticker;
import dev.aeronrpc.test.api.TickerStub;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls made with untyped flyweights, as a caller that has a schema but no generated classes makes them: the bytes
 * are written elsewhere, the flyweights only say which message they are.
 */
@Timeout(60)
class RawMessageCallTest
{
    private final TestRig rig = new TestRig();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
    private RpcClient client;

    @BeforeEach
    void setUp()
    {
        final RpcServer server = rig.server(rig.serverContext(TestRig.Transport.IPC)
            .addService(new EchoStub(new EchoService()))
            .addService(new TickerStub(new TickerService())));
        client = rig.client(server);
    }

    @AfterEach
    void tearDown()
    {
        rig.close();
    }

    private static MethodDescriptor<RawMessageEncoder, RawMessageDecoder> rawMethod(
        final String name, final int serviceId, final int methodId, final MethodDescriptor.Kind kind,
        final Delivery delivery, final java.util.function.Supplier<RawMessageDecoder> decoders)
    {
        return MethodDescriptor.of("Raw", serviceId, name, methodId, kind, delivery,
            () -> new RawMessageEncoder(0, 0, 0, 0), decoders);
    }

    private static RawMessageDecoder echoReply()
    {
        return new RawMessageDecoder(EchoReplyDecoder.TEMPLATE_ID, EchoReplyDecoder.SCHEMA_ID,
            EchoReplyDecoder.SCHEMA_VERSION, EchoReplyDecoder.BLOCK_LENGTH);
    }

    private RawMessageEncoder echoRequest(final long value, final String text)
    {
        final EchoRequestEncoder encoder = new EchoRequestEncoder().wrap(buffer, 0).value(value).text(text);
        return new RawMessageEncoder(EchoRequestEncoder.TEMPLATE_ID, EchoRequestEncoder.SCHEMA_ID,
            EchoRequestEncoder.SCHEMA_VERSION, EchoRequestEncoder.BLOCK_LENGTH)
            .wrap(buffer, 0, encoder.encodedLength());
    }

    @Test
    void shouldMakeAUnaryCall()
    {
        final MethodDescriptor<RawMessageEncoder, RawMessageDecoder> echo = rawMethod("echo", Echo.SERVICE_ID,
            Echo.ECHO_METHOD_ID, MethodDescriptor.Kind.UNARY, Delivery.AT_LEAST_ONCE, RawMessageCallTest::echoReply);
        final RawMessageDecoder reply = client.call(echo, echoRequest(42, "raw"), CallOptions.DEFAULT);

        final EchoReplyDecoder decoder = new EchoReplyDecoder()
            .wrap(reply.buffer(), reply.offset(), reply.actingBlockLength(), reply.actingVersion());
        assertEquals(42, decoder.value());
        assertEquals("raw", decoder.text());
    }

    @Test
    void shouldRefuseAnAnswerOfAnotherMessage()
    {
        final MethodDescriptor<RawMessageEncoder, RawMessageDecoder> echo = rawMethod("echo", Echo.SERVICE_ID,
            Echo.ECHO_METHOD_ID, MethodDescriptor.Kind.UNARY, Delivery.AT_MOST_ONCE, () -> new RawMessageDecoder(
            TickDecoder.TEMPLATE_ID, TickDecoder.SCHEMA_ID, TickDecoder.SCHEMA_VERSION, TickDecoder.BLOCK_LENGTH));
        final RpcException ex = assertThrows(RpcException.class,
            () -> client.call(echo, echoRequest(1, "x"), CallOptions.DEFAULT));
        assertEquals(Status.INTERNAL, ex.status());
        assertTrue(ex.description().contains("template id " + EchoReplyDecoder.TEMPLATE_ID), ex.description());
    }

    @Test
    void shouldFollowAServerStream()
    {
        final TickRequestEncoder request = new TickRequestEncoder().wrap(buffer, 0).count(3).failAt(-1);
        final RawMessageEncoder rawRequest = new RawMessageEncoder(TickRequestEncoder.TEMPLATE_ID,
            TickRequestEncoder.SCHEMA_ID, TickRequestEncoder.SCHEMA_VERSION, TickRequestEncoder.BLOCK_LENGTH)
            .wrap(buffer, 0, request.encodedLength());
        final MethodDescriptor<RawMessageEncoder, RawMessageDecoder> ticksMethod = rawMethod("ticks",
            Ticker.SERVICE_ID, Ticker.TICKS_METHOD_ID, MethodDescriptor.Kind.SERVER_STREAM, Delivery.AT_MOST_ONCE,
            () -> new RawMessageDecoder(
            TickDecoder.TEMPLATE_ID, TickDecoder.SCHEMA_ID, TickDecoder.SCHEMA_VERSION, TickDecoder.BLOCK_LENGTH));

        try (ClientStream<RawMessageDecoder> ticks = client.serverStream(ticksMethod, rawRequest, null,
            CallOptions.DEFAULT.withWindow(2).withTimeoutNs(TestRig.CALL_TIMEOUT_NS)))
        {
            final TickDecoder tick = new TickDecoder();
            for (int i = 0; i < 3; i++)
            {
                assertTrue(ticks.hasNext());
                final RawMessageDecoder next = ticks.next();
                tick.wrap(next.buffer(), next.offset(), next.actingBlockLength(), next.actingVersion());
                assertEquals(i, tick.number());
            }
            assertFalse(ticks.hasNext());
        }
    }
}
