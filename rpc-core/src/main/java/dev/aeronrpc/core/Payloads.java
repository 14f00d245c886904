package dev.aeronrpc.core;

import dev.aeronrpc.protocol.MessageHeaderDecoder;
import dev.aeronrpc.protocol.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;
import org.agrona.sbe.MessageEncoderFlyweight;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Reads and writes the user's SBE message that follows a Request or Response block in a frame.
 * <p>
 * A payload is a standard SBE message: the 8-byte message header (blockLength, templateId, schemaId, version, each
 * uint16; the code generator insists on that layout) and the body. It is decoded where it lies in the frame, so no
 * byte is copied between the network and the user's decoder.
 */
public final class Payloads
{
    /** Length of the payload's message header. */
    public static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;

    private Payloads()
    {
    }

    /**
     * Wraps an encoder so that it writes its body right after room for its header.
     *
     * @param encoder the user's message encoder.
     * @param buffer  the frame buffer.
     * @param offset  where the payload (its header) starts.
     * @param <E>     the encoder type.
     * @return the encoder, wrapped.
     */
    public static <E extends MessageEncoderFlyweight> E wrapEncoder(
        final E encoder, final MutableDirectBuffer buffer, final int offset)
    {
        encoder.wrap(buffer, offset + HEADER_LENGTH);
        return encoder;
    }

    /**
     * Writes the message header in front of an encoded body.
     *
     * @param header  a header encoder to use.
     * @param buffer  the frame buffer.
     * @param offset  where the payload starts.
     * @param encoder the encoder that wrote the body at {@code offset + HEADER_LENGTH}.
     * @return the payload's length, header included.
     */
    public static int writeHeader(
        final MessageHeaderEncoder header,
        final MutableDirectBuffer buffer,
        final int offset,
        final MessageEncoderFlyweight encoder)
    {
        header.wrap(buffer, offset)
            .blockLength(encoder.sbeBlockLength())
            .templateId(encoder.sbeTemplateId())
            .schemaId(encoder.sbeSchemaId())
            .version(encoder.sbeSchemaVersion());

        return HEADER_LENGTH + encoder.encodedLength();
    }

    /**
     * Checks a payload's header against the decoder that should read it.
     *
     * @param header  a header decoder to use.
     * @param buffer  holding the payload.
     * @param offset  where the payload starts.
     * @param length  the payload's length.
     * @param decoder the decoder that should read it.
     * @return null when the decoder can read the payload, else what is wrong with it.
     */
    public static String check(
        final MessageHeaderDecoder header,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final MessageDecoderFlyweight decoder)
    {
        if (length < HEADER_LENGTH)
        {
            return "payload of " + length + " bytes is shorter than a message header";
        }

        header.wrap(buffer, offset);
        final int schemaId = header.schemaId();
        final int templateId = header.templateId();
        final int version = header.version();
        if (schemaId != decoder.sbeSchemaId())
        {
            return "payload has schema id " + schemaId + ", expected " + decoder.sbeSchemaId();
        }
        if (templateId != decoder.sbeTemplateId())
        {
            return "payload has template id " + templateId + ", expected " + decoder.sbeTemplateId() +
                " (" + decoder.getClass().getSimpleName() + ")";
        }
        if (version > decoder.sbeSchemaVersion())
        {
            return "payload has schema " + schemaId + " version " + version + ", newer than the version " +
                decoder.sbeSchemaVersion() + " this side knows";
        }
        if (length < HEADER_LENGTH + header.blockLength())
        {
            return "payload of " + length + " bytes is shorter than its block length " + header.blockLength();
        }
        return walk(header, buffer, offset, length, decoder);
    }

    /**
     * Walks a payload's groups and variable-length fields with the decoder's own {@code sbeSkip()}, so that every
     * length the sender wrote is known to lie within the payload before the handler reads (and allocates by) any of
     * them.
     */
    private static String walk(
        final MessageHeaderDecoder header,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final MessageDecoderFlyweight decoder)
    {
        final MethodHandle walker = WALKERS.get(decoder.getClass());
        if (null == walker)
        {
            return null;
        }
        final int bodyOffset = offset + HEADER_LENGTH;
        decoder.wrap(buffer, bodyOffset, header.blockLength(), header.version());
        final int end;
        try
        {
            end = (int)walker.invokeExact(decoder);
        }
        catch (final IndexOutOfBoundsException ex)
        {
            return "payload's groups or variable-length fields run past the end of the frame";
        }
        catch (final Throwable ex)
        {
            return "payload could not be walked: " + ex;
        }
        if (end < bodyOffset || end > offset + length)
        {
            return "payload's groups or variable-length fields run past its " + length + " bytes";
        }
        return null;
    }

    /** Per decoder class: {@code d -> d.sbeSkip().limit()}, or null for a decoder without them. */
    private static final ClassValue<MethodHandle> WALKERS = new ClassValue<>()
    {
        @Override
        protected MethodHandle computeValue(final Class<?> type)
        {
            try
            {
                final MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                final MethodHandle skip = lookup.findVirtual(type, "sbeSkip", MethodType.methodType(type));
                final MethodHandle limit = lookup.findVirtual(type, "limit", MethodType.methodType(int.class));
                return MethodHandles.filterReturnValue(skip, limit)
                    .asType(MethodType.methodType(int.class, MessageDecoderFlyweight.class));
            }
            catch (final NoSuchMethodException | IllegalAccessException ex)
            {
                return null;
            }
        }
    };

    /**
     * Wraps a decoder over a payload whose header {@link #check} accepted, telling a {@link RawMessageDecoder}
     * where the payload ends so that its reader never reads past it.
     *
     * @param header  the header decoder {@link #check} used.
     * @param buffer  holding the payload.
     * @param offset  where the payload starts.
     * @param length  the payload's length, header included.
     * @param decoder the decoder to wrap.
     * @param <D>     the decoder type.
     * @return the decoder, wrapped with the sender's block length and version.
     */
    public static <D extends MessageDecoderFlyweight> D wrapDecoder(
        final MessageHeaderDecoder header, final DirectBuffer buffer, final int offset, final int length, final D decoder)
    {
        decoder.wrap(buffer, offset + HEADER_LENGTH, header.blockLength(), header.version());
        if (decoder instanceof RawMessageDecoder raw)
        {
            raw.payloadLimit(offset + length);
        }
        return decoder;
    }

    /**
     * Checks a payload against its decoder and wraps the decoder over it: {@link #check} then {@link #wrapDecoder}
     * for a caller that reports a bad payload by throwing.
     *
     * @param header  a header decoder to use.
     * @param buffer  holding the payload.
     * @param offset  where the payload starts.
     * @param length  the payload's length, header included.
     * @param decoder the decoder that should read it.
     * @param status  the status to fail with when the decoder cannot read the payload.
     * @param what    what the payload is, for the error's message ("request", "response").
     * @param <D>     the decoder type.
     * @return the decoder, wrapped with the sender's block length and version.
     * @throws RpcException with {@code status} when the payload is another message, another schema, a newer version
     *                      or too short.
     */
    public static <D extends MessageDecoderFlyweight> D read(
        final MessageHeaderDecoder header,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final D decoder,
        final Status status,
        final String what)
    {
        final String problem = check(header, buffer, offset, length, decoder);
        if (null != problem)
        {
            throw new RpcException(status, "unreadable " + what + ": " + problem);
        }
        return wrapDecoder(header, buffer, offset, length, decoder);
    }
}
