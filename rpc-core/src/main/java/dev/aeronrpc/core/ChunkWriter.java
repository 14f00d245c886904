package dev.aeronrpc.core;

import dev.aeronrpc.protocol.ChunkEncoder;
import dev.aeronrpc.protocol.MessageHeaderEncoder;
import io.aeron.DirectBufferVector;
import io.aeron.Publication;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Sends a frame too long for one Aeron message as Chunk frames, in order: each a small header (the session, the
 * call, the whole frame's length, the piece's offset) gathered with a slice of the frame in one offer, so the
 * frame's bytes are not copied to be sent.
 * <p>
 * Aeron carries a message of at most an eighth of a term (and never more than 16 MiB) in one piece; a frame up to
 * that length is sent whole and read where it lies, and only longer ones come here. Between two chunks, other
 * calls' frames go out on the same publication, so one large transfer does not hold up the small calls beside it.
 * <p>
 * Not thread-safe: one per sending thread.
 */
public final class ChunkWriter
{
    /** Bytes of a chunk's header: message header, block, and the piece's length field. */
    public static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + ChunkEncoder.BLOCK_LENGTH + 4;

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final ChunkEncoder chunkEncoder = new ChunkEncoder();
    private final UnsafeBuffer header = new UnsafeBuffer(new byte[HEADER_LENGTH]);
    private final DirectBufferVector headerVector = new DirectBufferVector(header, 0, HEADER_LENGTH);
    private final DirectBufferVector pieceVector = new DirectBufferVector();
    private final DirectBufferVector[] vectors = {headerVector, pieceVector};

    /**
     * The most frame bytes one chunk carries on a publication.
     *
     * @param publication the publication.
     * @return the piece length.
     */
    public static int pieceLength(final Publication publication)
    {
        return publication.maxMessageLength() - HEADER_LENGTH;
    }

    /**
     * Offers the chunk of a frame that starts at an offset.
     *
     * @param publication where to send it.
     * @param sessionId   the session.
     * @param requestId   the call.
     * @param frame       the whole frame.
     * @param frameOffset where the frame starts in its buffer.
     * @param frameLength the whole frame's length.
     * @param offset      where this chunk starts in the frame.
     * @return the publication's result: positive when sent (the next chunk then starts at
     * {@code offset + pieceLength}), else why not.
     */
    public long offer(
        final Publication publication,
        final long sessionId,
        final long requestId,
        final DirectBuffer frame,
        final int frameOffset,
        final int frameLength,
        final int offset)
    {
        final int pieceLength = Math.min(pieceLength(publication), frameLength - offset);
        chunkEncoder.wrapAndApplyHeader(header, 0, headerEncoder)
            .sessionId(sessionId)
            .requestId(requestId)
            .totalLength(frameLength)
            .position(offset);
        header.putInt(HEADER_LENGTH - 4, pieceLength, ByteOrder.LITTLE_ENDIAN);
        pieceVector.reset(frame, frameOffset + offset, pieceLength);
        return publication.offer(vectors);
    }

    /**
     * Where the chunk after one starting at an offset starts.
     *
     * @param publication the publication.
     * @param frameLength the whole frame's length.
     * @param offset      where the chunk sent started.
     * @return the next offset; {@code frameLength} when the frame is all sent.
     */
    public static int next(final Publication publication, final int frameLength, final int offset)
    {
        return Math.min(frameLength, offset + pieceLength(publication));
    }
}
