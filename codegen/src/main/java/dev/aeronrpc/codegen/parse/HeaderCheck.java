package dev.aeronrpc.codegen.parse;

import uk.co.real_logic.sbe.PrimitiveType;
import uk.co.real_logic.sbe.xml.CompositeType;
import uk.co.real_logic.sbe.xml.EncodedDataType;
import uk.co.real_logic.sbe.xml.MessageSchema;
import uk.co.real_logic.sbe.xml.Presence;
import uk.co.real_logic.sbe.xml.Type;

import java.nio.ByteOrder;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks that the messages of a schema can travel as payloads: the runtime reads a payload's message header without
 * knowing its schema, with the wire protocol's own header decoder, so the header must be the standard one.
 */
final class HeaderCheck
{
    private static final List<String> STANDARD_FIELDS = List.of("blockLength", "templateId", "schemaId", "version");
    private static final int UINT16_MAX = 65535;

    private HeaderCheck()
    {
    }

    /**
     * Checks a schema's message header, byte order, id and version.
     *
     * @param schema   the schema as SBE read it.
     * @param document the lines of its elements.
     * @param problems where to report.
     */
    static void check(final MessageSchema schema, final RpcDocument document, final Problems problems)
    {
        final CompositeType header = schema.messageHeader();
        if (!isStandard(header))
        {
            final Integer line = document.compositeLines().get(header.name());
            problems.add(null != line ? line : document.rootLine(), "composite " + header.name(),
                "the message header must be the standard one, blockLength, templateId, schemaId and version, " +
                "each a uint16, in that order, since the runtime reads payload headers without the schema; found " +
                describe(header));
        }

        if (ByteOrder.LITTLE_ENDIAN != schema.byteOrder())
        {
            problems.add(document.rootLine(), "messageSchema",
                "byteOrder " + schema.byteOrder() + " is not supported: the runtime reads payload headers as " +
                "littleEndian");
        }

        if (schema.id() < 0 || schema.id() > UINT16_MAX)
        {
            problems.add(document.rootLine(), "messageSchema",
                "id " + schema.id() + " does not fit the message header's uint16 schemaId");
        }
        if (schema.version() < 0 || schema.version() > UINT16_MAX)
        {
            problems.add(document.rootLine(), "messageSchema",
                "version " + schema.version() + " does not fit the message header's uint16 version");
        }
    }

    private static boolean isStandard(final CompositeType header)
    {
        final List<Type> types = header.getTypeList();
        if (types.size() != STANDARD_FIELDS.size())
        {
            return false;
        }

        int offset = 0;
        for (int i = 0; i < types.size(); i++)
        {
            final Type type = types.get(i);
            if (!(type instanceof EncodedDataType encoded) ||
                !STANDARD_FIELDS.get(i).equals(type.name()) ||
                PrimitiveType.UINT16 != encoded.primitiveType() ||
                1 != encoded.length() ||
                Presence.CONSTANT == type.presence() ||
                (-1 != type.offsetAttribute() && offset != type.offsetAttribute()))
            {
                return false;
            }
            offset += encoded.encodedLength();
        }
        return true;
    }

    private static String describe(final CompositeType header)
    {
        return header.getTypeList().stream().map(HeaderCheck::describe).collect(Collectors.joining(", "));
    }

    private static String describe(final Type type)
    {
        if (type instanceof EncodedDataType encoded)
        {
            return type.name() + " " + encoded.primitiveType().primitiveName() +
                (1 != encoded.length() ? "[" + encoded.length() + "]" : "") +
                (Presence.CONSTANT == type.presence() ? " constant" : "") +
                (-1 != type.offsetAttribute() ? " at offset " + type.offsetAttribute() : "");
        }
        return type.name() + " (" + type.getClass().getSimpleName() + ")";
    }
}
