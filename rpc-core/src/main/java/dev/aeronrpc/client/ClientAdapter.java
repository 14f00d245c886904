package dev.aeronrpc.client;

import dev.aeronrpc.core.Status;
import dev.aeronrpc.protocol.CancelDecoder;
import dev.aeronrpc.protocol.ChunkDecoder;
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
import dev.aeronrpc.protocol.StreamItemsDecoder;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;

/**
 * Decodes the frames a server sends to a client and hands each to the {@link ClientConductor}.
 * Wrapped in a fragment assembler, so a frame larger than one Aeron fragment arrives whole. Frames from any image
 * but the one the session was granted on are dropped (and counted), so no other publication can answer a call.
 * <p>
 * Every length a frame carries is checked against the bytes the frame holds before anything is read or allocated
 * by it: the block, each text's length, each batched item's length.
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
    private final StreamItemsDecoder streamItemsDecoder = new StreamItemsDecoder();
    private final ChunkDecoder chunkDecoder = new ChunkDecoder();
    private final ClientConductor conductor;
    private boolean reassembled;

    ClientAdapter(final ClientConductor conductor)
    {
        this.conductor = conductor;
    }

    /**
     * Reads a frame put back together from its chunks, as if it had come whole from the session's image.
     *
     * @param buffer the frame.
     * @param length its length.
     */
    void onReassembled(final DirectBuffer buffer, final int length)
    {
        reassembled = true;
        try
        {
            decode(buffer, 0, length, -1, true);
        }
        finally
        {
            reassembled = false;
        }
    }

    @Override
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        decode(buffer, offset, length, header.sessionId(), false);
    }

    private void decode(
        final DirectBuffer buffer, final int offset, final int length, final int imageSessionId, final boolean trusted)
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
        final int expectedBlockLength = blockLengthOf(templateId);
        if (expectedBlockLength < 0)
        {
            conductor.onMalformedFrame("frame has unknown template id " + templateId);
            return;
        }
        if (blockLength < expectedBlockLength)
        {
            conductor.onMalformedFrame("frame of template " + templateId + " has block length " + blockLength +
                ", shorter than the message's " + expectedBlockLength);
            return;
        }
        final int end = offset + length;
        if (hasText(templateId) && !textFits(buffer, bodyOffset + blockLength, end))
        {
            conductor.onMalformedFrame("frame of template " + templateId + " has a text longer than the frame");
            return;
        }
        if (!trusted && !conductor.acceptsFrom(imageSessionId, templateId))
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

            case StreamItemsDecoder.TEMPLATE_ID:
                streamItemsDecoder.wrap(buffer, bodyOffset, blockLength, version);
                onStreamItems(buffer, bodyOffset + blockLength, end,
                    streamItemsDecoder.requestId(), streamItemsDecoder.firstSequence());
                break;

            case ChunkDecoder.TEMPLATE_ID:
            {
                final int dataOffset = bodyOffset + blockLength + VAR_LENGTH_FIELD;
                if (reassembled || dataOffset > end)
                {
                    conductor.onMalformedFrame(reassembled ? "a chunk inside a chunked frame" :
                        "chunk frame shorter than its header");
                    return;
                }
                final long dataLength = buffer.getInt(dataOffset - VAR_LENGTH_FIELD, java.nio.ByteOrder.LITTLE_ENDIAN) &
                    0xFFFF_FFFFL;
                if (dataLength > end - dataOffset)
                {
                    conductor.onMalformedFrame("chunk of " + dataLength + " bytes runs past the frame's end");
                    return;
                }
                chunkDecoder.wrap(buffer, bodyOffset, blockLength, version);
                conductor.onChunk(chunkDecoder.requestId(), chunkDecoder.totalLength(), chunkDecoder.position(),
                    buffer, dataOffset, (int)dataLength);
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
                    imageSessionId,
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

    /**
     * Walks a StreamItems group (its header: entry block length and count, each uint16; each entry: a uint32 length
     * and that many bytes), checking every length against the frame before the item is handed on.
     */
    private void onStreamItems(
        final DirectBuffer buffer, final int groupOffset, final int end, final long requestId, final long firstSequence)
    {
        if (groupOffset + GROUP_HEADER_LENGTH > end)
        {
            conductor.onMalformedFrame("stream items frame is shorter than its group header");
            return;
        }
        final int entryBlockLength = buffer.getShort(groupOffset, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int count = buffer.getShort(groupOffset + 2, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final ClientStream<?> stream = conductor.streamOf(requestId);
        int position = groupOffset + GROUP_HEADER_LENGTH;
        for (int i = 0; i < count; i++)
        {
            position += entryBlockLength;
            if (position + VAR_LENGTH_FIELD > end || position < 0)
            {
                conductor.onMalformedFrame("stream items frame ends inside item " + i + " of " + count);
                return;
            }
            final long itemLength = buffer.getInt(position, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
            final int itemOffset = position + VAR_LENGTH_FIELD;
            if (itemLength > end - itemOffset)
            {
                conductor.onMalformedFrame("stream items frame's item " + i + " of " + itemLength +
                    " bytes runs past the frame's end");
                return;
            }
            if (null != stream)
            {
                stream.onItem(firstSequence + i, buffer, itemOffset, (int)itemLength);
            }
            position = itemOffset + (int)itemLength;
        }
    }

    private static final int GROUP_HEADER_LENGTH = 4;
    private static final int VAR_LENGTH_FIELD = 4;

    private static boolean hasText(final int templateId)
    {
        return ErrorDecoder.TEMPLATE_ID == templateId || ConnectRefusedDecoder.TEMPLATE_ID == templateId ||
            DisconnectDecoder.TEMPLATE_ID == templateId;
    }

    /**
     * Whether the text (a uint32 length and its bytes) at a position ends within the frame.
     */
    private static boolean textFits(final DirectBuffer buffer, final int position, final int end)
    {
        if (position + VAR_LENGTH_FIELD > end)
        {
            return false;
        }
        final long textLength = buffer.getInt(position, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
        return textLength <= end - position - VAR_LENGTH_FIELD;
    }

    /**
     * The block length this client's version of a message has, for the templates a server sends.
     */
    private static int blockLengthOf(final int templateId)
    {
        switch (templateId)
        {
            case ResponseDecoder.TEMPLATE_ID: return ResponseDecoder.BLOCK_LENGTH;
            case ErrorDecoder.TEMPLATE_ID: return ErrorDecoder.BLOCK_LENGTH;
            case ConnectAcceptedDecoder.TEMPLATE_ID: return ConnectAcceptedDecoder.BLOCK_LENGTH;
            case ConnectRefusedDecoder.TEMPLATE_ID: return ConnectRefusedDecoder.BLOCK_LENGTH;
            case HeartbeatDecoder.TEMPLATE_ID: return HeartbeatDecoder.BLOCK_LENGTH;
            case DisconnectDecoder.TEMPLATE_ID: return DisconnectDecoder.BLOCK_LENGTH;
            case StreamItemDecoder.TEMPLATE_ID: return StreamItemDecoder.BLOCK_LENGTH;
            case StreamItemsDecoder.TEMPLATE_ID: return StreamItemsDecoder.BLOCK_LENGTH;
            case StreamEndDecoder.TEMPLATE_ID: return StreamEndDecoder.BLOCK_LENGTH;
            case CreditDecoder.TEMPLATE_ID: return CreditDecoder.BLOCK_LENGTH;
            case CancelDecoder.TEMPLATE_ID: return CancelDecoder.BLOCK_LENGTH;
            case ChunkDecoder.TEMPLATE_ID: return ChunkDecoder.BLOCK_LENGTH;
            default: return -1;
        }
    }
}
