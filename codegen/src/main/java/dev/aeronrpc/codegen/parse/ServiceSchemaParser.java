package dev.aeronrpc.codegen.parse;

import dev.aeronrpc.codegen.model.ServiceDefinition;
import dev.aeronrpc.codegen.model.ServiceSchema;
import uk.co.real_logic.sbe.xml.Message;
import uk.co.real_logic.sbe.xml.MessageSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a schema file holding both SBE messages and {@code rpc:service} declarations, and checks everything the
 * generated code relies on.
 * <p>
 * The file is read twice: with SAX, namespace-aware, for the rpc elements and their lines; and with SBE's own parser,
 * for the messages exactly as SBE's code generator will see them. SBE ignores the rpc elements, except that it takes
 * any element named {@code message} under the root for a message, whatever its namespace.
 */
public final class ServiceSchemaParser
{
    /** The XML namespace of the service declarations, usually bound to the prefix {@code rpc}. */
    public static final String RPC_NAMESPACE = "http://aeronrpc.dev/rpc";

    private ServiceSchemaParser()
    {
    }

    /**
     * Reads and checks a schema file.
     *
     * @param schemaFile the schema.
     * @return the schema's services and its SBE side.
     * @throws SchemaException when anything is wrong with the schema, listing every problem found.
     * @throws IOException     when the file cannot be read.
     */
    public static ParsedSchema parse(final Path schemaFile) throws SchemaException, IOException
    {
        return parse(
            Files.readAllBytes(schemaFile),
            schemaFile.getFileName().toString(),
            schemaFile.toAbsolutePath().toUri().toString());
    }

    /**
     * Reads and checks a schema held in memory, such as one loaded from the class path.
     *
     * @param xml      the schema's bytes.
     * @param fileName the name problems are reported under.
     * @param systemId where the schema came from, against which relative references resolve.
     * @return the schema's services and its SBE side.
     * @throws SchemaException when anything is wrong with the schema, listing every problem found.
     * @throws IOException     when the XML parser cannot be set up.
     */
    public static ParsedSchema parse(final byte[] xml, final String fileName, final String systemId)
        throws SchemaException, IOException
    {
        final Problems problems = new Problems(fileName);

        final RpcDocument document = RpcElementReader.read(xml, systemId, problems);
        if (null == document)
        {
            throw problems.toException(); // not XML: nothing more to learn
        }

        final List<String> warnings = new ArrayList<>();
        final MessageSchema sbeSchema = SbeSchemaReader.read(xml, systemId, problems, warnings);

        final Set<String> messageNames = null != sbeSchema ?
            sbeSchema.messages().stream().map(Message::name).collect(Collectors.toSet()) : null;
        final List<ServiceDefinition> services =
            new ServiceValidator(problems, messageNames).validate(document.services());
        if (null != sbeSchema)
        {
            HeaderCheck.check(sbeSchema, document, problems);
        }
        ClassNameCheck.check(services, sbeSchema, problems);
        problems.throwIfAny();

        final ServiceSchema model = new ServiceSchema(
            fileName, sbeSchema.packageName(), sbeSchema.id(), sbeSchema.version(), services);
        return new ParsedSchema(model, sbeSchema, warnings);
    }
}
