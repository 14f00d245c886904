package dev.aeronrpc.codegen.parse;

import dev.aeronrpc.codegen.model.JavaNames;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the attributes of one rpc element, reporting each one that is missing or wrong against the element's line
 * and subject, and remembering whether any was, so that the caller builds a model only from a sound element.
 */
final class AttributeReader
{
    private static final BigInteger MAX_ID = BigInteger.valueOf(Integer.MAX_VALUE);

    private final RpcElement element;
    private final String subject;
    private final Problems problems;
    private boolean sound = true;

    AttributeReader(final RpcElement element, final String subject, final Problems problems)
    {
        this.element = element;
        this.subject = subject;
        this.problems = problems;
    }

    /**
     * Whether every attribute read so far was acceptable.
     *
     * @return false once a problem was reported for this element.
     */
    boolean isSound()
    {
        return sound;
    }

    void problem(final String text)
    {
        sound = false;
        problems.add(element.line, subject, text);
    }

    /**
     * Reports attributes this element does not have, which are most often misspellings of ones it has.
     *
     * @param known the names of the attributes the element has, in the order to list them.
     */
    void rejectUnknown(final List<String> known)
    {
        final Set<String> knownSet = Set.copyOf(known);
        for (final String name : element.attributes.keySet())
        {
            if (!knownSet.contains(name))
            {
                problem("unknown attribute " + name + " (expected one of " + String.join(", ", known) + ")");
            }
        }
    }

    String required(final String name)
    {
        final String value = element.attribute(name);
        if (null == value || value.isBlank())
        {
            problem("missing attribute " + name);
            return null;
        }
        return value;
    }

    String optional(final String name)
    {
        final String value = element.attribute(name);
        return null != value ? value.strip() : "";
    }

    /**
     * A required name that generated code uses as a Java identifier.
     */
    String javaName(final String name)
    {
        final String value = required(name);
        if (null != value && !JavaNames.isJavaIdentifier(value))
        {
            problem(name + " '" + value + "' is not a valid Java identifier");
            return null;
        }
        return value;
    }

    /**
     * A required id: a positive int, as the wire carries it in an int32.
     *
     * @return the id, or 0 when it is missing or wrong.
     */
    int id(final String name)
    {
        final String value = required(name);
        if (null == value)
        {
            return 0;
        }
        if (!value.matches("[+-]?[0-9]+"))
        {
            problem(name + " '" + value + "' is not a number");
            return 0;
        }
        final BigInteger id = new BigInteger(value);
        if (id.signum() <= 0 || id.compareTo(MAX_ID) > 0)
        {
            problem(name + " " + value + " is out of range: ids go from 1 to " + Integer.MAX_VALUE);
            return 0;
        }
        return id.intValue();
    }

    /**
     * One value of a fixed set, such as a method kind.
     *
     * @param name         the attribute's name.
     * @param parse        the value for a spelling, or null for an unknown one.
     * @param spellings    the accepted spellings, for messages.
     * @param defaultValue the value when the attribute is absent, or null when it is required.
     * @param <E>          the type of value.
     * @return the value, or null when it is missing or unknown.
     */
    <E> E choice(
        final String name, final Function<String, E> parse, final List<String> spellings, final E defaultValue)
    {
        final String expected = " (expected one of " + String.join(", ", spellings) + ")";
        final String value = element.attribute(name);
        if (null == value)
        {
            if (null == defaultValue)
            {
                problem("missing attribute " + name + expected);
            }
            return defaultValue;
        }
        final E parsed = parse.apply(value);
        if (null == parsed)
        {
            problem("unknown " + name + " '" + value + "'" + expected);
        }
        return parsed;
    }
}
