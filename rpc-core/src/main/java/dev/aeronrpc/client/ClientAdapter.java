package dev.aeronrpc.client;

import dev.aeronrpc.core.Status;
import dev.aeronrpc.protocol.CancelDecoder;
import dev.aeronrpc.protocol.ConnectAcceptedDecoder;
import dev.aeronrpc.protocol.CreditDecoder;
import dev.aeronrpc.protocol.ConnectRefusedDecoder;
import dev.aeronrpc.protocol.DisconnectDecoder;
import dev.aeronrpc.protocol.ErrorDecoder;
import dev.aeronrpc.protocol.HeartbeatDecoder;
import dev.aeronrpc.protocol.MessageHeaderDecoder;
import dev.aeronrpc.protocol.ResponseDecoder;
import dev.aeronrpc.protocol.StreamEndDecoder;
import dev.aeronrpc.protocol.StreamItemDecoder;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;

/**
 * Decodes the frames a server sends to a client and hands each to the {@link ClientConductor}.
 * Wrapped in a fragment assembler, so a frame larger than one Aeron fragment arrives whole. Frames from any image
 * but the one the session was granted on are dropped (and counted), so no other publication can answer a call.
 */
final class ClientAdapter implements FragmentHandler
{
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final ResponseDecoder responseDecoder = new ResponseDecoder();
    private final ErrorDecoder errorDecoder = new ErrorDecoder();
    private final ConnectAcceptedDecoder connectAcceptedDecoder = new ConnectAcceptedDecoder();
    private final ConnectRefusedDecoder connectRefusedDecoder = new ConnectRefusedDecoder();
    private final HeartbeatDecoder heartbeatDecoder = new HeartbeatDecoder();
    private final DisconnectDecoder disconnectDecoder = new DisconnectDecoder();
    private final StreamItemDecoder streamItemDecoder = new StreamItemDecoder();
    private final StreamEndDecoder streamEndDecoder = new StreamEndDecoder();
    private final CreditDecoder creditDecoder = new CreditDecoder();
    private final CancelDecoder cancelDecoder = new CancelDecoder();
    private final ClientConductor conductor;

    ClientAdapter(final ClientConductor conductor)
    {
        this.conductor = conductor;
    }

    @Override
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            conductor.onMalformedFrame("frame of " + length + " bytes is shorter than a message header");
            return;
        }

        headerDecoder.wrap(buffer, offset);
        final int schemaId = headerDecoder.schemaId();
        if (schemaId != MessageHeaderDecoder.SCHEMA_ID)
        {
            conductor.onMalformedFrame("frame has schema id " + schemaId + ", expected " + MessageHeaderDecoder.SCHEMA_ID);
            return;
        }

        final int blockLength = headerDecoder.blockLength();
        final int version = headerDecoder.version();
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (length < MessageHeaderDecoder.ENCODED_LENGTH + blockLength)
        {
            conductor.onMalformedFrame("frame of " + length + " bytes is shorter than its block length " + blockLength);
            return;
        }
        final int templateId = headerDecoder.templateId();
        if (!conductor.acceptsFrom(header.sessionId(), templateId))
        {
            // Not from this session's image: never let another publication answer this client's calls.
            return;
        }
        conductor.onFrame();

        switch (templateId)
        {
            case ResponseDecoder.TEMPLATE_ID:
            {
                responseDecoder.wrap(buffer, bodyOffset, blockLength, version);
                final int payloadOffset = bodyOffset + blockLength;
                conductor.onResponse(responseDecoder.requestId(), buffer, payloadOffset, offset + length - payloadOffset);
                break;
            }

            case StreamItemDecoder.TEMPLATE_ID:
            {
                streamItemDecoder.wrap(buffer, bodyOffset, blockLength, version);
                final int payloadOffset = bodyOffset + blockLength;
                conductor.onStreamItem(streamItemDecoder.requestId(), streamItemDecoder.sequence(),
                    buffer, payloadOffset, offset + length - payloadOffset);
                break;
            }

            case StreamEndDecoder.TEMPLATE_ID:
                streamEndDecoder.wrap(buffer, bodyOffset, blockLength, version);
                conductor.onStreamEnd(streamEndDecoder.requestId(), streamEndDecoder.items());
                break;

            case CreditDecoder.TEMPLATE_ID:
                creditDecoder.wrap(buffer, bodyOffset, blockLength, version);
                conductor.onCredit(creditDecoder.requestId(), creditDecoder.credit());
                break;

            case CancelDecoder.TEMPLATE_ID:
                cancelDecoder.wrap(buffer, bodyOffset, blockLength, version);
                conductor.onServerCancel(cancelDecoder.requestId());
                break;

            case ErrorDecoder.TEMPLATE_ID:
                errorDecoder.wrap(buffer, bodyOffset, blockLength, version);
                conductor.onError(
                    errorDecoder.requestId(), Status.fromCode(errorDecoder.code()), errorDecoder.message());
                break;

            case HeartbeatDecoder.TEMPLATE_ID:
                break;

            case ConnectAcceptedDecoder.TEMPLATE_ID:
                connectAcceptedDecoder.wrap(buffer, bodyOffset, blockLength, version);
                conductor.onConnectAccepted(
                    header.sessionId(),
                    connectAcceptedDecoder.correlationId(),
                    connectAcceptedDecoder.sessionId(),
                    connectAcceptedDecoder.maxMessageLength(),
                    connectAcceptedDecoder.heartbeatIntervalNs());
                break;

            case ConnectRefusedDecoder.TEMPLATE_ID:
                connectRefusedDecoder.wrap(buffer, bodyOffset, blockLength, version);
                conductor.onConnectRefused(
                    connectRefusedDecoder.correlationId(),
                    Status.fromCode(connectRefusedDecoder.code()),
                    connectRefusedDecoder.message());
                break;

            case DisconnectDecoder.TEMPLATE_ID:
                disconnectDecoder.wrap(buffer, bodyOffset, blockLength, version);
                conductor.onDisconnect(
                    disconnectDecoder.sessionId(), Status.fromCode(disconnectDecoder.code()), disconnectDecoder.reason());
                break;

            default:
                conductor.onMalformedFrame("frame has unknown template id " + templateId);
        }
    }
}
