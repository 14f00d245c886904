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
 * Honours the sender's block lengths and version: a field newer than the sender's version is left out.
 */
final class SbeToJson
{
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<Token> tokens;
    private final ByteOrder order;
    private final DirectBuffer buffer;
    private final int actingVersion;

    private SbeToJson(final List<Token> tokens, final ByteOrder order, final DirectBuffer buffer, final int actingVersion)
    {
        this.tokens = tokens;
        this.order = order;
        this.buffer = buffer;
        this.actingVersion = actingVersion;
    }

    static ObjectNode decode(
        final List<Token> tokens,
        final ByteOrder order,
        final DirectBuffer buffer,
        final int offset,
        final int actingBlockLength,
        final int actingVersion)
    {
        final ObjectNode json = NODES.objectNode();
        new SbeToJson(tokens, order, buffer, actingVersion)
            .decodeBlock(1, tokens.size() - 1, json, offset, offset + actingBlockLength);
        return json;
    }

    private int decodeBlock(final int from, final int to, final ObjectNode json, final int blockOffset, final int limit)
    {
        int next = limit;
        int i = from;
        while (i < to)
        {
            final Token token = tokens.get(i);
            if (token.version() <= actingVersion)
            {
                switch (token.signal())
                {
                    case BEGIN_FIELD -> json.set(token.name(), decodeType(i + 1, blockOffset + token.offset()));
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
        final int blockLength = (int)Primitives.getLong(
            buffer, limit + blockLengthToken.offset(), blockLengthToken.encoding().primitiveType(), order);
        final int count = (int)Primitives.getLong(
            buffer, limit + numInGroupToken.offset(), numInGroupToken.encoding().primitiveType(), order);

        final ArrayNode elements = json.putArray(group.name());
        int next = limit + dimensions.encodedLength();
        for (int n = 0; n < count; n++)
        {
            final ObjectNode element = elements.addObject();
            next = decodeBlock(elementsFrom, elementsTo, element, next, next + blockLength);
        }
        return next;
    }

    private int decodeVarData(final int dataIndex, final ObjectNode json, final int limit)
    {
        final Token data = tokens.get(dataIndex);
        final Token lengthToken = tokens.get(dataIndex + 2);
        final Token dataToken = tokens.get(dataIndex + 3);
        final int length = (int)Primitives.getLong(buffer, limit, lengthToken.encoding().primitiveType(), order);
        final byte[] bytes = new byte[length];
        final int dataOffset = limit + lengthToken.encodedLength();
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
