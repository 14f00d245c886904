package dev.aeronrpc.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Schemas the plugin's tests write: a key-value store's messages and a service over them.
 */
final class TestSchemas
{
    /** A schema whose service is {@code KeyValue}, in package {@code test.kv}. */
    static final String KEY_VALUE = schema("test.kv", """
            <rpc:service name="KeyValue" id="1">
                <rpc:method name="put" id="1" kind="unary" request="PutRequest" response="PutResponse"/>
                <rpc:method name="get" id="2" kind="unary" request="GetRequest" response="GetResponse"/>
            </rpc:service>""");

    /** A schema with two problems, each on a line of its own: an unknown message and a duplicate method id. */
    static final String TWO_PROBLEMS = schema("test.bad", """
            <rpc:service name="KeyValue" id="1">
                <rpc:method name="put" id="1" kind="unary" request="NoSuchRequest" response="PutResponse"/>
                <rpc:method name="get" id="1" kind="unary" request="GetRequest" response="GetResponse"/>
            </rpc:service>""");

    private TestSchemas()
    {
    }

    /**
     * A schema with the key-value messages and the given services.
     *
     * @param packageName the package of its code.
     * @param services    {@code rpc:service} elements.
     * @return its text.
     */
    static String schema(final String packageName, final String services)
    {
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <sbe:messageSchema xmlns:sbe="http://fixprotocol.io/2016/sbe" xmlns:rpc="http://aeronrpc.dev/rpc"
                               package="%s" id="77" version="1" byteOrder="littleEndian">
                <types>
                    <composite name="messageHeader">
                        <type name="blockLength" primitiveType="uint16"/>
                        <type name="templateId" primitiveType="uint16"/>
                        <type name="schemaId" primitiveType="uint16"/>
                        <type name="version" primitiveType="uint16"/>
                    </composite>
                </types>
                <sbe:message name="PutRequest" id="1">
                    <field name="key" id="1" type="int64"/>
                    <field name="value" id="2" type="int64"/>
                </sbe:message>
                <sbe:message name="PutResponse" id="2">
                    <field name="previous" id="1" type="int64"/>
                </sbe:message>
                <sbe:message name="GetRequest" id="3">
                    <field name="key" id="1" type="int64"/>
                </sbe:message>
                <sbe:message name="GetResponse" id="4">
                    <field name="value" id="1" type="int64"/>
                </sbe:message>
            %s
            </sbe:messageSchema>
            """.formatted(packageName, services);
    }

    /**
     * Writes a file, with its parent directories, and dates it a minute back, so that a record written next is
     * surely newer on any file system's clock.
     *
     * @param file where.
     * @param text what.
     * @return the file.
     */
    static Path write(final Path file, final String text)
    {
        try
        {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(1, ChronoUnit.MINUTES)));
            return file;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Marks a file as modified now, or later if the clock says so: as an editor saving it would.
     *
     * @param file the file.
     */
    static void touch(final Path file)
    {
        try
        {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plus(1, ChronoUnit.SECONDS)));
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
    static int lineOf(final String text, final String marker)
    {
        final int index = text.indexOf(marker);
        if (index < 0)
        {
            throw new IllegalArgumentException("no " + marker + " in the schema");
        }
        return (int)text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }
}
