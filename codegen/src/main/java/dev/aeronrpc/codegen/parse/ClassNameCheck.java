package dev.aeronrpc.codegen.parse;

import dev.aeronrpc.codegen.model.JavaNames;
import dev.aeronrpc.codegen.model.ServiceDefinition;
import uk.co.real_logic.sbe.xml.CompositeType;
import uk.co.real_logic.sbe.xml.EnumType;
import uk.co.real_logic.sbe.xml.Message;
import uk.co.real_logic.sbe.xml.MessageSchema;
import uk.co.real_logic.sbe.xml.SetType;
import uk.co.real_logic.sbe.xml.Type;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that the classes written for the services do not clash with each other, with the codecs SBE writes into the
 * same package, or with the {@code java.lang} types and nested class the service code refers to by simple name.
 */
final class ClassNameCheck
{
    /** The simple names the generated service code relies on meaning what they mean in java.lang or nested. */
    private static final List<String> RESERVED = List.of("Codecs", "Exception", "Object", "Override", "String",
        "ThreadLocal");

    /** SBE writes this into every package it generates. */
    private static final String SBE_META_ATTRIBUTE = "MetaAttribute";

    private ClassNameCheck()
    {
    }

    /**
     * Checks the class names of the services against each other and, when known, against the schema's codecs.
     *
     * @param services the valid services.
     * @param schema   the schema as SBE read it, or null when SBE could not read it.
     * @param problems where to report.
     */
    static void check(final List<ServiceDefinition> services, final MessageSchema schema, final Problems problems)
    {
        final Map<String, String> taken = new HashMap<>();
        for (final String reserved : RESERVED)
        {
            taken.put(reserved, "a name the generated service code uses");
        }
        if (null != schema)
        {
            taken.putAll(sbeClassNames(schema));
        }

        for (final ServiceDefinition service : services)
        {
            for (final String className : List.of(
                service.name(), JavaNames.clientName(service.name()), JavaNames.stubName(service.name())))
            {
                final String owner = taken.putIfAbsent(
                    className, "the class written for service " + service.name() + " (line " + service.line() + ")");
                if (null != owner)
                {
                    problems.add(service.line(), Problems.service(service.name()),
                        "its generated class " + className + " clashes with " + owner);
                }
            }
        }
    }

    /**
     * The classes SBE's Java generator may write for a schema: a superset, since it skips types no message uses.
     */
    private static Map<String, String> sbeClassNames(final MessageSchema schema)
    {
        final Map<String, String> names = new HashMap<>();
        names.put(SBE_META_ATTRIBUTE, "SBE's " + SBE_META_ATTRIBUTE);
        for (final Message message : schema.messages())
        {
            putCodecs(names, message.name(), "the codecs of message " + message.name());
        }
        for (final Type type : schema.types())
        {
            putType(names, type);
        }
        return names;
    }

    private static void putType(final Map<String, String> names, final Type type)
    {
        if (type instanceof EnumType)
        {
            names.putIfAbsent(JavaNames.enumName(type.name()), "the SBE enum " + type.name());
        }
        else if (type instanceof SetType)
        {
            putCodecs(names, type.name(), "the codecs of set " + type.name());
        }
        else if (type instanceof CompositeType composite)
        {
            putCodecs(names, type.name(), "the codecs of composite " + type.name());
            for (final Type member : composite.getTypeList())
            {
                putType(names, member);
            }
        }
    }

    private static void putCodecs(final Map<String, String> names, final String sbeName, final String owner)
    {
        names.putIfAbsent(JavaNames.encoderName(sbeName), owner);
        names.putIfAbsent(JavaNames.decoderName(sbeName), owner);
    }
}
