package dev.aeronrpc.labs.guarantees.lab;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The mini protocol's two frames, little-endian, fixed length:
 * <pre>
 * request:  type=1 (int) | replyPort (int) | clientId (long) | requestId (long) | op (int) | 0 (int) | key (long) | value (long)
 * response: type=2 (int) | 0 (int)         | clientId (long) | requestId (long) | value (long)
 * </pre>
 * A request names the UDP port its client reads answers on; the server answers there.
 */
public final class Wire
{
    public static final int REQUEST_TYPE = 1;
    public static final int RESPONSE_TYPE = 2;
    public static final int REQUEST_LENGTH = 48;
    public static final int RESPONSE_LENGTH = 32;

    private Wire()
    {
    }

    public static int encodeRequest(final MutableDirectBuffer buffer, final int replyPort, final Request request)
    {
        buffer.putInt(0, REQUEST_TYPE);
        buffer.putInt(4, replyPort);
        buffer.putLong(8, request.clientId());
        buffer.putLong(16, request.requestId());
        buffer.putInt(24, request.op().ordinal());
        buffer.putInt(28, 0);
        buffer.putLong(32, request.key());
        buffer.putLong(40, request.value());
        return REQUEST_LENGTH;
    }

    /**
     * @return the request, or null if the frame is not a well-formed request.
     */
    public static Request decodeRequest(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != REQUEST_LENGTH || buffer.getInt(offset) != REQUEST_TYPE)
        {
            return null;
        }
        final Op op = Op.of(buffer.getInt(offset + 24));
        return null == op ? null : new Request(
            buffer.getLong(offset + 8), buffer.getLong(offset + 16), op, buffer.getLong(offset + 32),
            buffer.getLong(offset + 40));
    }

    public static int replyPort(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + 4);
    }

    public static int encodeResponse(final MutableDirectBuffer buffer, final Response response)
    {
        buffer.putInt(0, RESPONSE_TYPE);
        buffer.putInt(4, 0);
        buffer.putLong(8, response.clientId());
        buffer.putLong(16, response.requestId());
        buffer.putLong(24, response.value());
        return RESPONSE_LENGTH;
    }

    /**
     * @return the response, or null if the frame is not a well-formed response.
     */
    public static Response decodeResponse(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != RESPONSE_LENGTH || buffer.getInt(offset) != RESPONSE_TYPE)
        {
            return null;
        }
        return new Response(buffer.getLong(offset + 8), buffer.getLong(offset + 16), buffer.getLong(offset + 24));
    }
}
