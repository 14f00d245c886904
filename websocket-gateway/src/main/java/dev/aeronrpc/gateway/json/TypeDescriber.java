package dev.aeronrpc.gateway.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import uk.co.real_logic.sbe.PrimitiveType;
import uk.co.real_logic.sbe.ir.Encoding;
import uk.co.real_logic.sbe.ir.Token;

import java.util.List;

/**
 * Describes a message's fields as JSON by walking its SBE tokens, the same walk {@link JsonToSbe} makes, so that a
 * page can build a form for exactly what the conversion accepts. Each field is an object with its {@code name}, a
 * {@code kind} and what that kind needs:
 * <ul>
 *     <li>{@code integer}: {@code primitive}, {@code min} and {@code max} as decimal strings (64-bit bounds do not
 *     fit a JavaScript number), {@code optional};</li>
 *     <li>{@code float}: {@code primitive}, {@code optional};</li>
 *     <li>{@code string}: fixed-length characters, {@code length} and {@code encoding};</li>
 *     <li>{@code array}: a fixed-length array of numbers, {@code length} and the {@code element}'s description;</li>
 *     <li>{@code constant}: {@code value}, fixed by the schema and not sent;</li>
 *     <li>{@code enum}: {@code values}, the names the field may take;</li>
 *     <li>{@code set}: {@code choices}, the names of the bits that may be set;</li>
 *     <li>{@code composite}: {@code type} and its {@code fields};</li>
 *     <li>{@code group}: a repeating group, {@code maxCount} and the {@code fields} of each element;</li>
 *     <li>{@code data}: variable-length data, {@code maxLength} in bytes, {@code encoding} (null for bytes, which
 *     travel as base64).</li>
 * </ul>
 * Every field may carry the schema's {@code description}.
 */
final class TypeDescriber
{
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final List<Token> tokens;

    private TypeDescriber(final List<Token> tokens)
    {
        this.tokens = tokens;
    }

    /**
     * Describes a message.
     *
     * @param tokens the message's tokens, BEGIN_MESSAGE to END_MESSAGE.
     * @return {@code {name, id, description, fields}}.
     */
    static ObjectNode describe(final List<Token> tokens)
    {
        final Token message = tokens.get(0);
        final ObjectNode json = JSON.objectNode();
        json.put("name", message.name());
        json.put("id", message.id());
        putDescription(json, message);
        json.set("fields", new TypeDescriber(tokens).fields(1, tokens.size() - 1));
        return json;
    }

    private ArrayNode fields(final int from, final int to)
    {
        final ArrayNode fields = JSON.arrayNode();
        int i = from;
        while (i < to)
        {
            final Token token = tokens.get(i);
            final ObjectNode field = switch (token.signal())
            {
                case BEGIN_FIELD -> type(i + 1, token);
                case BEGIN_GROUP -> group(i);
                case BEGIN_VAR_DATA -> data(i);
                default -> throw new IllegalStateException("unexpected token " + token);
            };
            fields.add(field);
            i += token.componentTokenCount();
        }
        return fields;
    }

    private ObjectNode group(final int groupIndex)
    {
        final Token group = tokens.get(groupIndex);
        final Token dimensions = tokens.get(groupIndex + 1);
        final Token numInGroup = tokens.get(groupIndex + 3);
        final ObjectNode json = named(group, "group");
        json.put("maxCount", numInGroup.encoding().applicableMaxValue().longValue());
        json.set("fields", fields(groupIndex + 1 + dimensions.componentTokenCount(),
            groupIndex + group.componentTokenCount() - 1));
        return json;
    }

    private ObjectNode data(final int dataIndex)
    {
        final Token data = tokens.get(dataIndex);
        final Token length = tokens.get(dataIndex + 2);
        final Token bytes = tokens.get(dataIndex + 3);
        final ObjectNode json = named(data, "data");
        json.put("maxLength", length.encoding().applicableMaxValue().longValue());
        json.put("encoding", bytes.encoding().characterEncoding());
        return json;
    }

    /**
     * A field's or composite member's type.
     *
     * @param typeIndex where the type's tokens start.
     * @param field     the token that names it: the field, or the type itself for a composite's member.
     */
    private ObjectNode type(final int typeIndex, final Token field)
    {
        final Token type = tokens.get(typeIndex);
        final ObjectNode json;
        switch (type.signal())
        {
            case ENCODING -> json = primitive(type, field);
            case BEGIN_ENUM ->
            {
                json = named(field, "enum");
                json.put("type", type.applicableTypeName());
                json.set("values", names(typeIndex, type));
            }
            case BEGIN_SET ->
            {
                json = named(field, "set");
                json.put("type", type.applicableTypeName());
                json.set("choices", names(typeIndex, type));
            }
            case BEGIN_COMPOSITE ->
            {
                json = named(field, "composite");
                json.put("type", type.applicableTypeName());
                final ArrayNode members = JSON.arrayNode();
                final int to = typeIndex + type.componentTokenCount() - 1;
                int i = typeIndex + 1;
                while (i < to)
                {
                    final Token member = tokens.get(i);
                    members.add(type(i, member));
                    i += member.componentTokenCount();
                }
                json.set("fields", members);
            }
            default -> throw new IllegalStateException("unexpected token " + type);
        }
        if (!json.has("description"))
        {
            putDescription(json, type);
        }
        return json;
    }

    private ArrayNode names(final int typeIndex, final Token type)
    {
        final ArrayNode names = JSON.arrayNode();
        final int to = typeIndex + type.componentTokenCount() - 1;
        for (int i = typeIndex + 1; i < to; i++)
        {
            names.add(tokens.get(i).name());
        }
        return names;
    }

    private static ObjectNode primitive(final Token type, final Token field)
    {
        final Encoding encoding = type.encoding();
        final PrimitiveType primitiveType = encoding.primitiveType();
        final boolean optional = Encoding.Presence.OPTIONAL == encoding.presence();
        if (type.isConstantEncoding())
        {
            final ObjectNode json = named(field, "constant");
            json.put("value", String.valueOf(encoding.constValue()));
            return json;
        }
        if (PrimitiveType.CHAR == primitiveType)
        {
            final ObjectNode json = named(field, "string");
            json.put("length", type.arrayLength());
            json.put("encoding", null == encoding.characterEncoding() ? "US-ASCII" : encoding.characterEncoding());
            json.put("optional", optional);
            return json;
        }
        final ObjectNode number = named(field, Primitives.isFloat(primitiveType) ? "float" : "integer");
        number.put("primitive", primitiveType.primitiveName());
        number.put("optional", optional);
        if (!Primitives.isFloat(primitiveType))
        {
            number.put("min", bound(encoding.applicableMinValue().longValue(), primitiveType));
            number.put("max", bound(encoding.applicableMaxValue().longValue(), primitiveType));
        }
        if (type.arrayLength() > 1)
        {
            final ObjectNode array = named(field, "array");
            array.put("length", type.arrayLength());
            number.remove("name");
            array.set("element", number);
            return array;
        }
        return number;
    }

    private static String bound(final long bits, final PrimitiveType type)
    {
        return PrimitiveType.UINT64 == type ? Long.toUnsignedString(bits) : Long.toString(bits);
    }

    private static ObjectNode named(final Token token, final String kind)
    {
        final ObjectNode json = JSON.objectNode();
        json.put("name", token.name());
        json.put("kind", kind);
        putDescription(json, token);
        return json;
    }

    private static void putDescription(final ObjectNode json, final Token token)
    {
        final String description = token.description();
        if (null != description && !description.isBlank())
        {
            json.put("description", description);
        }
    }
}
