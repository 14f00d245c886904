package dev.aeronrpc.gateway.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aeronrpc.core.RawMessageDecoder;
import dev.aeronrpc.core.RawMessageEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import uk.co.real_logic.sbe.ir.Token;

import java.nio.ByteOrder;
import java.util.List;

/**
 * One message of a schema, converted to and from JSON by its SBE tokens. Field types: integers of every width
 * (uint64 above 2^63 as a big number), float and double, char as a string (fixed-length arrays trimmed at the
 * first zero), other fixed arrays as JSON arrays, enums as their value's name, sets as an array of choice names,
 * composites as objects, repeating groups as arrays of objects, variable-length data as a string (base64 when the
 * data declares no character encoding). Optional fields holding their null value read as JSON null.
 * <p>
 * Immutable and safe to share; each conversion allocates its own JSON.
 */
public final class MessageType
{
    private final List<Token> tokens;
    private final String name;
    private final int templateId;
    private final int schemaId;
    private final int schemaVersion;
    private final int blockLength;
    private final ByteOrder byteOrder;

    MessageType(final List<Token> tokens, final int schemaId, final int schemaVersion, final ByteOrder byteOrder)
    {
        final Token message = tokens.get(0);
        this.tokens = List.copyOf(tokens);
        this.name = message.name();
        this.templateId = message.id();
        this.schemaId = schemaId;
        this.schemaVersion = schemaVersion;
        this.blockLength = message.encodedLength();
        this.byteOrder = byteOrder;
    }

    /**
     * The message's name in the schema.
     *
     * @return the name.
     */
    public String name()
    {
        return name;
    }

    /**
     * The message's template id.
     *
     * @return the id.
     */
    public int templateId()
    {
        return templateId;
    }

    /**
     * Describes this message's fields as JSON, for a page that builds a form from it; see {@link TypeDescriber}.
     *
     * @return {@code {name, id, description, fields}}, a new object each time.
     */
    public ObjectNode describe()
    {
        return TypeDescriber.describe(tokens);
    }

    /**
     * Writes a JSON object as this message's body.
     *
     * @param json   the message; null for all fields at their defaults.
     * @param buffer where to write; grows as needed.
     * @param offset where the body starts.
     * @return the body's length.
     * @throws JsonConversionException naming the field that does not fit.
     */
    public int encode(final JsonNode json, final ExpandableArrayBuffer buffer, final int offset)
    {
        return JsonToSbe.encode(tokens, byteOrder, json, buffer, offset);
    }

    /**
     * Reads a body as JSON.
     *
     * @param buffer            holding the body.
     * @param offset            where the body starts.
     * @param actingBlockLength the block length the sender wrote.
     * @param actingVersion     the schema version the sender wrote.
     * @return the message as a JSON object.
     * @throws IllegalArgumentException when the body does not fit in the buffer.
     */
    public ObjectNode decode(
        final DirectBuffer buffer, final int offset, final int actingBlockLength, final int actingVersion)
    {
        return decode(buffer, offset, actingBlockLength, actingVersion, buffer.capacity());
    }

    /**
     * Reads a body as JSON, never at or beyond a limit.
     *
     * @param buffer            holding the body.
     * @param offset            where the body starts.
     * @param actingBlockLength the block length the sender wrote.
     * @param actingVersion     the schema version the sender wrote.
     * @param limit             where the message ends in the buffer.
     * @return the message as a JSON object.
     * @throws IllegalArgumentException when the body claims more than lies before the limit: a malformed message.
     */
    public ObjectNode decode(
        final DirectBuffer buffer, final int offset, final int actingBlockLength, final int actingVersion, final int limit)
    {
        return SbeToJson.decode(tokens, byteOrder, buffer, offset, actingBlockLength, actingVersion, limit);
    }

    /**
     * Reads the message a decoder is wrapped over as JSON.
     *
     * @param decoder wrapped by the runtime over a received message of this type.
     * @return the message as a JSON object.
     * @throws IllegalArgumentException when the message claims more than its payload holds.
     */
    public ObjectNode decode(final RawMessageDecoder decoder)
    {
        return decode(decoder.buffer(), decoder.offset(), decoder.actingBlockLength(), decoder.actingVersion(),
            decoder.payloadLimit());
    }

    /**
     * A new encoder that lets the runtime send a body of this type that {@link #encode} wrote.
     *
     * @return a new encoder.
     */
    public RawMessageEncoder newEncoder()
    {
        return new RawMessageEncoder(templateId, schemaId, schemaVersion, blockLength);
    }

    /**
     * A new decoder the runtime can check and wrap over a received message of this type.
     *
     * @return a new decoder.
     */
    public RawMessageDecoder newDecoder()
    {
        return new RawMessageDecoder(templateId, schemaId, schemaVersion, blockLength);
    }
}
