package dev.aeronrpc.gateway.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aeronrpc.codegen.model.MethodDefinition;
import dev.aeronrpc.codegen.model.ServiceDefinition;
import dev.aeronrpc.codegen.parse.ParsedSchema;
import dev.aeronrpc.codegen.parse.SchemaException;
import dev.aeronrpc.codegen.parse.ServiceSchemaParser;
import uk.co.real_logic.sbe.ir.Ir;
import uk.co.real_logic.sbe.ir.Token;
import uk.co.real_logic.sbe.xml.IrGenerator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The services and messages of one schema, read at run time, for callers that know no generated class: the
 * service declarations come from the code generator's own parser, the message layouts from SBE's intermediate
 * representation. A new service in the schema needs no new code here.
 * <p>
 * Immutable once loaded and safe to share between threads.
 */
public final class SchemaCatalog
{
    private final int schemaId;
    private final int schemaVersion;
    private final Map<String, JsonMethod> methods = new LinkedHashMap<>();
    private final Map<String, MessageType> messages = new LinkedHashMap<>();
    private final Map<String, String> serviceDescriptions = new LinkedHashMap<>();
    private final String description;

    private SchemaCatalog(final ParsedSchema parsed)
    {
        final Ir ir = new IrGenerator().generate(parsed.sbeSchema());
        schemaId = ir.id();
        schemaVersion = ir.version();
        description = ir.description();
        for (final List<Token> tokens : ir.messages())
        {
            final MessageType type = new MessageType(tokens, ir.id(), ir.version(), ir.byteOrder());
            messages.put(type.name(), type);
        }
        for (final ServiceDefinition service : parsed.services().services())
        {
            serviceDescriptions.put(service.name(), service.description());
            for (final MethodDefinition method : service.methods())
            {
                final JsonMethod descriptor = JsonMethod.of(
                    service.name(),
                    service.id(),
                    method.name(),
                    method.id(),
                    method.kind(),
                    dev.aeronrpc.core.Delivery.valueOf(method.delivery().name()),
                    messages.get(method.requestMessage()),
                    null == method.responseMessage() ? null : messages.get(method.responseMessage()),
                    method.description());
                methods.put(descriptor.fullName(), descriptor);
            }
        }
    }

    /**
     * Loads a schema file.
     *
     * @param schemaFile the schema.
     * @return its catalog.
     * @throws IllegalArgumentException when the schema is invalid, listing its problems.
     */
    public static SchemaCatalog load(final Path schemaFile)
    {
        try
        {
            return new SchemaCatalog(ServiceSchemaParser.parse(schemaFile));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final SchemaException ex)
        {
            throw new IllegalArgumentException(ex.getMessage(), ex);
        }
    }

    /**
     * Loads a schema from the class path.
     *
     * @param resourceName the resource, such as {@code schemas/examples.xml}.
     * @return its catalog.
     * @throws IllegalArgumentException when the schema is invalid, listing its problems.
     */
    public static SchemaCatalog loadResource(final String resourceName)
    {
        final ClassLoader loader = SchemaCatalog.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resourceName))
        {
            if (null == in)
            {
                throw new IllegalArgumentException("no such resource on the class path: " + resourceName);
            }
            final String fileName = resourceName.substring(resourceName.lastIndexOf('/') + 1);
            return new SchemaCatalog(ServiceSchemaParser.parse(
                in.readAllBytes(), fileName, String.valueOf(loader.getResource(resourceName))));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final SchemaException ex)
        {
            throw new IllegalArgumentException(ex.getMessage(), ex);
        }
    }

    /**
     * Loads a schema file, or, when no such file exists, a class path resource of that name.
     *
     * @param location a file path or a resource name.
     * @return its catalog.
     * @throws IllegalArgumentException when the schema is invalid, listing its problems.
     */
    public static SchemaCatalog loadFileOrResource(final String location)
    {
        final Path file = Path.of(location);
        return Files.isRegularFile(file) ? load(file) : loadResource(location);
    }

    /**
     * A method by its service's and its own name.
     *
     * @param service the service's name, such as {@code Echo}.
     * @param method  the method's name, such as {@code echo}.
     * @return the method, or null when the schema declares none of that name.
     */
    public JsonMethod method(final String service, final String method)
    {
        return methods.get(service + "/" + method);
    }

    /**
     * Every method of every service, in schema order.
     *
     * @return the methods.
     */
    public List<JsonMethod> methods()
    {
        return Collections.unmodifiableList(new ArrayList<>(methods.values()));
    }

    /**
     * Whether the schema declares a service of this name.
     *
     * @param service the service's name.
     * @return true when it does.
     */
    public boolean hasService(final String service)
    {
        for (final JsonMethod method : methods.values())
        {
            if (method.service().equals(service))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * A message type by name.
     *
     * @param name the message's name, such as {@code EchoRequest}.
     * @return the type, or null when the schema has none of that name.
     */
    public MessageType message(final String name)
    {
        return messages.get(name);
    }

    /**
     * Describes every service, method and message as JSON, for a page that lists them and builds forms: the
     * services in schema order, each with its id, description and methods (name, id, kind, delivery, description,
     * request and response message names), and the messages by name as {@link MessageType#describe()} has them.
     *
     * @return a new JSON object, {@code {source, schemaId, schemaVersion, description, services, messages}}.
     */
    public ObjectNode describe()
    {
        final JsonNodeFactory json = JsonNodeFactory.instance;
        final ObjectNode root = json.objectNode();
        root.put("source", "schema");
        root.put("schemaId", schemaId);
        root.put("schemaVersion", schemaVersion);
        root.put("description", description);
        final ArrayNode services = root.putArray("services");
        for (final Map.Entry<String, String> entry : serviceDescriptions.entrySet())
        {
            final ObjectNode service = services.addObject();
            service.put("name", entry.getKey());
            service.put("description", entry.getValue());
            final ArrayNode serviceMethods = service.putArray("methods");
            for (final JsonMethod method : methods.values())
            {
                if (method.service().equals(entry.getKey()))
                {
                    service.put("id", method.serviceId());
                    final ObjectNode m = serviceMethods.addObject();
                    m.put("name", method.method());
                    m.put("id", method.methodId());
                    m.put("kind", method.kind().xmlName());
                    m.put("delivery", method.delivery().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                    m.put("description", method.description());
                    m.put("request", method.request().name());
                    m.put("response", null == method.response() ? null : method.response().name());
                }
            }
        }
        final ObjectNode messageTypes = root.putObject("messages");
        messages.forEach((name, type) -> messageTypes.set(name, type.describe()));
        return root;
    }

    /**
     * The schema's id.
     *
     * @return the id every message of this schema carries.
     */
    public int schemaId()
    {
        return schemaId;
    }

    /**
     * The schema's version.
     *
     * @return the version.
     */
    public int schemaVersion()
    {
        return schemaVersion;
    }
}
