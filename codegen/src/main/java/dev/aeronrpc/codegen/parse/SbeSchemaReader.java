package dev.aeronrpc.codegen.parse;

import org.xml.sax.InputSource;
import uk.co.real_logic.sbe.xml.MessageSchema;
import uk.co.real_logic.sbe.xml.ParserOptions;
import uk.co.real_logic.sbe.xml.XmlSchemaParser;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the SBE side of a schema with SBE's own parser, so that messages mean exactly what they mean to SBE's code
 * generator, and turns what SBE prints about the schema into problems and warnings.
 */
final class SbeSchemaReader
{
    private static final String ERROR_PREFIX = "ERROR: ";
    private static final String WARNING_PREFIX = "WARNING: ";

    private SbeSchemaReader()
    {
    }

    /**
     * Parses a schema as SbeTool would with its default options.
     *
     * @param xml      the schema's bytes.
     * @param systemId where the schema came from, to resolve relative references.
     * @param problems where to report SBE's errors.
     * @param warnings where to add SBE's warnings.
     * @return the schema, or null when SBE rejected it.
     */
    static MessageSchema read(
        final byte[] xml, final String systemId, final Problems problems, final List<String> warnings)
    {
        // SBE prints what it finds wrong, one line each, and then throws a summary: capture the lines rather than
        // let them reach System.err unattributed.
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        final ParserOptions options = ParserOptions.builder()
            .stopOnError(false)
            .warningsFatal(false)
            .suppressOutput(false)
            .errorPrintStream(out)
            .build();

        MessageSchema schema = null;
        Exception failure = null;
        try
        {
            final InputSource source = new InputSource(new ByteArrayInputStream(xml));
            source.setSystemId(systemId);
            schema = XmlSchemaParser.parse(source, options);
        }
        catch (final Exception ex)
        {
            failure = ex;
        }

        final List<String> errors = new ArrayList<>();
        for (final String line : captured.toString(StandardCharsets.UTF_8).split("\\R"))
        {
            if (line.startsWith(ERROR_PREFIX))
            {
                errors.add(line.substring(ERROR_PREFIX.length()));
            }
            else if (line.startsWith(WARNING_PREFIX))
            {
                warnings.add("SBE: " + line.substring(WARNING_PREFIX.length()));
            }
        }

        if (null != failure && errors.isEmpty())
        {
            errors.add(null != failure.getMessage() ? failure.getMessage() : failure.toString());
        }
        for (final String error : errors)
        {
            problems.add(Problems.NO_LINE, null, "SBE: " + error);
        }

        return errors.isEmpty() ? schema : null;
    }
}
