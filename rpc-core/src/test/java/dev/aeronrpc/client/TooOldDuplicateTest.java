package dev.aeronrpc.client;

import dev.aeronrpc.core.Delivery;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.protocol.MessageHeaderEncoder;
import dev.aeronrpc.protocol.RequestEncoder;
import dev.aeronrpc.server.RpcServer;
import dev.aeronrpc.test.TestRig;
import dev.aeronrpc.test.TestServices.LedgerService;
import dev.aeronrpc.test.api.Ledger;
import dev.aeronrpc.test.api.LedgerClient;
import dev.aeronrpc.test.api.LedgerEntryEncoder;
import dev.aeronrpc.test.api.LedgerStub;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A duplicate of an exactly-once request that the server has already forgotten gets FAILED_PRECONDITION and is
 * never run again: the server tells it from a new request by the client's low-water mark.
 */
@Timeout(60)
class TooOldDuplicateTest
{
    private final TestRig rig = new TestRig();

    @AfterEach
    void after()
    {
        rig.close();
    }

    @Test
    void shouldRefuseADuplicateOlderThanTheTableRemembers()
    {
        final LedgerService ledger = new LedgerService();
        final RpcServer server = rig.server(rig.serverContext(TestRig.Transport.IPC)
            .addService(new LedgerStub(ledger))
            .exactlyOnceMaxEntries(2));
        final RpcClient client = rig.client(server);
        final LedgerClient calls = new LedgerClient(client);

        // The first request, kept as a frame so it can be sent again later with the same request id.
        final long requestId = client.nextRequestId();
        final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(128);
        ClientProxy.encodeRequest(new RequestEncoder(), new MessageHeaderEncoder(), frame, requestId,
            Ledger.SERVICE_ID, Ledger.EXACTLY_ONCE_METHOD_ID, 0);
        final LedgerEntryEncoder entry = new LedgerEntryEncoder();
        entry.wrapAndApplyHeader(frame, ClientProxy.PAYLOAD_OFFSET, new dev.aeronrpc.test.api.MessageHeaderEncoder())
            .key(1).amount(1);
        final int frameLength = ClientProxy.PAYLOAD_OFFSET + MessageHeaderEncoder.ENCODED_LENGTH + entry.encodedLength();

        assertEquals(Status.OK, send(client, requestId, frame, frameLength, 1));
        assertEquals(1, ledger.runs(1));

        // Two newer calls push the first out of a table of two.
        for (int key = 2; key <= 3; key++)
        {
            calls.exactlyOnce(calls.exactlyOnceRequest().key(key).amount(key));
        }

        assertEquals(Status.FAILED_PRECONDITION, send(client, requestId, frame, frameLength, 2));
        assertEquals(1, ledger.runs(1), "runs of the forgotten request");
        assertEquals(1, server.counters().tooOldDuplicates());
    }

    private static Status send(
        final RpcClient client, final long requestId, final ExpandableArrayBuffer frame, final int length, final int attempt)
    {
        final AtomicReference<Status> outcome = new AtomicReference<>();
        final AtomicReference<String> message = new AtomicReference<>();
        client.pendingCalls().add(requestId, new PendingCall()
        {
            long deadlineNs()
            {
                return Long.MAX_VALUE;
            }

            boolean timed()
            {
                return false;
            }

            void onResponse(final DirectBuffer buffer, final int offset, final int length)
            {
                outcome.set(Status.OK);
            }

            void onError(final Status status, final String text)
            {
                message.set(text);
                outcome.set(status);
            }
        });
        assertEquals(Status.OK,
            client.slot().proxy().request(client.connection(), frame, length, attempt, TestRig.CALL_TIMEOUT_NS));
        TestRig.await(() -> null != outcome.get(), 10_000, "the answer");
        if (Status.OK != outcome.get())
        {
            assertTrue(message.get().contains("older than this server remembers"), message.get());
        }
        return outcome.get();
    }
}
