package dev.aeronrpc.server;

import dev.aeronrpc.core.Payloads;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.protocol.MessageHeaderEncoder;
import org.agrona.sbe.MessageEncoderFlyweight;

/**
 * The single answer of a client stream, sent when the handler is ready: usually once the client's stream ended.
 * Fill {@link #response()}, then {@link #send()}; or {@link #fail}. From any thread, once.
 *
 * @param <E> the response encoder type.
 */
public final class Responder<E extends MessageEncoderFlyweight>
{
    private final MessageHeaderEncoder payloadHeaderEncoder = new MessageHeaderEncoder();
    private final ServerConductor conductor;
    private final Session session;
    private final long requestId;
    private E encoder;
    private InboundStream<?> inbound;
    private volatile boolean answered;

    Responder(final ServerConductor conductor, final Session session, final long requestId)
    {
        this.conductor = conductor;
        this.session = session;
        this.requestId = requestId;
    }

    Responder<E> encoder(final E encoder)
    {
        this.encoder = encoder;
        return this;
    }

    Responder<E> inbound(final InboundStream<?> inbound)
    {
        this.inbound = inbound;
        if (null != inbound)
        {
            inbound.responder(this);
        }
        return this;
    }

    /**
     * The call was answered in another way (its observer failed, and the client was told): no answer may follow.
     */
    void markAnswered()
    {
        answered = true;
    }

    private void finishInbound()
    {
        if (null != inbound)
        {
            inbound.finish();
        }
    }

    /**
     * The response's encoder, wrapped over this answer's buffer: fill it, then {@link #send()}.
     *
     * @return the encoder.
     */
    public E response()
    {
        final ServerProxy proxy = conductor.itemProxy();
        proxy.itemOwner(this);
        return Payloads.wrapEncoder(encoder, proxy.buffer(), ServerProxy.PAYLOAD_OFFSET);
    }

    /**
     * Sends the response {@link #response()} holds.
     *
     * @return true when sent; false when already answered or the client is gone.
     */
    public boolean send()
    {
        if (answered)
        {
            return false;
        }
        final ServerProxy proxy = conductor.itemProxy();
        if (proxy.itemOwner() != this)
        {
            throw new IllegalStateException("fill response() and send() on one thread, with nothing sent there between");
        }
        answered = true;
        finishInbound();
        final int payloadLength = Payloads.writeHeader(
            payloadHeaderEncoder, proxy.buffer(), ServerProxy.PAYLOAD_OFFSET, encoder);
        return Status.OK == proxy.response(session, requestId, payloadLength);
    }

    /**
     * Answers with an error status instead.
     *
     * @param status  why, not OK.
     * @param message what went wrong.
     * @return true when sent.
     */
    public boolean fail(final Status status, final String message)
    {
        if (answered)
        {
            return false;
        }
        answered = true;
        finishInbound();
        return Status.OK == conductor.threadProxy().error(session, requestId, status, message);
    }
}
