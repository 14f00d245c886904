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
import io.aeron.ExclusivePublication;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends a client's frames to its server: Connect, Heartbeat and Disconnect from the conductor, and requests that
 * callers have encoded in buffers of their own.
 * <p>
 * The request publication is exclusive, so that each client is an image of its own at the server even when
 * several clients share a media driver (a concurrent publication to the same channel and stream would be shared
 * by them all). An exclusive publication has one writer at a time, so every send takes this proxy's lock. The lock
 * also guards which publication and session are current: after a reconnection, a request sent again goes out on
 * the new publication with the new session id, and {@link #epoch()} has moved on.
 */
final class ClientProxy
{
    /** Where a request's payload starts in its frame: right after the envelope. */
    static final int PAYLOAD_OFFSET = MessageHeaderEncoder.ENCODED_LENGTH + RequestEncoder.BLOCK_LENGTH;

    private final ReentrantLock lock = new ReentrantLock();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final RequestEncoder requestEncoder = new RequestEncoder();
    private final ConnectEncoder connectEncoder = new ConnectEncoder();
    private final HeartbeatEncoder heartbeatEncoder = new HeartbeatEncoder();
    private final DisconnectEncoder disconnectEncoder = new DisconnectEncoder();
    private final CreditEncoder creditEncoder = new CreditEncoder();
    private final CancelEncoder cancelEncoder = new CancelEncoder();
    private final StreamEndEncoder streamEndEncoder = new StreamEndEncoder();
    private final MutableDirectBuffer controlBuffer = new ExpandableArrayBuffer(512);
    private final FrameSender sender;
    private ExclusivePublication publication;
    private long sessionId;
    private boolean connected;
    private volatile long epoch;
    private volatile String lastFailure = "not connected";

    ClientProxy(final FrameSender sender)
    {
        this.sender = sender;
    }

    /**
     * Writes the fields of a request envelope that stay the same from attempt to attempt.
     *
     * @param encoder   the caller's encoder.
     * @param frame     the caller's frame buffer.
     * @param requestId the request id.
     * @param serviceId the service.
     * @param methodId  the method.
     * @param credit    stream items the caller can take at once; 0 for a unary call.
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
     * Sends a request frame, filling in the current session, the attempt number and the time left.
     *
     * @param frame     envelope and payload, as {@link #encodeRequest} left it.
     * @param length    the frame's length.
     * @param attempt   1 for the first send.
     * @param timeoutNs time the caller still waits.
     * @return OK when sent; UNAVAILABLE when not connected or the publication failed; RESOURCE_EXHAUSTED under
     * back pressure beyond the send timeout.
     */
    Status request(final MutableDirectBuffer frame, final int length, final int attempt, final long timeoutNs)
    {
        lock.lock();
        try
        {
            if (!connected)
            {
                return Status.UNAVAILABLE;
            }
            requestEncoder.wrap(frame, MessageHeaderEncoder.ENCODED_LENGTH)
                .sessionId(sessionId)
                .timeoutNs(timeoutNs)
                .attempt(attempt);
            return send(frame, length);
        }
        finally
        {
            lock.unlock();
        }
    }

    Status connect(
        final long correlationId,
        final long clientId,
        final String responseChannel,
        final int responseStreamId,
        final int maxMessageLength)
    {
        lock.lock();
        try
        {
            connectEncoder.wrapAndApplyHeader(controlBuffer, 0, headerEncoder)
                .correlationId(correlationId)
                .clientId(clientId)
                .responseStreamId(responseStreamId)
                .maxMessageLength(maxMessageLength)
                .responseChannel(responseChannel);
            return send(controlBuffer, MessageHeaderEncoder.ENCODED_LENGTH + connectEncoder.encodedLength());
        }
        finally
        {
            lock.unlock();
        }
    }

    Status credit(final long requestId, final int credit)
    {
        lock.lock();
        try
        {
            creditEncoder.wrapAndApplyHeader(controlBuffer, 0, headerEncoder)
                .sessionId(sessionId)
                .requestId(requestId)
                .credit(credit);
            return connected ?
                send(controlBuffer, MessageHeaderEncoder.ENCODED_LENGTH + creditEncoder.encodedLength()) :
                Status.UNAVAILABLE;
        }
        finally
        {
            lock.unlock();
        }
    }

    Status cancel(final long requestId)
    {
        lock.lock();
        try
        {
            cancelEncoder.wrapAndApplyHeader(controlBuffer, 0, headerEncoder)
                .sessionId(sessionId)
                .requestId(requestId);
            return connected ?
                send(controlBuffer, MessageHeaderEncoder.ENCODED_LENGTH + cancelEncoder.encodedLength()) :
                Status.UNAVAILABLE;
        }
        finally
        {
            lock.unlock();
        }
    }

    Status streamItem(final MutableDirectBuffer frame, final int length)
    {
        lock.lock();
        try
        {
            return connected ? send(frame, length) : Status.UNAVAILABLE;
        }
        finally
        {
            lock.unlock();
        }
    }

    Status streamEnd(final long requestId, final long items)
    {
        lock.lock();
        try
        {
            streamEndEncoder.wrapAndApplyHeader(controlBuffer, 0, headerEncoder).requestId(requestId).items(items);
            return connected ?
                send(controlBuffer, MessageHeaderEncoder.ENCODED_LENGTH + streamEndEncoder.encodedLength()) :
                Status.UNAVAILABLE;
        }
        finally
        {
            lock.unlock();
        }
    }

    Status heartbeat()
    {
        lock.lock();
        try
        {
            heartbeatEncoder.wrapAndApplyHeader(controlBuffer, 0, headerEncoder).sessionId(sessionId);
            return send(controlBuffer, MessageHeaderEncoder.ENCODED_LENGTH + heartbeatEncoder.encodedLength());
        }
        finally
        {
            lock.unlock();
        }
    }

    Status disconnect(final Status status, final String reason)
    {
        lock.lock();
        try
        {
            disconnectEncoder.wrapAndApplyHeader(controlBuffer, 0, headerEncoder)
                .sessionId(sessionId)
                .code((short)status.code())
                .reason(reason);
            return send(controlBuffer, MessageHeaderEncoder.ENCODED_LENGTH + disconnectEncoder.encodedLength());
        }
        finally
        {
            lock.unlock();
        }
    }

    private Status send(final MutableDirectBuffer buffer, final int length)
    {
        if (null == publication)
        {
            lastFailure = "no publication";
            return Status.UNAVAILABLE;
        }
        final Status status = sender.send(publication, buffer, 0, length);
        if (Status.OK != status)
        {
            lastFailure = sender.lastFailure();
        }
        return status;
    }

    /**
     * Uses a new publication, not yet connected to a session.
     */
    void attach(final ExclusivePublication publication)
    {
        lock.lock();
        try
        {
            this.publication = publication;
            this.connected = false;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * The server granted a session: requests may flow, and those waiting for a reconnection are sent again.
     */
    void connected(final long sessionId)
    {
        lock.lock();
        try
        {
            this.sessionId = sessionId;
            this.connected = true;
            epoch++;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Stops sending: the connection is gone and its publication about to be closed.
     */
    void detach()
    {
        lock.lock();
        try
        {
            publication = null;
            connected = false;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Counts connections: it moves on each time a session is granted.
     *
     * @return the current connection's number.
     */
    long epoch()
    {
        return epoch;
    }

    String lastFailure()
    {
        return lastFailure;
    }
}
