package dev.aeronrpc.gateway.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.agrona.DirectBuffer;
import uk.co.real_logic.sbe.PrimitiveType;
import uk.co.real_logic.sbe.ir.Encoding;
import uk.co.real_logic.sbe.ir.Token;

import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Reads an SBE message body as a JSON object by walking the message's tokens, the mirror of {@link JsonToSbe}.
 * Honours the sender's block lengths and version: a field newer than the sender's version is left out. Never
 * reads at or beyond the message's limit: a block, group or data length that claims more than is left fails with
 * {@link IllegalArgumentException}.
 */
final class SbeToJson
{
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<Token> tokens;
    private final ByteOrder order;
    private final DirectBuffer buffer;
    private final int actingVersion;
    private final int messageLimit;

    private SbeToJson(
        final List<Token> tokens,
        final ByteOrder order,
        final DirectBuffer buffer,
        final int actingVersion,
        final int messageLimit)
    {
        this.tokens = tokens;
        this.order = order;
        this.buffer = buffer;
        this.actingVersion = actingVersion;
        this.messageLimit = messageLimit;
    }

    static ObjectNode decode(
        final List<Token> tokens,
        final ByteOrder order,
        final DirectBuffer buffer,
        final int offset,
        final int actingBlockLength,
        final int actingVersion,
        final int limit)
    {
        if (limit > buffer.capacity() || offset < 0 || offset > limit)
        {
            throw new IllegalArgumentException("message from " + offset + " to " + limit + " outside its buffer of " +
                buffer.capacity() + " bytes");
        }
        final ObjectNode json = NODES.objectNode();
        new SbeToJson(tokens, order, buffer, actingVersion, limit)
            .decodeBlock(1, tokens.size() - 1, json, offset, actingBlockLength);
        return json;
    }

    private void require(final long end, final long need, final String what)
    {
        if (need < 0 || end + need > messageLimit)
        {
            throw new IllegalArgumentException("malformed message: " + what + " of " + need + " bytes at " + end +
                " runs past the message's end at " + messageLimit);
        }
    }

    private int decodeBlock(
        final int from, final int to, final ObjectNode json, final int blockOffset, final int blockLength)
    {
        require(blockOffset, blockLength, "a block");
        final int limit = blockOffset + blockLength;
        int next = limit;
        int i = from;
        while (i < to)
        {
            final Token token = tokens.get(i);
            if (token.version() <= actingVersion)
            {
                switch (token.signal())
                {
                    case BEGIN_FIELD ->
                    {
                        final int fieldOffset = blockOffset + token.offset();
                        final int fieldLength = tokens.get(i + 1).encodedLength();
                        if (fieldOffset + fieldLength > limit)
                        {
                            throw new IllegalArgumentException("malformed message: field " + token.name() +
                                " lies beyond its block of " + blockLength + " bytes");
                        }
                        json.set(token.name(), decodeType(i + 1, fieldOffset));
                    }
                    case BEGIN_GROUP -> next = decodeGroup(i, json, next);
                    case BEGIN_VAR_DATA -> next = decodeVarData(i, json, next);
                    default -> throw new IllegalStateException("unexpected token " + token);
                }
            }
            i += token.componentTokenCount();
        }
        return next;
    }

    private int decodeGroup(final int groupIndex, final ObjectNode json, final int limit)
    {
        final Token group = tokens.get(groupIndex);
        final Token dimensions = tokens.get(groupIndex + 1);
        final Token blockLengthToken = tokens.get(groupIndex + 2);
        final Token numInGroupToken = tokens.get(groupIndex + 3);
        final int elementsFrom = groupIndex + 1 + dimensions.componentTokenCount();
        final int elementsTo = groupIndex + group.componentTokenCount() - 1;
        require(limit, dimensions.encodedLength(), "group " + group.name() + "'s dimensions");
        final long blockLength = Primitives.getLong(
            buffer, limit + blockLengthToken.offset(), blockLengthToken.encoding().primitiveType(), order);
        final long count = Primitives.getLong(
            buffer, limit + numInGroupToken.offset(), numInGroupToken.encoding().primitiveType(), order);

        int next = limit + dimensions.encodedLength();
        if (count < 0 || blockLength < 0 || count * Math.max(1, blockLength) > messageLimit - next)
        {
            throw new IllegalArgumentException("malformed message: group " + group.name() + " of " + count +
                " elements of " + blockLength + " bytes does not fit in the " + (messageLimit - next) + " bytes left");
        }
        final ArrayNode elements = json.putArray(group.name());
        for (long n = 0; n < count; n++)
        {
            final ObjectNode element = elements.addObject();
            next = decodeBlock(elementsFrom, elementsTo, element, next, (int)blockLength);
        }
        return next;
    }

    private int decodeVarData(final int dataIndex, final ObjectNode json, final int limit)
    {
        final Token data = tokens.get(dataIndex);
        final Token lengthToken = tokens.get(dataIndex + 2);
        final Token dataToken = tokens.get(dataIndex + 3);
        require(limit, lengthToken.encodedLength(), data.name() + "'s length");
        final int dataOffset = limit + lengthToken.encodedLength();
        final long declared = Primitives.getLong(buffer, limit, lengthToken.encoding().primitiveType(), order);
        require(dataOffset, declared, data.name());
        final int length = (int)declared;
        final byte[] bytes = new byte[length];
        buffer.getBytes(dataOffset, bytes);
        final String characterEncoding = dataToken.encoding().characterEncoding();
        json.put(data.name(), null == characterEncoding ?
            Base64.getEncoder().encodeToString(bytes) : new String(bytes, Charset.forName(characterEncoding)));
        return dataOffset + length;
    }

    private JsonNode decodeType(final int typeIndex, final int offset)
    {
        final Token type = tokens.get(typeIndex);
        return switch (type.signal())
        {
            case ENCODING -> decodePrimitive(type, offset);
            case BEGIN_ENUM -> decodeEnum(typeIndex, offset);
            case BEGIN_SET -> decodeSet(typeIndex, offset);
            case BEGIN_COMPOSITE -> decodeComposite(typeIndex, offset);
            default -> throw new IllegalStateException("unexpected token " + type);
        };
    }

    private JsonNode decodeComposite(final int compositeIndex, final int offset)
    {
        final Token composite = tokens.get(compositeIndex);
        final int to = compositeIndex + composite.componentTokenCount() - 1;
        final ObjectNode json = NODES.objectNode();
        int i = compositeIndex + 1;
        while (i < to)
        {
            final Token member = tokens.get(i);
            json.set(member.name(), decodeType(i, offset + member.offset()));
            i += member.componentTokenCount();
        }
        return json;
    }

    private JsonNode decodeEnum(final int enumIndex, final int offset)
    {
        final Token enumToken = tokens.get(enumIndex);
        final long value = Primitives.getLong(buffer, offset, enumToken.encoding().primitiveType(), order);
        final int to = enumIndex + enumToken.componentTokenCount() - 1;
        for (int i = enumIndex + 1; i < to; i++)
        {
            final Token validValue = tokens.get(i);
            if (validValue.encoding().constValue().longValue() == value)
            {
                return NODES.textNode(validValue.name());
            }
        }
        // The null value, or a value from a newer schema that this side does not know.
        return value == enumToken.encoding().applicableNullValue().longValue() ? NODES.nullNode() : NODES.numberNode(value);
    }

    private JsonNode decodeSet(final int setIndex, final int offset)
    {
        final Token setToken = tokens.get(setIndex);
        final long bits = Primitives.getLong(buffer, offset, setToken.encoding().primitiveType(), order);
        final int to = setIndex + setToken.componentTokenCount() - 1;
        final ArrayNode choices = NODES.arrayNode();
        for (int i = setIndex + 1; i < to; i++)
        {
            final Token choice = tokens.get(i);
            if (0 != (bits & (1L << choice.encoding().constValue().longValue())))
            {
                choices.add(choice.name());
            }
        }
        return choices;
    }

    private JsonNode decodePrimitive(final Token type, final int offset)
    {
        final Encoding encoding = type.encoding();
        final PrimitiveType primitiveType = encoding.primitiveType();
        if (type.isConstantEncoding())
        {
            final String text = encoding.constValue().toString();
            return PrimitiveType.CHAR == primitiveType ? NODES.textNode(text) : NODES.numberNode(new BigInteger(text));
        }
        final int length = type.arrayLength();
        if (PrimitiveType.CHAR == primitiveType)
        {
            return decodeChars(encoding, length, offset);
        }
        if (length > 1)
        {
            final ArrayNode array = NODES.arrayNode();
            for (int n = 0; n < length; n++)
            {
                array.add(decodeNumber(encoding, offset + n * primitiveType.size()));
            }
            return array;
        }
        return decodeNumber(encoding, offset);
    }

    private JsonNode decodeChars(final Encoding encoding, final int length, final int offset)
    {
        final boolean optional = Encoding.Presence.OPTIONAL == encoding.presence();
        if (optional && buffer.getByte(offset) == (byte)encoding.applicableNullValue().longValue())
        {
            return NODES.nullNode();
        }
        int end = 0;
        while (end < length && 0 != buffer.getByte(offset + end))
        {
            end++;
        }
        final byte[] bytes = new byte[end];
        buffer.getBytes(offset, bytes);
        final String characterEncoding = encoding.characterEncoding();
        return NODES.textNode(new String(bytes,
            null == characterEncoding ? StandardCharsets.US_ASCII : Charset.forName(characterEncoding)));
    }

    private JsonNode decodeNumber(final Encoding encoding, final int offset)
    {
        final PrimitiveType primitiveType = encoding.primitiveType();
        final boolean optional = Encoding.Presence.OPTIONAL == encoding.presence();
        if (Primitives.isFloat(primitiveType))
        {
            final double value = Primitives.getDouble(buffer, offset, primitiveType, order);
            if (optional && Double.isNaN(value))
            {
                return NODES.nullNode();
            }
            return PrimitiveType.FLOAT == primitiveType ? NODES.numberNode((float)value) : NODES.numberNode(value);
        }
        final long value = Primitives.getLong(buffer, offset, primitiveType, order);
        if (optional && value == encoding.applicableNullValue().longValue())
        {
            return NODES.nullNode();
        }
        if (PrimitiveType.UINT64 == primitiveType && value < 0)
        {
            return NODES.numberNode(new BigInteger(Long.toUnsignedString(value)));
        }
        return NODES.numberNode(value);
    }
}
