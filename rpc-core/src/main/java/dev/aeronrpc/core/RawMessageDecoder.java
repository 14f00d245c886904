package dev.aeronrpc.core;

import org.agrona.DirectBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;

/**
 * A message decoder that knows no message type at compile time: the runtime checks a payload's header against its
 * template id, schema id and version, as for a generated decoder, and wraps it over the body; the reader then
 * interprets the body itself (with the schema's intermediate representation, for example) from
 * {@link #buffer()}, {@link #offset()}, {@link #actingBlockLength()} and {@link #actingVersion()}, and
 * must not read at or beyond {@link #payloadLimit()}, where the payload ends.
 * <p>
 * Not thread-safe; valid only as long as the buffer it wraps.
 */
public final class RawMessageDecoder implements MessageDecoderFlyweight
{
    private final int templateId;
    private final int schemaId;
    private final int schemaVersion;
    private final int blockLength;
    private DirectBuffer buffer;
    private int offset;
    private int actingBlockLength;
    private int actingVersion;
    private int limit;
    private int payloadLimit;

    /**
     * A decoder for one message type of a schema.
     *
     * @param templateId    the message's template id.
     * @param schemaId      the schema's id.
     * @param schemaVersion the newest schema version this side reads.
     * @param blockLength   the message's block length in that version.
     */
    public RawMessageDecoder(final int templateId, final int schemaId, final int schemaVersion, final int blockLength)
    {
        this.templateId = templateId;
        this.schemaId = schemaId;
        this.schemaVersion = schemaVersion;
        this.blockLength = blockLength;
    }

    @Override
    public RawMessageDecoder wrap(
        final DirectBuffer buffer, final int offset, final int actingBlockLength, final int actingVersion)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.actingBlockLength = actingBlockLength;
        this.actingVersion = actingVersion;
        this.limit = offset + actingBlockLength;
        this.payloadLimit = buffer.capacity();
        return this;
    }

    /**
     * Where the payload ends in {@link #buffer()}: the runtime sets it after wrapping a received payload; until
     * then, the buffer's capacity.
     *
     * @return the index just past the payload's last byte.
     */
    public int payloadLimit()
    {
        return payloadLimit;
    }

    /**
     * Records where the payload ends.
     *
     * @param payloadLimit the index just past the payload's last byte, within the buffer.
     * @return this.
     */
    public RawMessageDecoder payloadLimit(final int payloadLimit)
    {
        if (payloadLimit < offset || payloadLimit > buffer.capacity())
        {
            throw new IllegalArgumentException("payload limit " + payloadLimit + " outside the buffer from " + offset +
                " to " + buffer.capacity());
        }
        this.payloadLimit = payloadLimit;
        return this;
    }

    /**
     * The block length the sender wrote, which may differ from this side's in another schema version.
     *
     * @return the acting block length.
     */
    public int actingBlockLength()
    {
        return actingBlockLength;
    }

    /**
     * The schema version the sender wrote.
     *
     * @return the acting version.
     */
    public int actingVersion()
    {
        return actingVersion;
    }

    @Override
    public StringBuilder appendTo(final StringBuilder builder)
    {
        return builder.append("RawMessage(templateId=").append(templateId)
            .append(", schemaId=").append(schemaId)
            .append(", actingVersion=").append(actingVersion)
            .append(", actingBlockLength=").append(actingBlockLength).append(')');
    }

    @Override
    public DirectBuffer buffer()
    {
        return buffer;
    }

    @Override
    public int offset()
    {
        return offset;
    }

    @Override
    public int encodedLength()
    {
        return limit - offset;
    }

    @Override
    public int sbeSchemaId()
    {
        return schemaId;
    }

    @Override
    public int sbeSchemaVersion()
    {
        return schemaVersion;
    }

    @Override
    public int sbeBlockLength()
    {
        return blockLength;
    }

    @Override
    public int sbeTemplateId()
    {
        return templateId;
    }

    @Override
    public String sbeSemanticType()
    {
        return "";
    }

    @Override
    public int limit()
    {
        return limit;
    }

    @Override
    public void limit(final int limit)
    {
        this.limit = limit;
    }
}
