package dev.aeronrpc.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The schemas tests read: the checked-in ones, and ones a test writes from a few rpc elements.
 */
public final class TestSchemas
{
    /** The rpc namespace declaration and the standard types, for schemas written by tests. */
    private static final String PREFIX = """
        <?xml version="1.0" encoding="UTF-8"?>
        <sbe:messageSchema xmlns:sbe="http://fixprotocol.io/2016/sbe" xmlns:rpc="http://aeronrpc.dev/rpc"
                           package="test.pkg" id="5" version="1" byteOrder="%s">
            <types>
                <composite name="messageHeader">
        %s
                </composite>
                <enum name="Color" encodingType="uint8">
                    <validValue name="RED">0</validValue>
                </enum>
            </types>
            <sbe:message name="Ping" id="1">
                <field name="sentAtNs" id="1" type="int64"/>
                <field name="color" id="2" type="Color"/>
            </sbe:message>
            <sbe:message name="Pong" id="2">
                <field name="sentAtNs" id="1" type="int64"/>
            </sbe:message>
        """;

    /** The standard message header's fields. */
    public static final String STANDARD_HEADER = """
                    <type name="blockLength" primitiveType="uint16"/>
                    <type name="templateId" primitiveType="uint16"/>
                    <type name="schemaId" primitiveType="uint16"/>
                    <type name="version" primitiveType="uint16"/>""";

    private TestSchemas()
    {
    }

    /**
     * A checked-in test resource.
     *
     * @param name the resource's path under the test resources, such as {@code golden/bank.xml}.
     * @return its path in the build's output.
     */
    public static Path resource(final String name)
    {
        final URL url = TestSchemas.class.getResource("/" + name);
        if (null == url)
        {
            throw new IllegalArgumentException("no test resource " + name);
        }
        try
        {
            return Path.of(url.toURI());
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The text of a schema with messages Ping and Pong, an enum Color and the given rpc elements.
     *
     * @param rpcElements the elements to put after the messages.
     * @return the schema's text.
     */
    public static String schemaText(final String rpcElements)
    {
        return schemaText(rpcElements, STANDARD_HEADER, "littleEndian");
    }

    /**
     * The text of a schema with messages Ping and Pong, an enum Color, the given header and rpc elements.
     *
     * @param rpcElements  the elements to put after the messages.
     * @param headerFields the types of the messageHeader composite.
     * @param byteOrder    the schema's byteOrder.
     * @return the schema's text.
     */
    public static String schemaText(final String rpcElements, final String headerFields, final String byteOrder)
    {
        return PREFIX.formatted(byteOrder, headerFields) + rpcElements + "\n</sbe:messageSchema>\n";
    }

    /**
     * Writes a schema file.
     *
     * @param dir  where to write it.
     * @param name its file name.
     * @param text its text.
     * @return its path.
     */
    public static Path write(final Path dir, final String name, final String text)
    {
        try
        {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The line a piece of text first appears on.
     *
     * @param text   a schema's text.
     * @param marker text on the line wanted.
     * @return the line number, counted from 1.
     */
    public static int lineOf(final String text, final String marker)
    {
        final int index = text.indexOf(marker);
        if (index < 0)
        {
            throw new IllegalArgumentException("no " + marker + " in the schema");
        }
        return (int)text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }
}
