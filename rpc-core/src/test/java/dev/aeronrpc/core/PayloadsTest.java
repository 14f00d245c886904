package dev.aeronrpc.core;

import dev.aeronrpc.protocol.MessageHeaderDecoder;
import dev.aeronrpc.protocol.MessageHeaderEncoder;
import dev.aeronrpc.test.api.EchoReplyDecoder;
import dev.aeronrpc.test.api.EchoRequestDecoder;
import dev.aeronrpc.test.api.EchoRequestEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PayloadsTest
{
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(128);
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();

    private int encode(final int offset)
    {
        final EchoRequestEncoder encoder = Payloads.wrapEncoder(new EchoRequestEncoder(), buffer, offset);
        encoder.value(5).text("hello");
        return Payloads.writeHeader(new MessageHeaderEncoder(), buffer, offset, encoder);
    }

    @Test
    void shouldDecodeWhatItEncodedInPlace()
    {
        final int length = encode(16);
        final EchoRequestDecoder decoder = new EchoRequestDecoder();

        assertNull(Payloads.check(headerDecoder, buffer, 16, length, decoder));
        Payloads.wrapDecoder(headerDecoder, buffer, 16, length, decoder);
        assertEquals(5, decoder.value());
        assertEquals("hello", decoder.text());
    }

    @Test
    void shouldNameTheExpectedMessageWhenAnotherArrives()
    {
        final int length = encode(0);
        assertEquals("payload has template id 1, expected 2 (EchoReplyDecoder)",
            Payloads.check(headerDecoder, buffer, 0, length, new EchoReplyDecoder()));
    }

    @Test
    void shouldRejectAPayloadShorterThanAHeader()
    {
        assertEquals("payload of 3 bytes is shorter than a message header",
            Payloads.check(headerDecoder, buffer, 0, 3, new EchoRequestDecoder()));
    }

    @Test
    void shouldRejectAPayloadShorterThanItsBlock()
    {
        encode(0);
        assertEquals("payload of 10 bytes is shorter than its block length 8",
            Payloads.check(headerDecoder, buffer, 0, 10, new EchoRequestDecoder()));
    }
}
