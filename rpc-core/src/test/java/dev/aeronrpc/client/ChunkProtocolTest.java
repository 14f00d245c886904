package dev.aeronrpc.client;

import dev.aeronrpc.core.ChunkWriter;
import dev.aeronrpc.protocol.ChunkEncoder;
import dev.aeronrpc.protocol.MessageHeaderEncoder;
import dev.aeronrpc.server.RpcServer;
import dev.aeronrpc.test.TestRig;
import dev.aeronrpc.test.TestServices.EchoService;
import dev.aeronrpc.test.api.EchoClient;
import dev.aeronrpc.test.api.EchoStub;
import io.aeron.Publication;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Chunks no well-behaved client sends, written straight onto a client's request publication: each ends only the
 * call it names, with the status that fits, and frees what the server held for it.
 */
@Timeout(60)
class ChunkProtocolTest
{
    private final TestRig rig = new TestRig();

    @AfterEach
    void after()
    {
        rig.close();
    }

    @Test
    void shouldEndOnlyTheCallWhoseChunksBreakTheProtocol()
    {
        final RpcServer server = rig.server(rig.serverContext(TestRig.Transport.UDP)
            .addService(new EchoStub(new EchoService())));
        final RpcClient client = rig.client(server);
        final Publication publication = client.connection().publication;
        final int piece = ChunkWriter.pieceLength(publication);
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[ChunkWriter.HEADER_LENGTH + 64]);

        // A frame longer than the server allows.
        sendChunk(publication, frame, client.sessionId(), server.context().maxMessageLength() + 1, 0);
        awaitReported("exceeds the server's maximum message length");

        // A chunk that is not the first of its frame, for a frame never begun.
        sendChunk(publication, frame, client.sessionId(), 2 * piece, piece);
        awaitReported("is not the next one of its frame");

        // A frame whose later chunks never come: freed at the peer timeout, with DATA_LOSS.
        sendChunk(publication, frame, client.sessionId(), 2 * piece, 0);
        awaitReported("chunks stopped coming");

        final EchoClient echo = new EchoClient(client);
        assertEquals(7, echo.echo(echo.echoRequest().value(7).text("still here")).value());
    }

    private static void sendChunk(
        final Publication publication, final UnsafeBuffer frame, final long sessionId, final int total, final int at)
    {
        new ChunkEncoder().wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder())
            .sessionId(sessionId)
            .requestId(0)
            .totalLength(total)
            .position(at);
        frame.putInt(ChunkWriter.HEADER_LENGTH - 4, 64, ByteOrder.LITTLE_ENDIAN);
        TestRig.await(() -> publication.offer(frame, 0, frame.capacity()) > 0, 5_000, "the chunk to be sent");
    }

    private void awaitReported(final String problem)
    {
        TestRig.await(() -> rig.errors().stream().anyMatch(e -> String.valueOf(e.getMessage()).contains(problem)),
            10_000, "the server to answer: " + problem + "; errors " + rig.errors());
    }
}
