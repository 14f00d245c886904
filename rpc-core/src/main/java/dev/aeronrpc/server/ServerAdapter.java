package dev.aeronrpc.server;

import dev.aeronrpc.protocol.CancelDecoder;
import dev.aeronrpc.protocol.ChunkDecoder;
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
 * <p>
 * Every frame is checked before a field of it is read: long enough for a message header, of the protocol's schema,
 * a template clients send, a block at least as long as this server's version of that message, and the block
 * within the frame. None of the frames a client sends has variable-length fields the server reads, so no length a
 * peer wrote is ever used to size anything. A frame that fails a check costs a counter increment, and a log line
 * only while the log's budget lasts ({@link ServerConductor#onMalformedFrame}).
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
    private final ChunkDecoder chunkDecoder = new ChunkDecoder();
    private final ServerConductor conductor;
    private boolean reassembled;

    ServerAdapter(final ServerConductor conductor)
    {
        this.conductor = conductor;
    }

    @Override
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final int imageSessionId = header.sessionId();
        try
        {
            decode(buffer, offset, length, imageSessionId);
        }
        catch (final RuntimeException ex)
        {
            // No frame may stop the poll thread: what slipped past the checks is refused as malformed.
            if (conductor.onMalformedFrame(imageSessionId, FrameFault.UNREADABLE))
            {
                conductor.logMalformedFrame(imageSessionId, FrameFault.UNREADABLE, ex.toString());
            }
        }
        catch (final Error ex)
        {
            conductor.onFatalError(ex);
        }
    }

    /**
     * Reads a frame put back together from its chunks, as if it had come whole.
     *
     * @param buffer         the frame.
     * @param length         its length.
     * @param imageSessionId the image its chunks came on.
     */
    void onReassembled(final DirectBuffer buffer, final int length, final int imageSessionId)
    {
        reassembled = true;
        try
        {
            decode(buffer, 0, length, imageSessionId);
        }
        finally
        {
            reassembled = false;
        }
    }

    private void decode(final DirectBuffer buffer, final int offset, final int length, final int imageSessionId)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            malformed(imageSessionId, FrameFault.SHORT_FRAME, length, MessageHeaderDecoder.ENCODED_LENGTH);
            return;
        }

        headerDecoder.wrap(buffer, offset);
        final int schemaId = headerDecoder.schemaId();
        if (schemaId != MessageHeaderDecoder.SCHEMA_ID)
        {
            malformed(imageSessionId, FrameFault.FOREIGN_SCHEMA, schemaId, MessageHeaderDecoder.SCHEMA_ID);
            return;
        }

        final int templateId = headerDecoder.templateId();
        final int blockLength = headerDecoder.blockLength();
        final int version = headerDecoder.version();
        final int expectedBlockLength = blockLengthOf(templateId);
        if (expectedBlockLength < 0)
        {
            malformed(imageSessionId, FrameFault.UNKNOWN_TEMPLATE, templateId, 0);
            return;
        }
        if (blockLength < expectedBlockLength)
        {
            malformed(imageSessionId, FrameFault.SHORT_BLOCK, blockLength, expectedBlockLength);
            return;
        }
        if (length < MessageHeaderDecoder.ENCODED_LENGTH + blockLength)
        {
            malformed(imageSessionId, FrameFault.TRUNCATED, length, MessageHeaderDecoder.ENCODED_LENGTH + blockLength);
            return;
        }

        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
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

            case ChunkDecoder.TEMPLATE_ID:
            {
                final int end = offset + length;
                final int dataOffset = bodyOffset + blockLength + 4;
                if (reassembled)
                {
                    malformed(imageSessionId, FrameFault.PROTOCOL, templateId, 0);
                    return;
                }
                if (dataOffset > end)
                {
                    malformed(imageSessionId, FrameFault.TRUNCATED, length, dataOffset - offset);
                    return;
                }
                final long dataLength = buffer.getInt(dataOffset - 4, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
                if (dataLength > end - dataOffset)
                {
                    malformed(imageSessionId, FrameFault.TRUNCATED, length, (int)Math.min(Integer.MAX_VALUE,
                        dataOffset - offset + dataLength));
                    return;
                }
                chunkDecoder.wrap(buffer, bodyOffset, blockLength, version);
                conductor.onChunk(imageSessionId, chunkDecoder.sessionId(), chunkDecoder.requestId(),
                    chunkDecoder.totalLength(), chunkDecoder.position(), buffer, dataOffset, (int)dataLength);
                break;
            }

            case DisconnectDecoder.TEMPLATE_ID:
                // Its reason is not read: a client's word for why it leaves changes nothing here.
                disconnectDecoder.wrap(buffer, bodyOffset, blockLength, version);
                conductor.onDisconnect(imageSessionId, disconnectDecoder.sessionId());
                break;

            default:
                malformed(imageSessionId, FrameFault.UNKNOWN_TEMPLATE, templateId, 0);
        }
    }

    /**
     * The block length this server's version of a message has, for the templates a client sends.
     */
    private static int blockLengthOf(final int templateId)
    {
        switch (templateId)
        {
            case RequestDecoder.TEMPLATE_ID: return RequestDecoder.BLOCK_LENGTH;
            case HeartbeatDecoder.TEMPLATE_ID: return HeartbeatDecoder.BLOCK_LENGTH;
            case ConnectDecoder.TEMPLATE_ID: return ConnectDecoder.BLOCK_LENGTH;
            case StreamItemDecoder.TEMPLATE_ID: return StreamItemDecoder.BLOCK_LENGTH;
            case StreamEndDecoder.TEMPLATE_ID: return StreamEndDecoder.BLOCK_LENGTH;
            case CreditDecoder.TEMPLATE_ID: return CreditDecoder.BLOCK_LENGTH;
            case CancelDecoder.TEMPLATE_ID: return CancelDecoder.BLOCK_LENGTH;
            case DisconnectDecoder.TEMPLATE_ID: return DisconnectDecoder.BLOCK_LENGTH;
            case ChunkDecoder.TEMPLATE_ID: return ChunkDecoder.BLOCK_LENGTH;
            default: return -1;
        }
    }

    private void malformed(final int imageSessionId, final FrameFault fault, final int found, final int expected)
    {
        if (conductor.onMalformedFrame(imageSessionId, fault))
        {
            conductor.logMalformedFrame(imageSessionId, fault, fault.describe(found, expected));
        }
    }
}
