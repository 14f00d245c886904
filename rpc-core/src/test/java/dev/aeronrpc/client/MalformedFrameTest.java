package dev.aeronrpc.client;

import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.protocol.MessageHeaderEncoder;
import dev.aeronrpc.protocol.RequestEncoder;
import dev.aeronrpc.server.FrameFault;
import dev.aeronrpc.server.RpcServer;
import dev.aeronrpc.test.TestRig;
import dev.aeronrpc.test.TestServices.EchoService;
import dev.aeronrpc.test.api.EchoClient;
import dev.aeronrpc.test.api.EchoStub;
import io.aeron.Publication;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frames no well-behaved client sends, written straight onto a client's request publication: the server counts
 * each under its cause and drops it (or, for a request it can read, answers it with an error status naming the
 * problem), and keeps serving.
 */
@Timeout(60)
class MalformedFrameTest
{
    private final TestRig rig = new TestRig();
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[4096]);
    private RpcClient client;
    private RpcServer server;

    @BeforeEach
    void before()
    {
        server = rig.server(rig.serverContext(TestRig.Transport.UDP)
            .addService(new EchoStub(new EchoService()))
            .maxMessageLength(1024));
        client = rig.client(server);
    }

    @AfterEach
    void after()
    {
        rig.close();
    }

    private void sendRaw(final int length)
    {
        final Publication publication = client.connection().publication;
        TestRig.await(() -> publication.offer(frame, 0, length) > 0, 5_000, "the raw frame to be sent");
    }

    private void assertCounted(final FrameFault fault)
    {
        TestRig.await(() -> server.malformedFramesByCause().get(fault) == 1, 10_000,
            "the server to count one " + fault + " frame; counted " + server.malformedFramesByCause());
        assertEquals(1, server.counters().malformedFrames());
        assertTrue(client.isConnected());

        final EchoClient echo = new EchoClient(client);
        assertEquals(3, echo.echo(echo.echoRequest().value(3).text("after")).value());
    }

    private void assertServerReported(final Status status, final String problem)
    {
        TestRig.await(() -> rig.errors().stream().anyMatch(e -> e.getMessage().contains(problem)), 10_000,
            "the server to report: " + problem + "; errors so far " + rig.errors());
        final Throwable error = rig.errors().stream().filter(e -> e.getMessage().contains(problem)).findFirst().get();
        assertEquals(status, ((RpcException)error).status());

        final EchoClient echo = new EchoClient(client);
        assertEquals(3, echo.echo(echo.echoRequest().value(3).text("after")).value());
    }

    @Test
    void shouldAnswerAFrameShorterThanAHeader()
    {
        sendRaw(4);
        assertCounted(FrameFault.SHORT_FRAME);
    }

    @Test
    void shouldAnswerAFrameOfAnotherSchema()
    {
        new MessageHeaderEncoder().wrap(frame, 0).blockLength(0).templateId(1).schemaId(4321).version(1);
        sendRaw(MessageHeaderEncoder.ENCODED_LENGTH);
        assertCounted(FrameFault.FOREIGN_SCHEMA);
    }

    @Test
    void shouldAnswerAFrameOfAnUnknownTemplate()
    {
        new MessageHeaderEncoder().wrap(frame, 0)
            .blockLength(0).templateId(99).schemaId(MessageHeaderEncoder.SCHEMA_ID).version(1);
        sendRaw(MessageHeaderEncoder.ENCODED_LENGTH);
        assertCounted(FrameFault.UNKNOWN_TEMPLATE);
    }

    @Test
    void shouldCountARequestWhoseBlockIsShorterThanTheMessage()
    {
        new MessageHeaderEncoder().wrap(frame, 0)
            .blockLength(0).templateId(RequestEncoder.TEMPLATE_ID).schemaId(MessageHeaderEncoder.SCHEMA_ID).version(3);
        sendRaw(MessageHeaderEncoder.ENCODED_LENGTH + 40);
        assertCounted(FrameFault.SHORT_BLOCK);
    }

    @Test
    void shouldCountAFrameShorterThanItsBlock()
    {
        new RequestEncoder().wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder())
            .sessionId(client.sessionId()).requestId(1).serviceId(1).methodId(1).timeoutNs(0);
        sendRaw(MessageHeaderEncoder.ENCODED_LENGTH + RequestEncoder.BLOCK_LENGTH - 1);
        assertCounted(FrameFault.TRUNCATED);
    }

    @Test
    void shouldAnswerARequestLargerThanTheServerAccepts()
    {
        new RequestEncoder().wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder())
            .sessionId(client.sessionId()).requestId(0).serviceId(1).methodId(1).timeoutNs(0);
        sendRaw(2048);
        assertServerReported(Status.RESOURCE_EXHAUSTED, "request of 2048 bytes exceeds the server's maximum");
    }

    @Test
    void shouldAnswerARequestForAnotherSession()
    {
        new RequestEncoder().wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder())
            .sessionId(client.sessionId() + 1).requestId(0).serviceId(1).methodId(1).timeoutNs(0);
        sendRaw(MessageHeaderEncoder.ENCODED_LENGTH + RequestEncoder.BLOCK_LENGTH);
        assertTrue(client.isConnected());
        assertServerReported(Status.INVALID_ARGUMENT, "but this connection's session is " + client.sessionId());
    }
}
