package dev.aeronrpc.gateway.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.agrona.MutableDirectBuffer;
import uk.co.real_logic.sbe.PrimitiveType;
import uk.co.real_logic.sbe.ir.Encoding;
import uk.co.real_logic.sbe.ir.Signal;
import uk.co.real_logic.sbe.ir.Token;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;

/**
 * Writes a JSON object as an SBE message body by walking the message's tokens: the fixed block, then repeating
 * groups, then variable-length data, in the order SBE lays them out.
 * <p>
 * A field left out takes its null value when it is optional, else zero (an enum, its null value); a field the
 * message does not have, or a value of the wrong type or out of range, or text the field's character encoding
 * cannot hold, fails with the field's path. An int64 or uint64 may also be given as a string of decimal digits,
 * since JavaScript numbers are exact only to 2^53.
 */
final class JsonToSbe
{
    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("-?[0-9]{1,20}");

    private final List<Token> tokens;
    private final ByteOrder order;
    private final MutableDirectBuffer buffer;

    private JsonToSbe(final List<Token> tokens, final ByteOrder order, final MutableDirectBuffer buffer)
    {
        this.tokens = tokens;
        this.order = order;
        this.buffer = buffer;
    }

    /**
     * Encodes a message body.
     *
     * @param tokens the message's tokens, BEGIN_MESSAGE to END_MESSAGE.
     * @param order  the schema's byte order.
     * @param json   the message as a JSON object; null or missing for all defaults.
     * @param buffer where to write; it must grow as needed (an expandable buffer).
     * @param offset where the body starts.
     * @return the body's length.
     */
    static int encode(
        final List<Token> tokens, final ByteOrder order, final JsonNode json, final MutableDirectBuffer buffer, final int offset)
    {
        final int blockLength = tokens.get(0).encodedLength();
        final int limit = new JsonToSbe(tokens, order, buffer)
            .encodeBlock(1, tokens.size() - 1, json, offset, blockLength, "");
        return limit - offset;
    }

    private int encodeBlock(
        final int from, final int to, final JsonNode json, final int blockOffset, final int blockLength, final String path)
    {
        final JsonNode object = objectOrEmpty(json, path);
        checkNoUnknownFields(from, to, object, path);
        buffer.setMemory(blockOffset, blockLength, (byte)0);
        int limit = blockOffset + blockLength;
        int i = from;
        while (i < to)
        {
            final Token token = tokens.get(i);
            final String fieldPath = join(path, token.name());
            final JsonNode value = object.get(token.name());
            switch (token.signal())
            {
                case BEGIN_FIELD -> encodeType(i + 1, value, blockOffset + token.offset(), fieldPath);
                case BEGIN_GROUP -> limit = encodeGroup(i, value, limit, fieldPath);
                case BEGIN_VAR_DATA -> limit = encodeVarData(i, value, limit, fieldPath);
                default -> throw new IllegalStateException("unexpected token " + token);
            }
            i += token.componentTokenCount();
        }
        return limit;
    }

    private int encodeGroup(final int groupIndex, final JsonNode value, final int limit, final String path)
    {
        final Token group = tokens.get(groupIndex);
        final Token dimensions = tokens.get(groupIndex + 1);
        final int elementsFrom = groupIndex + 1 + dimensions.componentTokenCount();
        final int elementsTo = groupIndex + group.componentTokenCount() - 1;
        final int count;
        if (null == value || value.isNull())
        {
            count = 0;
        }
        else if (!value.isArray())
        {
            throw new JsonConversionException(path, "expected an array of objects, got " + describe(value));
        }
        else
        {
            count = value.size();
        }

        final Token blockLengthToken = tokens.get(groupIndex + 2);
        final Token numInGroupToken = tokens.get(groupIndex + 3);
        final long maxCount = numInGroupToken.encoding().applicableMaxValue().longValue();
        if (count > maxCount)
        {
            throw new JsonConversionException(path, count + " elements exceed the group's limit of " + maxCount);
        }
        final int blockLength = group.encodedLength();
        Primitives.putLong(buffer, limit + blockLengthToken.offset(),
            blockLengthToken.encoding().primitiveType(), blockLength, order);
        Primitives.putLong(buffer, limit + numInGroupToken.offset(),
            numInGroupToken.encoding().primitiveType(), count, order);

        int next = limit + dimensions.encodedLength();
        for (int n = 0; n < count; n++)
        {
            next = encodeBlock(elementsFrom, elementsTo, value.get(n), next, blockLength, path + "[" + n + "]");
        }
        return next;
    }

    private int encodeVarData(final int dataIndex, final JsonNode value, final int limit, final String path)
    {
        final Token lengthToken = tokens.get(dataIndex + 2);
        final Token dataToken = tokens.get(dataIndex + 3);
        final String characterEncoding = dataToken.encoding().characterEncoding();
        final byte[] bytes;
        if (null == value || value.isNull())
        {
            bytes = new byte[0];
        }
        else if (!value.isTextual())
        {
            throw new JsonConversionException(path, "expected a string, got " + describe(value));
        }
        else if (null == characterEncoding)
        {
            try
            {
                bytes = Base64.getDecoder().decode(value.textValue());
            }
            catch (final IllegalArgumentException ex)
            {
                throw new JsonConversionException(path, "expected base64 bytes: " + ex.getMessage());
            }
        }
        else
        {
            bytes = encodeText(value.textValue(), Charset.forName(characterEncoding), path);
        }

        final long maxLength = lengthToken.encoding().applicableMaxValue().longValue();
        if (bytes.length > maxLength)
        {
            throw new JsonConversionException(path, bytes.length + " bytes exceed the limit of " + maxLength);
        }
        Primitives.putLong(buffer, limit, lengthToken.encoding().primitiveType(), bytes.length, order);
        final int dataOffset = limit + lengthToken.encodedLength();
        buffer.putBytes(dataOffset, bytes);
        return dataOffset + bytes.length;
    }

    private void encodeType(final int typeIndex, final JsonNode value, final int offset, final String path)
    {
        final Token type = tokens.get(typeIndex);
        switch (type.signal())
        {
            case ENCODING -> encodePrimitive(type, value, offset, path);
            case BEGIN_ENUM -> encodeEnum(typeIndex, value, offset, path);
            case BEGIN_SET -> encodeSet(typeIndex, value, offset, path);
            case BEGIN_COMPOSITE -> encodeComposite(typeIndex, value, offset, path);
            default -> throw new IllegalStateException("unexpected token " + type);
        }
    }

    private void encodeComposite(final int compositeIndex, final JsonNode value, final int offset, final String path)
    {
        final Token composite = tokens.get(compositeIndex);
        final int to = compositeIndex + composite.componentTokenCount() - 1;
        final JsonNode object = objectOrEmpty(value, path);
        checkNoUnknownFields(compositeIndex + 1, to, object, path);
        int i = compositeIndex + 1;
        while (i < to)
        {
            final Token member = tokens.get(i);
            encodeType(i, object.get(member.name()), offset + member.offset(), join(path, member.name()));
            i += member.componentTokenCount();
        }
    }

    private void encodeEnum(final int enumIndex, final JsonNode value, final int offset, final String path)
    {
        final Token enumToken = tokens.get(enumIndex);
        final Encoding encoding = enumToken.encoding();
        final int to = enumIndex + enumToken.componentTokenCount() - 1;
        if (null == value || value.isNull())
        {
            Primitives.putLong(buffer, offset, encoding.primitiveType(), encoding.applicableNullValue().longValue(), order);
            return;
        }
        final List<String> names = new ArrayList<>();
        for (int i = enumIndex + 1; i < to; i++)
        {
            final Token validValue = tokens.get(i);
            if (value.isTextual() && validValue.name().equals(value.textValue()))
            {
                Primitives.putLong(buffer, offset, encoding.primitiveType(),
                    validValue.encoding().constValue().longValue(), order);
                return;
            }
            names.add(validValue.name());
        }
        throw new JsonConversionException(path, "expected one of " + names + ", got " + describe(value));
    }

    private void encodeSet(final int setIndex, final JsonNode value, final int offset, final String path)
    {
        final Token setToken = tokens.get(setIndex);
        final int to = setIndex + setToken.componentTokenCount() - 1;
        long bits = 0;
        if (null != value && !value.isNull())
        {
            if (!value.isArray())
            {
                throw new JsonConversionException(path, "expected an array of choice names, got " + describe(value));
            }
            for (final JsonNode element : value)
            {
                bits |= 1L << choiceBit(setIndex + 1, to, element, path);
            }
        }
        Primitives.putLong(buffer, offset, setToken.encoding().primitiveType(), bits, order);
    }

    private long choiceBit(final int from, final int to, final JsonNode element, final String path)
    {
        final List<String> names = new ArrayList<>();
        for (int i = from; i < to; i++)
        {
            final Token choice = tokens.get(i);
            if (element.isTextual() && choice.name().equals(element.textValue()))
            {
                return choice.encoding().constValue().longValue();
            }
            names.add(choice.name());
        }
        throw new JsonConversionException(path, "expected choices from " + names + ", got " + describe(element));
    }

    private void encodePrimitive(final Token type, final JsonNode value, final int offset, final String path)
    {
        if (type.isConstantEncoding())
        {
            return;
        }
        final Encoding encoding = type.encoding();
        final PrimitiveType primitiveType = encoding.primitiveType();
        final int length = type.arrayLength();
        if (PrimitiveType.CHAR == primitiveType)
        {
            encodeChars(encoding, length, value, offset, path);
        }
        else if (length > 1)
        {
            if (null == value || value.isNull())
            {
                return;
            }
            if (!value.isArray() || value.size() > length)
            {
                throw new JsonConversionException(path, "expected an array of at most " + length + " numbers, got " +
                    describe(value));
            }
            final int size = primitiveType.size();
            int n = 0;
            for (final Iterator<JsonNode> it = value.elements(); it.hasNext(); n++)
            {
                encodeNumber(type, it.next(), offset + n * size, path + "[" + n + "]");
            }
        }
        else
        {
            encodeNumber(type, value, offset, path);
        }
    }

    private void encodeChars(
        final Encoding encoding, final int length, final JsonNode value, final int offset, final String path)
    {
        if (null == value || value.isNull())
        {
            if (Encoding.Presence.OPTIONAL == encoding.presence())
            {
                buffer.putByte(offset, (byte)encoding.applicableNullValue().longValue());
            }
            return;
        }
        if (!value.isTextual())
        {
            throw new JsonConversionException(path, "expected a string of at most " + length + " characters, got " +
                describe(value));
        }
        final String characterEncoding = encoding.characterEncoding();
        final byte[] bytes = encodeText(value.textValue(),
            null == characterEncoding ? StandardCharsets.US_ASCII : Charset.forName(characterEncoding), path);
        if (bytes.length > length)
        {
            throw new JsonConversionException(path, "expected a string of at most " + length + " characters, got " +
                bytes.length);
        }
        buffer.putBytes(offset, bytes);
    }

    private void encodeNumber(final Token type, final JsonNode value, final int offset, final String path)
    {
        final Encoding encoding = type.encoding();
        final PrimitiveType primitiveType = encoding.primitiveType();
        if (null == value || value.isNull())
        {
            if (Encoding.Presence.OPTIONAL == encoding.presence())
            {
                if (Primitives.isFloat(primitiveType))
                {
                    Primitives.putDouble(buffer, offset, primitiveType,
                        encoding.applicableNullValue().doubleValue(), order);
                }
                else
                {
                    Primitives.putLong(buffer, offset, primitiveType,
                        encoding.applicableNullValue().longValue(), order);
                }
            }
            return;
        }

        if (Primitives.isFloat(primitiveType))
        {
            if (!value.isNumber())
            {
                throw new JsonConversionException(path, "expected a number, got " + describe(value));
            }
            Primitives.putDouble(buffer, offset, primitiveType, value.doubleValue(), order);
            return;
        }

        final BigInteger min = integerBound(encoding.applicableMinValue().longValue(), primitiveType);
        final BigInteger max = integerBound(encoding.applicableMaxValue().longValue(), primitiveType);
        final BigInteger integer = integerOrNull(value, primitiveType);
        if (null == integer || integer.compareTo(min) < 0 || integer.compareTo(max) > 0)
        {
            throw new JsonConversionException(path, "expected an integer from " + min + " to " + max + " (" +
                primitiveType.primitiveName() + "), got " + describe(value));
        }
        Primitives.putLong(buffer, offset, primitiveType, integer.longValue(), order);
    }

    private static BigInteger integerBound(final long bits, final PrimitiveType type)
    {
        return PrimitiveType.UINT64 == type ? new BigInteger(Long.toUnsignedString(bits)) : BigInteger.valueOf(bits);
    }

    private static BigInteger integerOrNull(final JsonNode value, final PrimitiveType type)
    {
        if (value.isIntegralNumber())
        {
            return value.bigIntegerValue();
        }
        final boolean wide = PrimitiveType.INT64 == type || PrimitiveType.UINT64 == type;
        if (wide && value.isTextual() && DECIMAL.matcher(value.textValue()).matches())
        {
            return new BigInteger(value.textValue());
        }
        return null;
    }

    private static byte[] encodeText(final String text, final Charset charset, final String path)
    {
        try
        {
            final ByteBuffer encoded = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .encode(CharBuffer.wrap(text));
            final byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        }
        catch (final CharacterCodingException ex)
        {
            throw new JsonConversionException(path, "text that " + charset.name() + " cannot encode: " + describe(
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(text)));
        }
    }

    private void checkNoUnknownFields(final int from, final int to, final JsonNode object, final String path)
    {
        final Iterator<String> names = object.fieldNames();
        while (names.hasNext())
        {
            final String name = names.next();
            if (!hasMember(from, to, name))
            {
                throw new JsonConversionException(join(path, name), "no such field in the message");
            }
        }
    }

    private boolean hasMember(final int from, final int to, final String name)
    {
        int i = from;
        while (i < to)
        {
            final Token token = tokens.get(i);
            if (token.name().equals(name) && Signal.END_COMPOSITE != token.signal())
            {
                return true;
            }
            i += Math.max(1, token.componentTokenCount());
        }
        return false;
    }

    private static JsonNode objectOrEmpty(final JsonNode json, final String path)
    {
        if (null == json || json.isNull() || json.isMissingNode())
        {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!json.isObject())
        {
            throw new JsonConversionException(path, "expected an object, got " + describe(json));
        }
        return json;
    }

    static String describe(final JsonNode value)
    {
        final String text = value.toString();
        return value.getNodeType().name().toLowerCase() + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }

    static String join(final String path, final String name)
    {
        return path.isEmpty() ? name : path + "." + name;
    }
}
