package dev.aeronrpc.client;

import dev.aeronrpc.core.FrameSender;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.protocol.CancelEncoder;
import dev.aeronrpc.protocol.ConnectEncoder;
import dev.aeronrpc.protocol.CreditEncoder;
import dev.aeronrpc.protocol.DisconnectEncoder;
import dev.aeronrpc.protocol.HeartbeatEncoder;
import dev.aeronrpc.protocol.MessageHeaderEncoder;
import dev.aeronrpc.protocol.RequestEncoder;
import dev.aeronrpc.protocol.StreamEndEncoder;
import io.aeron.Publication;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;

/**
 * Encodes a client's frames and offers them on the current {@link Connection}'s request publication.
 * <p>
 * Not thread-safe, and needs no lock: each sending thread has its own (every calling thread's {@link CallSlot}
 * one, the conductor one), and the request publication is a concurrent one, which any number of threads offer to
 * at once. So a thread waiting out back pressure holds nothing another thread needs: the conductor keeps polling,
 * other callers keep sending.
 * <p>
 * Two ways to send: {@link #request} and {@link #streamItem}, for a caller's own frames on the caller's own thread,
 * retry back pressure for up to the send timeout; every control frame, and everything the conductor sends, is
 * offered once, and whoever sent it tries again later when it is refused.
 */
final class ClientProxy
{
    /** Where a request's payload starts in its frame: right after the envelope. */
    static final int PAYLOAD_OFFSET = MessageHeaderEncoder.ENCODED_LENGTH + RequestEncoder.BLOCK_LENGTH;

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final RequestEncoder requestEncoder = new RequestEncoder();
    private final ConnectEncoder connectEncoder = new ConnectEncoder();
    private final HeartbeatEncoder heartbeatEncoder = new HeartbeatEncoder();
    private final DisconnectEncoder disconnectEncoder = new DisconnectEncoder();
    private final CreditEncoder creditEncoder = new CreditEncoder();
    private final CancelEncoder cancelEncoder = new CancelEncoder();
    private final StreamEndEncoder streamEndEncoder = new StreamEndEncoder();
    private final MutableDirectBuffer controlBuffer = new ExpandableArrayBuffer(256);
    private final FrameSender sender;
    private final dev.aeronrpc.core.ChunkWriter chunks = new dev.aeronrpc.core.ChunkWriter();
    private String lastFailure = "not sent";

    /**
     * A proxy for one sending thread.
     *
     * @param idleStrategy  how to wait between retries of a back-pressured request.
     * @param sendTimeoutNs how long a request retries back pressure.
     */
    ClientProxy(final IdleStrategy idleStrategy, final long sendTimeoutNs)
    {
        this(idleStrategy, sendTimeoutNs, () -> 0);
    }

    /**
     * A proxy for one calling thread, which drives the client while it waits out back pressure when it may (in
     * invoker mode no other thread drains the answers that would relieve it).
     *
     * @param idleStrategy     how to wait between retries.
     * @param sendTimeoutNs    how long a request retries back pressure.
     * @param workWhileWaiting the client's duty cycle for a waiting caller.
     */
    ClientProxy(
        final IdleStrategy idleStrategy, final long sendTimeoutNs, final java.util.function.IntSupplier workWhileWaiting)
    {
        this.sender = new FrameSender(idleStrategy, sendTimeoutNs, workWhileWaiting);
    }

    /**
     * Writes the fields of a request envelope that stay the same from attempt to attempt.
     *
     * @param encoder       a request encoder.
     * @param headerEncoder a header encoder.
     * @param frame         the frame buffer.
     * @param requestId     the request id; 0 for a one-way message.
     * @param serviceId     the service.
     * @param methodId      the method.
     * @param credit        server stream items the caller can take at once; 0 for other kinds.
     */
    static void encodeRequest(
        final RequestEncoder encoder,
        final MessageHeaderEncoder headerEncoder,
        final MutableDirectBuffer frame,
        final long requestId,
        final int serviceId,
        final int methodId,
        final int credit)
    {
        encoder.wrapAndApplyHeader(frame, 0, headerEncoder)
            .requestId(requestId)
            .serviceId(serviceId)
            .methodId(methodId)
            .credit(credit);
    }

    /**
     * Sends a request frame, filling in the session, the attempt number and the time left; retries back pressure
     * for up to the send timeout.
     *
     * @param connection the session to send on.
     * @param frame      envelope and payload, as {@link #encodeRequest} left it.
     * @param length     the frame's length.
     * @param attempt    1 for the first send.
     * @param timeoutNs  time the caller still waits; 0 for none.
     * @return OK when sent; UNAVAILABLE when there is no session or it failed; RESOURCE_EXHAUSTED when back
     * pressure outlasted the send timeout or the frame is too long for the publication.
     */
    Status request(
        final Connection connection,
        final MutableDirectBuffer frame,
        final int length,
        final int attempt,
        final long timeoutNs)
    {
        if (!fillRequest(connection, frame, attempt, timeoutNs))
        {
            return Status.UNAVAILABLE;
        }
        return send(connection, frame, length, requestIdOf(frame));
    }

    private static long requestIdOf(final MutableDirectBuffer frame)
    {
        return frame.getLong(MessageHeaderEncoder.ENCODED_LENGTH + RequestEncoder.requestIdEncodingOffset(),
            java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    private Status send(
        final Connection connection, final MutableDirectBuffer frame, final int length, final long requestId)
    {
        if (length > connection.publication.maxMessageLength())
        {
            return result(sender.sendChunked(
                connection.publication, chunks, connection.sessionId, requestId, frame, 0, length));
        }
        return result(sender.send(connection.publication, frame, 0, length));
    }

    /**
     * Sends the chunks of a request too long for one Aeron message, once each from a position, for the conductor:
     * it comes back on a later tick to go on from the position returned.
     *
     * @param connection the session to send on.
     * @param frame      envelope and payload.
     * @param length     the frame's length.
     * @param attempt    the attempt number, written into the envelope when starting at 0.
     * @param timeoutNs  time the caller still waits.
     * @param position   where to go on from; 0 to start.
     * @return the position reached ({@code length} when sent), or -1 when there is no session or it failed.
     */
    int tryRequestChunks(
        final Connection connection,
        final MutableDirectBuffer frame,
        final int length,
        final int attempt,
        final long timeoutNs,
        final int position)
    {
        if (0 == position && !fillRequest(connection, frame, attempt, timeoutNs))
        {
            return -1;
        }
        if (!connection.isUp())
        {
            lastFailure = "not connected";
            return -1;
        }
        final int reached = sender.trySendChunked(
            connection.publication, chunks, connection.sessionId, requestIdOf(frame), frame, length, position);
        if (reached < 0)
        {
            lastFailure = sender.lastFailure();
        }
        return reached;
    }

    /**
     * Sends a request frame with one offer: for the conductor, which must never wait.
     *
     * @param connection the session to send on.
     * @param frame      envelope and payload.
     * @param length     the frame's length.
     * @param attempt    the attempt number.
     * @param timeoutNs  time the caller still waits.
     * @return as {@link #request}, with RESOURCE_EXHAUSTED for any back pressure.
     */
    Status tryRequest(
        final Connection connection,
        final MutableDirectBuffer frame,
        final int length,
        final int attempt,
        final long timeoutNs)
    {
        if (!fillRequest(connection, frame, attempt, timeoutNs))
        {
            return Status.UNAVAILABLE;
        }
        return result(sender.trySend(connection.publication, frame, 0, length));
    }

    private boolean fillRequest(
        final Connection connection, final MutableDirectBuffer frame, final int attempt, final long timeoutNs)
    {
        if (!connection.isUp())
        {
            lastFailure = "not connected";
            return false;
        }
        requestEncoder.wrap(frame, MessageHeaderEncoder.ENCODED_LENGTH)
            .sessionId(connection.sessionId)
            .timeoutNs(Math.max(0, timeoutNs))
            .attempt(attempt);
        return true;
    }

    /**
     * Sends a client stream item, retrying back pressure for up to the send timeout.
     *
     * @param connection the session to send on.
     * @param frame      the item frame.
     * @param length     its length.
     * @return as {@link #request}.
     */
    Status streamItem(final Connection connection, final MutableDirectBuffer frame, final int length)
    {
        if (!connection.isUp())
        {
            lastFailure = "not connected";
            return Status.UNAVAILABLE;
        }
        // A stream item's request id is the first field of its block, as in every frame of a call.
        return send(connection, frame, length, frame.getLong(MessageHeaderEncoder.ENCODED_LENGTH,
            java.nio.ByteOrder.LITTLE_ENDIAN));
    }

    Status credit(final Connection connection, final long requestId, final int credit)
    {
        if (!connection.isUp())
        {
            return Status.UNAVAILABLE;
        }
        creditEncoder.wrapAndApplyHeader(controlBuffer, 0, headerEncoder)
            .sessionId(connection.sessionId)
            .requestId(requestId)
            .credit(credit);
        return trySend(connection.publication, MessageHeaderEncoder.ENCODED_LENGTH + creditEncoder.encodedLength());
    }

    Status cancel(final Connection connection, final long requestId)
    {
        if (!connection.isUp())
        {
            return Status.UNAVAILABLE;
        }
        cancelEncoder.wrapAndApplyHeader(controlBuffer, 0, headerEncoder)
            .sessionId(connection.sessionId)
            .requestId(requestId);
        return trySend(connection.publication, MessageHeaderEncoder.ENCODED_LENGTH + cancelEncoder.encodedLength());
    }

    Status streamEnd(final Connection connection, final long requestId, final long items)
    {
        if (!connection.isUp())
        {
            return Status.UNAVAILABLE;
        }
        streamEndEncoder.wrapAndApplyHeader(controlBuffer, 0, headerEncoder).requestId(requestId).items(items);
        return trySend(connection.publication, MessageHeaderEncoder.ENCODED_LENGTH + streamEndEncoder.encodedLength());
    }

    Status heartbeat(final Connection connection)
    {
        if (!connection.isUp())
        {
            return Status.UNAVAILABLE;
        }
        heartbeatEncoder.wrapAndApplyHeader(controlBuffer, 0, headerEncoder).sessionId(connection.sessionId);
        return trySend(connection.publication, MessageHeaderEncoder.ENCODED_LENGTH + heartbeatEncoder.encodedLength());
    }

    Status disconnect(final Connection connection, final Status status, final String reason)
    {
        if (!connection.isUp())
        {
            return Status.UNAVAILABLE;
        }
        disconnectEncoder.wrapAndApplyHeader(controlBuffer, 0, headerEncoder)
            .sessionId(connection.sessionId)
            .code((short)status.code())
            .reason(reason);
        return trySend(connection.publication,
            MessageHeaderEncoder.ENCODED_LENGTH + disconnectEncoder.encodedLength());
    }

    Status connect(
        final Publication publication,
        final long correlationId,
        final long clientId,
        final long clientSecret,
        final int responseStreamId,
        final int maxMessageLength)
    {
        connectEncoder.wrapAndApplyHeader(controlBuffer, 0, headerEncoder)
            .correlationId(correlationId)
            .clientId(clientId)
            .clientSecret(clientSecret)
            .responseStreamId(responseStreamId)
            .maxMessageLength(maxMessageLength);
        return trySend(publication, MessageHeaderEncoder.ENCODED_LENGTH + connectEncoder.encodedLength());
    }

    /**
     * Why the last failed send failed, in words.
     *
     * @return a description.
     */
    String lastFailure()
    {
        return lastFailure;
    }

    private Status trySend(final Publication publication, final int length)
    {
        return result(sender.trySend(publication, controlBuffer, 0, length));
    }

    private Status result(final Status status)
    {
        if (Status.OK != status)
        {
            lastFailure = sender.lastFailure();
        }
        return status;
    }
}
