package dev.aeronrpc;

import dev.aeronrpc.client.CallOptions;
import dev.aeronrpc.client.ResponseListener;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.Delivery;
import dev.aeronrpc.core.MethodDescriptor;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.server.RpcServer;
import dev.aeronrpc.test.TestRig;
import dev.aeronrpc.test.TestRig.Transport;
import dev.aeronrpc.test.TestServices.EchoService;
import dev.aeronrpc.test.TestServices.ProbeService;
import dev.aeronrpc.test.api.AbsentClient;
import dev.aeronrpc.test.api.BlobEncoder;
import dev.aeronrpc.test.api.Echo;
import dev.aeronrpc.test.api.EchoClient;
import dev.aeronrpc.test.api.EchoReplyDecoder;
import dev.aeronrpc.test.api.EchoRequestEncoder;
import dev.aeronrpc.test.api.EchoStub;
import dev.aeronrpc.test.api.EmptyDecoder;
import dev.aeronrpc.test.api.Probe;
import dev.aeronrpc.test.api.ProbeClient;
import dev.aeronrpc.test.api.ProbeStub;
import dev.aeronrpc.test.api.SleepRequestEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.sbe.EncoderFlyweight;
import org.agrona.sbe.MessageEncoderFlyweight;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way a call can fail ends in a status with a message, and the client and server go on serving afterwards.
 */
@Timeout(60)
class ErrorStatusTest
{
    private final TestRig rig = new TestRig();
    private final ProbeService probe = new ProbeService();
    private RpcServer server;
    private RpcClient rpcClient;
    private ProbeClient client;
    private EchoClient echo;

    @AfterEach
    void after()
    {
        rig.close();
    }

    private void start(final Transport transport)
    {
        server = rig.server(rig.serverContext(transport)
            .addService(new EchoStub(new EchoService()))
            .addService(new ProbeStub(probe)));
        rpcClient = rig.client(server);
        client = new ProbeClient(rpcClient);
        echo = new EchoClient(rpcClient);
    }

    private void callEcho(final MessageEncoderFlyweight request)
    {
        rpcClient.call(Echo.ECHO_METHOD, request, CallOptions.DEFAULT);
    }

    /** A request over a buffer of the test's own, which the client copies into its frame. */
    private static EchoRequestEncoder ownEchoRequest()
    {
        return new EchoRequestEncoder().wrap(new ExpandableArrayBuffer(256), 0);
    }

    private void assertStillServing()
    {
        assertEquals(99, echo.echo(echo.echoRequest().value(99).text("still here")).value());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldCarryTheStatusAndMessageAHandlerThrows(final Transport transport)
    {
        start(transport);
        for (final Status status : Status.values())
        {
            if (Status.OK == status)
            {
                continue;
            }
            final RpcException ex = assertThrows(RpcException.class,
                () -> client.fail(client.failRequest().code((short)status.code()).message("because " + status)));
            assertEquals(status, ex.status());
            assertEquals("because " + status, ex.description());
        }
        assertStillServing();
    }

    @Test
    void shouldAnswerUnknownWithTheMessageOfAnyOtherException()
    {
        start(Transport.IPC);
        final RpcException ex = assertThrows(RpcException.class,
            () -> client.fail(client.failRequest().code((short)255).message("handler broke")));
        assertEquals(Status.UNKNOWN, ex.status());
        assertTrue(ex.description().contains("Probe.fail threw java.lang.IllegalStateException: handler broke"),
            ex.description());
        assertStillServing();
    }

    @Test
    void shouldAnswerUnimplementedForAMethodTheServiceDoesNotOverride()
    {
        start(Transport.IPC);
        final RpcException ex = assertThrows(RpcException.class, () -> client.notImplemented(client.notImplementedRequest()));
        assertEquals(Status.UNIMPLEMENTED, ex.status());
        assertEquals("Probe.notImplemented is not implemented", ex.description());
    }

    @Test
    void shouldAnswerUnimplementedForAnUnknownService()
    {
        start(Transport.IPC);
        final AbsentClient absent = new AbsentClient(rpcClient);
        final RpcException ex = assertThrows(RpcException.class, () -> absent.ping(absent.pingRequest()));
        assertEquals(Status.UNIMPLEMENTED, ex.status());
        assertEquals("this server has no service with id 3", ex.description());
        assertStillServing();
    }

    @Test
    void shouldAnswerUnimplementedForAnUnknownMethod()
    {
        start(Transport.IPC);
        final MethodDescriptor<SleepRequestEncoder, EmptyDecoder> missing = MethodDescriptor.of(Probe.SERVICE_NAME,
            Probe.SERVICE_ID, "missing", 77, MethodDescriptor.Kind.UNARY, Delivery.AT_MOST_ONCE,
            SleepRequestEncoder::new, EmptyDecoder::new);
        final RpcException ex = assertThrows(RpcException.class,
            () -> rpcClient.call(missing, rpcClient.request(missing).millis(0), CallOptions.DEFAULT));
        assertEquals(Status.UNIMPLEMENTED, ex.status());
        assertEquals("Probe has no method with id 77", ex.description());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldEndACallWithDeadlineExceededAndServeTheNext(final Transport transport)
    {
        start(transport);
        final SleepRequestEncoder request = client.sleepRequest().millis(500);
        final RpcException ex = assertThrows(RpcException.class,
            () -> client.withTimeout(Duration.ofMillis(100)).sleep(request));
        assertEquals(Status.DEADLINE_EXCEEDED, ex.status());
        assertStillServing();
    }

    @Test
    void shouldTellAnAsynchronousListenerItsDeadlinePassed()
    {
        start(Transport.IPC);
        final AtomicReference<Status> outcome = new AtomicReference<>();
        client.withTimeout(Duration.ofMillis(100)).sleepAsync(client.sleepRequest().millis(500), new ResponseListener<>()
        {
            public void onResponse(final EmptyDecoder response)
            {
                outcome.set(Status.OK);
            }

            public void onError(final Status status, final String message)
            {
                outcome.set(status);
            }
        });

        TestRig.await(() -> null != outcome.get(), 10_000, "the listener to hear the outcome");
        assertEquals(Status.DEADLINE_EXCEEDED, outcome.get());
    }

    @Test
    void shouldRefuseARequestOfANewerSchemaVersion()
    {
        start(Transport.IPC);
        final EchoRequestEncoder request = ownEchoRequest().value(1).text("from the future");
        final RpcException ex = assertThrows(RpcException.class, () -> callEcho(
            new Disguised(request, request.sbeSchemaId(), request.sbeSchemaVersion() + 1, request.sbeTemplateId())));
        assertEquals(Status.INVALID_ARGUMENT, ex.status());
        assertTrue(ex.description().contains("version 2, newer than the version 1"), ex.description());
        assertStillServing();
    }

    @Test
    void shouldRefuseARequestOfAnotherSchema()
    {
        start(Transport.IPC);
        final EchoRequestEncoder request = ownEchoRequest().value(1).text("foreign");
        final RpcException ex = assertThrows(RpcException.class, () -> callEcho(
            new Disguised(request, 4242, request.sbeSchemaVersion(), request.sbeTemplateId())));
        assertEquals(Status.INVALID_ARGUMENT, ex.status());
        assertTrue(ex.description().contains("schema id 4242, expected 900"), ex.description());
        assertStillServing();
    }

    @Test
    void shouldRefuseARequestThatIsAnotherMessage()
    {
        start(Transport.IPC);
        final EchoRequestEncoder request = ownEchoRequest().value(1).text("wrong message");
        final RpcException ex = assertThrows(RpcException.class, () -> callEcho(
            new Disguised(request, request.sbeSchemaId(), request.sbeSchemaVersion(), 6)));
        assertEquals(Status.INVALID_ARGUMENT, ex.status());
        assertTrue(ex.description().contains("template id 6, expected 1"), ex.description());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldRefuseAnOversizedRequestBeforeSendingIt(final Transport transport)
    {
        start(transport);
        final int size = rpcClient.context().maxMessageLength();
        final BlobEncoder upload = client.uploadRequest();
        upload.putBytes(new byte[size], 0, size);
        final RpcException ex = assertThrows(RpcException.class, () -> client.upload(upload));
        assertEquals(Status.RESOURCE_EXHAUSTED, ex.status());
        assertTrue(ex.description().contains("exceeds the maximum message length"), ex.description());
        assertEquals(0, probe.calls.get());
        assertStillServing();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldAnswerResourceExhaustedForAnOversizedResponse(final Transport transport)
    {
        start(transport);
        final RpcException ex = assertThrows(RpcException.class,
            () -> client.blob(client.blobRequest().size(rpcClient.context().maxMessageLength())));
        assertEquals(Status.RESOURCE_EXHAUSTED, ex.status());
        assertTrue(ex.description().contains("response of"), ex.description());
        assertStillServing();
    }

    @Test
    void shouldRefuseToBlockInsideAResponseListener()
    {
        start(Transport.IPC);
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        echo.echoAsync(echo.echoRequest().value(1).text("x"), new ResponseListener<>()
        {
            public void onResponse(final EchoReplyDecoder response)
            {
                try
                {
                    echo.echo(echo.echoRequest().value(2).text("nested"));
                }
                catch (final Throwable ex)
                {
                    thrown.set(ex);
                }
            }

            public void onError(final Status status, final String message)
            {
            }
        });
        TestRig.await(() -> null != thrown.get(), 10_000, "the nested blocking call to be refused");
        assertEquals(IllegalStateException.class, thrown.get().getClass());
        assertStillServing();
    }

    /**
     * An encoder that claims another schema, version or template than it has, as a mismatched peer would send.
     */
    private static final class Disguised implements MessageEncoderFlyweight
    {
        private final MessageEncoderFlyweight real;
        private final int schemaId;
        private final int version;
        private final int templateId;

        Disguised(final MessageEncoderFlyweight real, final int schemaId, final int version, final int templateId)
        {
            this.real = real;
            this.schemaId = schemaId;
            this.version = version;
            this.templateId = templateId;
        }

        public MutableDirectBuffer buffer()
        {
            return (MutableDirectBuffer)real.buffer();
        }

        public EncoderFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
        {
            return real.wrap(buffer, offset);
        }

        public int offset()
        {
            return real.offset();
        }

        public int encodedLength()
        {
            return real.encodedLength();
        }

        public int sbeSchemaId()
        {
            return schemaId;
        }

        public int sbeSchemaVersion()
        {
            return version;
        }

        public int sbeBlockLength()
        {
            return real.sbeBlockLength();
        }

        public int sbeTemplateId()
        {
            return templateId;
        }

        public String sbeSemanticType()
        {
            return real.sbeSemanticType();
        }

        public int limit()
        {
            return real.limit();
        }

        public void limit(final int limit)
        {
            real.limit(limit);
        }
    }
}
