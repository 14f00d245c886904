package dev.aeronrpc.examples;

import dev.aeronrpc.examples.api.Echo;
import dev.aeronrpc.examples.api.EchoReplyEncoder;
import dev.aeronrpc.examples.api.EchoRequestDecoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The smallest service: answers with the text it receives.
 * <p>
 * The request is a decoder over the bytes as they arrived and the response an encoder over the bytes that will
 * leave, so the handler moves the text from one to the other without making a String. It runs on the server's
 * poll thread (registered without an executor), so one reusable view suffices.
 */
public final class EchoService implements Echo
{
    private final UnsafeBuffer text = new UnsafeBuffer(0, 0);

    @Override
    public void echo(final EchoRequestDecoder request, final EchoReplyEncoder response)
    {
        request.wrapText(text);
        response.putText(text, 0, text.capacity());
    }
}
