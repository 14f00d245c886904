package dev.aeronrpc.server;

import dev.aeronrpc.core.Status;
import dev.aeronrpc.protocol.CancelEncoder;
import dev.aeronrpc.protocol.ConnectAcceptedEncoder;
import dev.aeronrpc.protocol.CreditEncoder;
import dev.aeronrpc.protocol.ConnectRefusedEncoder;
import dev.aeronrpc.protocol.DisconnectEncoder;
import dev.aeronrpc.protocol.ErrorEncoder;
import dev.aeronrpc.protocol.HeartbeatEncoder;
import dev.aeronrpc.protocol.MessageHeaderEncoder;
import dev.aeronrpc.protocol.ResponseEncoder;
import dev.aeronrpc.protocol.StreamEndEncoder;
import dev.aeronrpc.protocol.StreamItemEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes the frames a server sends to a client and hands them to the client's {@link Session}, which offers them
 * once and queues what back pressure refuses: no thread of the server ever waits on a client.
 * <p>
 * A response's payload is encoded by the handler in place, at {@link #PAYLOAD_OFFSET} of this proxy's buffer,
 * so the envelope and payload leave in one offer. Not thread-safe: each sending thread has its own (the poll thread
 * one, each pooled executor call one, and any other thread that produces one of its own, per server).
 * <p>
 * Each session's publication is a concurrent one, so the poll thread and the executor threads answering that
 * session's calls offer to it at once, without a lock.
 */
final class ServerProxy
{
    /** Where a response's payload starts in the buffer: right after the envelope. */
    static final int PAYLOAD_OFFSET = MessageHeaderEncoder.ENCODED_LENGTH + ResponseEncoder.BLOCK_LENGTH;

    /** Where a stream item's payload starts in the buffer. */
    static final int STREAM_PAYLOAD_OFFSET = MessageHeaderEncoder.ENCODED_LENGTH + StreamItemEncoder.BLOCK_LENGTH;

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final ResponseEncoder responseEncoder = new ResponseEncoder();
    private final ErrorEncoder errorEncoder = new ErrorEncoder();
    private final ConnectAcceptedEncoder connectAcceptedEncoder = new ConnectAcceptedEncoder();
    private final ConnectRefusedEncoder connectRefusedEncoder = new ConnectRefusedEncoder();
    private final HeartbeatEncoder heartbeatEncoder = new HeartbeatEncoder();
    private final DisconnectEncoder disconnectEncoder = new DisconnectEncoder();
    private final StreamItemEncoder streamItemEncoder = new StreamItemEncoder();
    private final CreditEncoder creditEncoder = new CreditEncoder();
    private final CancelEncoder cancelEncoder = new CancelEncoder();
    private final StreamEndEncoder streamEndEncoder = new StreamEndEncoder();
    /** A buffer grown past this for a long frame is let go once the frame is sent, so no thread keeps it. */
    static final int TRIM_ABOVE = 1024 * 1024;

    private MutableDirectBuffer buffer = new ExpandableArrayBuffer(1024);
    private String lastFailure = "not sent";
    private Object itemOwner;

    ServerProxy()
    {
    }

    MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Who last wrapped an encoder over this buffer to send from it (a stream, a responder), so that a send can tell
     * its bytes were not overwritten by another's meanwhile.
     *
     * @param owner the stream or responder.
     */
    void itemOwner(final Object owner)
    {
        itemOwner = owner;
    }

    Object itemOwner()
    {
        return itemOwner;
    }

    Status response(final Session session, final long requestId, final int payloadLength)
    {
        responseEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).requestId(requestId);
        return send(session, PAYLOAD_OFFSET + payloadLength, requestId);
    }

    Status streamItem(final Session session, final long requestId, final long sequence, final int payloadLength)
    {
        streamItemEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).requestId(requestId).sequence(sequence);
        return send(session, STREAM_PAYLOAD_OFFSET + payloadLength, requestId);
    }

    Status streamEnd(final Session session, final long requestId, final long items)
    {
        streamEndEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).requestId(requestId).items(items);
        return send(session, MessageHeaderEncoder.ENCODED_LENGTH + streamEndEncoder.encodedLength(), requestId);
    }

    Status credit(final Session session, final long requestId, final int credit)
    {
        creditEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .sessionId(session.sessionId)
            .requestId(requestId)
            .credit(credit);
        return send(session, MessageHeaderEncoder.ENCODED_LENGTH + creditEncoder.encodedLength(), 0);
    }

    Status cancel(final Session session, final long requestId)
    {
        cancelEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).sessionId(session.sessionId).requestId(requestId);
        return send(session, MessageHeaderEncoder.ENCODED_LENGTH + cancelEncoder.encodedLength(), requestId);
    }

    Status replay(final Session session, final long requestId, final byte[] payload)
    {
        buffer.putBytes(PAYLOAD_OFFSET, payload);
        return response(session, requestId, payload.length);
    }

    Status error(final Session session, final long requestId, final Status status, final String message)
    {
        errorEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .requestId(requestId)
            .code((short)status.code())
            .message(message);
        return send(session, MessageHeaderEncoder.ENCODED_LENGTH + errorEncoder.encodedLength(), requestId);
    }

    Status connectAccepted(
        final Session session,
        final long correlationId,
        final long sessionId,
        final int maxMessageLength,
        final long heartbeatIntervalNs)
    {
        connectAcceptedEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .correlationId(correlationId)
            .sessionId(sessionId)
            .maxMessageLength(maxMessageLength)
            .heartbeatIntervalNs(heartbeatIntervalNs);
        return send(session, MessageHeaderEncoder.ENCODED_LENGTH + connectAcceptedEncoder.encodedLength(), 0);
    }

    Status connectRefused(
        final Session session, final long correlationId, final Status status, final String message)
    {
        connectRefusedEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .correlationId(correlationId)
            .code((short)status.code())
            .message(message);
        return send(session, MessageHeaderEncoder.ENCODED_LENGTH + connectRefusedEncoder.encodedLength(), 0);
    }

    Status heartbeat(final Session session, final long sessionId)
    {
        heartbeatEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).sessionId(sessionId);
        return send(session, MessageHeaderEncoder.ENCODED_LENGTH + heartbeatEncoder.encodedLength(), 0);
    }

    Status disconnect(final Session session, final long sessionId, final Status status, final String reason)
    {
        disconnectEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .sessionId(sessionId)
            .code((short)status.code())
            .reason(reason);
        return send(session, MessageHeaderEncoder.ENCODED_LENGTH + disconnectEncoder.encodedLength(), 0);
    }

    /**
     * Sends a frame held in another buffer (a stream batch).
     *
     * @param session   the client.
     * @param frame     the frame.
     * @param length    its length.
     * @param requestId the call it belongs to.
     * @return as {@link Session#send}.
     */
    Status sendFrame(final Session session, final MutableDirectBuffer frame, final int length, final long requestId)
    {
        return session.send(frame, 0, length, requestId, this);
    }

    private Status send(final Session session, final int length, final long requestId)
    {
        return session.send(buffer, 0, length, requestId, this);
    }

    /**
     * Lets go of a buffer grown for a long frame, after the frame was sent (or copied to be sent in chunks).
     */
    void trim()
    {
        if (buffer.capacity() > TRIM_ABOVE)
        {
            buffer = new ExpandableArrayBuffer(1024);
        }
    }

    void lastFailure(final String lastFailure)
    {
        this.lastFailure = lastFailure;
    }

    String lastFailure()
    {
        return lastFailure;
    }
}
