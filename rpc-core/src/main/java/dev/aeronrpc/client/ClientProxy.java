package dev.aeronrpc.client;

import dev.aeronrpc.core.FrameSender;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.protocol.ConnectEncoder;
import dev.aeronrpc.protocol.DisconnectEncoder;
import dev.aeronrpc.protocol.HeartbeatEncoder;
import dev.aeronrpc.protocol.MessageHeaderEncoder;
import dev.aeronrpc.protocol.RequestEncoder;
import io.aeron.ExclusivePublication;
import org.agrona.MutableDirectBuffer;

import java.util.concurrent.locks.Lock;

/**
 * Encodes the frames a client sends to its server and offers them on the request publication.
 * <p>
 * A request's payload is encoded by the caller in place, at {@link #PAYLOAD_OFFSET} of this proxy's buffer, so
 * that the envelope and payload go out in one offer with no copy. Not thread-safe: each calling thread has its own.
 * <p>
 * The request publication is exclusive, so that each client is an image of its own at the server even when
 * several clients share a media driver (a concurrent publication to the same channel and stream would be shared
 * by them all). An exclusive publication has a single writer, so the client's proxies take turns through a lock.
 */
final class ClientProxy
{
    /** Where a request's payload starts in the buffer: right after the envelope. */
    static final int PAYLOAD_OFFSET = MessageHeaderEncoder.ENCODED_LENGTH + RequestEncoder.BLOCK_LENGTH;

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final RequestEncoder requestEncoder = new RequestEncoder();
    private final ConnectEncoder connectEncoder = new ConnectEncoder();
    private final HeartbeatEncoder heartbeatEncoder = new HeartbeatEncoder();
    private final DisconnectEncoder disconnectEncoder = new DisconnectEncoder();
    private final ExclusivePublication publication;
    private final Lock publicationLock;
    private final MutableDirectBuffer buffer;
    private final FrameSender sender;

    ClientProxy(
        final ExclusivePublication publication,
        final Lock publicationLock,
        final MutableDirectBuffer buffer,
        final FrameSender sender)
    {
        this.publication = publication;
        this.publicationLock = publicationLock;
        this.buffer = buffer;
        this.sender = sender;
    }

    MutableDirectBuffer buffer()
    {
        return buffer;
    }

    Status request(
        final long sessionId,
        final long requestId,
        final int serviceId,
        final int methodId,
        final long timeoutNs,
        final int payloadLength)
    {
        requestEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .sessionId(sessionId)
            .requestId(requestId)
            .serviceId(serviceId)
            .methodId(methodId)
            .timeoutNs(timeoutNs);

        return send(PAYLOAD_OFFSET + payloadLength);
    }

    Status connect(
        final long correlationId,
        final long clientId,
        final String responseChannel,
        final int responseStreamId,
        final int maxMessageLength)
    {
        connectEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .correlationId(correlationId)
            .clientId(clientId)
            .responseStreamId(responseStreamId)
            .maxMessageLength(maxMessageLength)
            .responseChannel(responseChannel);

        return send(MessageHeaderEncoder.ENCODED_LENGTH + connectEncoder.encodedLength());
    }

    Status heartbeat(final long sessionId)
    {
        heartbeatEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).sessionId(sessionId);

        return send(MessageHeaderEncoder.ENCODED_LENGTH + heartbeatEncoder.encodedLength());
    }

    Status disconnect(final long sessionId, final Status status, final String reason)
    {
        disconnectEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .sessionId(sessionId)
            .code((short)status.code())
            .reason(reason);

        return send(MessageHeaderEncoder.ENCODED_LENGTH + disconnectEncoder.encodedLength());
    }

    private Status send(final int length)
    {
        publicationLock.lock();
        try
        {
            return sender.send(publication, buffer, 0, length);
        }
        finally
        {
            publicationLock.unlock();
        }
    }

    String lastFailure()
    {
        return sender.lastFailure();
    }
}
