package dev.aeronrpc;

import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.server.RpcServer;
import dev.aeronrpc.test.TestRig;
import dev.aeronrpc.test.TestRig.Transport;
import dev.aeronrpc.test.TestServices.NotesService;
import dev.aeronrpc.test.api.NotesClient;
import dev.aeronrpc.test.api.NotesStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One-way messages: handed to Aeron and never answered; what could not be handed over is counted as dropped, and a
 * handler's failure is the server's to report.
 */
@Timeout(60)
class OneWayMessageTest
{
    private final TestRig rig = new TestRig();

    @AfterEach
    void after()
    {
        rig.close();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldDeliverEveryMessageWhileTheConnectionLives(final Transport transport)
    {
        final NotesService notes = new NotesService();
        final RpcServer server = rig.server(rig.serverContext(transport).addService(new NotesStub(notes)));
        final RpcClient client = rig.client(server);
        final NotesClient proxy = new NotesClient(client);

        for (int i = 0; i < 1_000; i++)
        {
            assertTrue(proxy.note(proxy.noteRequest().key(i).amount(1)));
        }

        TestRig.await(() -> 1_000 == notes.received.get(), 10_000, "every message to arrive");
        assertEquals(1_000, client.counters().oneWaySent());
        assertEquals(0, client.counters().oneWayDropped());
        assertEquals(0, client.counters().calls(), "one-way messages are not calls");
    }

    @Test
    void shouldReportAFailedHandlerAtTheServerAndGoOn()
    {
        final NotesService notes = new NotesService();
        final RpcServer server = rig.server(rig.serverContext(Transport.IPC).addService(new NotesStub(notes)));
        final NotesClient proxy = new NotesClient(rig.client(server));

        assertTrue(proxy.note(proxy.noteRequest().key(1).amount(-5)));
        assertTrue(proxy.note(proxy.noteRequest().key(2).amount(3)));

        TestRig.await(() -> 1 == notes.received.get(), 10_000, "the good message");
        TestRig.await(() -> 1 == server.counters().failures(), 10_000, "the failure to be counted");
        assertTrue(rig.errors().stream().anyMatch(e -> e instanceof RpcException &&
            Status.UNKNOWN == ((RpcException)e).status() && e.getMessage().contains("negative amount -5")),
            rig.errors()::toString);
    }

    @Test
    void shouldCountMessagesDroppedForWantOfAConnection()
    {
        final RpcServer server = rig.server(rig.serverContext(Transport.IPC).addService(new NotesStub(new NotesService())));
        final RpcClient client = rig.client(server, ctx -> ctx.reconnect(false));
        final NotesClient proxy = new NotesClient(client);
        server.close();
        TestRig.await(() -> !client.isConnected(), 10_000, "the client to see the server go");

        assertFalse(proxy.note(proxy.noteRequest().key(1).amount(1)));
        assertEquals(1, client.counters().oneWayDropped());
    }
}
