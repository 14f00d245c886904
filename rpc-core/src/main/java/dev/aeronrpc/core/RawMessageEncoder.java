package dev.aeronrpc.core;

import org.agrona.MutableDirectBuffer;
import org.agrona.sbe.MessageEncoderFlyweight;

/**
 * A message encoder that knows no message type at compile time: the body is written by someone else (a schema
 * driven converter, a copy of bytes received elsewhere) and this flyweight only says which message it is and how
 * long it is, so that {@link dev.aeronrpc.client.CallSlot} can send it like any generated encoder.
 * <p>
 * Identity comes from the schema: template id, schema id, version and block length. Not thread-safe.
 */
public final class RawMessageEncoder implements MessageEncoderFlyweight
{
    private final int templateId;
    private final int schemaId;
    private final int schemaVersion;
    private final int blockLength;
    private MutableDirectBuffer buffer;
    private int offset;
    private int limit;

    /**
     * An encoder for one message type of a schema.
     *
     * @param templateId    the message's template id.
     * @param schemaId      the schema's id.
     * @param schemaVersion the schema's version.
     * @param blockLength   the message's block length, written into the message header.
     */
    public RawMessageEncoder(final int templateId, final int schemaId, final int schemaVersion, final int blockLength)
    {
        this.templateId = templateId;
        this.schemaId = schemaId;
        this.schemaVersion = schemaVersion;
        this.blockLength = blockLength;
    }

    /**
     * Points this encoder at a body already written.
     *
     * @param buffer holding the body.
     * @param offset where the body starts (after any message header).
     * @param length the body's length, block and variable parts together.
     * @return this.
     */
    public RawMessageEncoder wrap(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.limit = offset + length;
        return this;
    }

    @Override
    public RawMessageEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        return wrap(buffer, offset, blockLength);
    }

    @Override
    public MutableDirectBuffer buffer()
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
