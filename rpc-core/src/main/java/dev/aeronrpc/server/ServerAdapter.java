package dev.aeronrpc.server;

import dev.aeronrpc.protocol.CancelDecoder;
import dev.aeronrpc.protocol.ConnectDecoder;
import dev.aeronrpc.protocol.CreditDecoder;
import dev.aeronrpc.protocol.DisconnectDecoder;
import dev.aeronrpc.protocol.HeartbeatDecoder;
import dev.aeronrpc.protocol.MessageHeaderDecoder;
import dev.aeronrpc.protocol.RequestDecoder;
import dev.aeronrpc.protocol.StreamEndDecoder;
import dev.aeronrpc.protocol.StreamItemDecoder;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;

/**
 * Decodes the frames clients send and hands each to the {@link ServerConductor}, with the Aeron session id of the
 * image it arrived on (which tells the clients apart). Wrapped in a fragment assembler, so large frames arrive
 * whole.
 */
final class ServerAdapter implements FragmentHandler
{
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final RequestDecoder requestDecoder = new RequestDecoder();
    private final ConnectDecoder connectDecoder = new ConnectDecoder();
    private final HeartbeatDecoder heartbeatDecoder = new HeartbeatDecoder();
    private final DisconnectDecoder disconnectDecoder = new DisconnectDecoder();
    private final CreditDecoder creditDecoder = new CreditDecoder();
    private final CancelDecoder cancelDecoder = new CancelDecoder();
    private final StreamItemDecoder streamItemDecoder = new StreamItemDecoder();
    private final StreamEndDecoder streamEndDecoder = new StreamEndDecoder();
    private final ServerConductor conductor;

    ServerAdapter(final ServerConductor conductor)
    {
        this.conductor = conductor;
    }

    @Override
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final int imageSessionId = header.sessionId();
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            conductor.onMalformedFrame(imageSessionId, "frame of " + length + " bytes is shorter than a message header");
            return;
        }

        headerDecoder.wrap(buffer, offset);
        final int schemaId = headerDecoder.schemaId();
        if (schemaId != MessageHeaderDecoder.SCHEMA_ID)
        {
            conductor.onMalformedFrame(imageSessionId,
                "frame has schema id " + schemaId + ", expected the rpc protocol's " + MessageHeaderDecoder.SCHEMA_ID);
            return;
        }

        final int templateId = headerDecoder.templateId();
        final int blockLength = headerDecoder.blockLength();
        final int version = headerDecoder.version();
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (length < MessageHeaderDecoder.ENCODED_LENGTH + blockLength)
        {
            conductor.onMalformedFrame(imageSessionId,
                "frame of " + length + " bytes is shorter than its block length " + blockLength);
            return;
        }

        switch (templateId)
        {
            case RequestDecoder.TEMPLATE_ID:
            {
                requestDecoder.wrap(buffer, bodyOffset, blockLength, version);
                final int payloadOffset = bodyOffset + blockLength;
                conductor.onRequest(
                    imageSessionId,
                    requestDecoder.sessionId(),
                    requestDecoder.requestId(),
                    requestDecoder.serviceId(),
                    requestDecoder.methodId(),
                    requestDecoder.attempt(),
                    requestDecoder.credit(),
                    requestDecoder.timeoutNs(),
                    buffer,
                    payloadOffset,
                    offset + length - payloadOffset,
                    length);
                break;
            }

            case HeartbeatDecoder.TEMPLATE_ID:
                heartbeatDecoder.wrap(buffer, bodyOffset, blockLength, version);
                conductor.onHeartbeat(imageSessionId, heartbeatDecoder.sessionId());
                break;

            case ConnectDecoder.TEMPLATE_ID:
                connectDecoder.wrap(buffer, bodyOffset, blockLength, version);
                conductor.onConnect(
                    imageSessionId,
                    version,
                    connectDecoder.correlationId(),
                    connectDecoder.clientId(),
                    connectDecoder.clientSecret(),
                    connectDecoder.responseStreamId(),
                    connectDecoder.maxMessageLength());
                break;

            case StreamItemDecoder.TEMPLATE_ID:
            {
                streamItemDecoder.wrap(buffer, bodyOffset, blockLength, version);
                final int payloadOffset = bodyOffset + blockLength;
                conductor.onClientItem(imageSessionId, streamItemDecoder.requestId(), streamItemDecoder.sequence(),
                    buffer, payloadOffset, offset + length - payloadOffset);
                break;
            }

            case StreamEndDecoder.TEMPLATE_ID:
                streamEndDecoder.wrap(buffer, bodyOffset, blockLength, version);
                conductor.onClientStreamEnd(imageSessionId, streamEndDecoder.requestId());
                break;

            case CreditDecoder.TEMPLATE_ID:
                creditDecoder.wrap(buffer, bodyOffset, blockLength, version);
                conductor.onCredit(
                    imageSessionId, creditDecoder.sessionId(), creditDecoder.requestId(), creditDecoder.credit());
                break;

            case CancelDecoder.TEMPLATE_ID:
                cancelDecoder.wrap(buffer, bodyOffset, blockLength, version);
                conductor.onCancel(imageSessionId, cancelDecoder.sessionId(), cancelDecoder.requestId());
                break;

            case DisconnectDecoder.TEMPLATE_ID:
                disconnectDecoder.wrap(buffer, bodyOffset, blockLength, version);
                conductor.onDisconnect(imageSessionId, disconnectDecoder.sessionId());
                break;

            default:
                conductor.onMalformedFrame(imageSessionId, "frame has unknown template id " + templateId);
        }
    }
}
