package dev.aeronrpc.codegen.generate;

import dev.aeronrpc.codegen.model.JavaNames;
import dev.aeronrpc.codegen.model.ServiceDefinition;
import dev.aeronrpc.codegen.model.ServiceSchema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes, per service of a schema, three Java files into the schema's package, beside its SBE codecs: the interface
 * to implement ({@code Bank}), the client proxy ({@code BankClient}) and the server stub ({@code BankStub}).
 * <p>
 * The files refer to the codecs by their simple names and to the runtime ({@code dev.aeronrpc.client},
 * {@code dev.aeronrpc.server}, {@code dev.aeronrpc.core}) by fully qualified names.
 */
public final class ServiceGenerator
{
    private ServiceGenerator()
    {
    }

    /**
     * Writes the files of every service of a schema.
     *
     * @param schema    the validated services.
     * @param outputDir the root of the source tree to write into; package directories are created as needed.
     * @return the fully qualified names of the classes written, three per service.
     * @throws IOException when a file cannot be written.
     */
    public static List<String> generate(final ServiceSchema schema, final Path outputDir) throws IOException
    {
        final Map<String, String> sources = sources(schema);
        final List<String> written = new ArrayList<>(sources.size());
        if (sources.isEmpty())
        {
            return written;
        }

        final Path packageDir = outputDir.resolve(schema.packageName().replace('.', '/'));
        Files.createDirectories(packageDir);
        for (final Map.Entry<String, String> source : sources.entrySet())
        {
            Files.writeString(packageDir.resolve(source.getKey() + ".java"), source.getValue(), StandardCharsets.UTF_8);
            written.add(schema.packageName() + "." + source.getKey());
        }
        return written;
    }

    /**
     * The sources of every service of a schema, without writing them.
     *
     * @param schema the validated services.
     * @return the source of each class by simple class name: per service, interface, client proxy and stub.
     */
    public static Map<String, String> sources(final ServiceSchema schema)
    {
        final Map<String, String> sources = new LinkedHashMap<>();
        for (final ServiceDefinition service : schema.services())
        {
            final String name = service.name();
            sources.put(name, ServiceInterfaceWriter.write(schema, service));
            sources.put(JavaNames.clientName(name), ClientProxyWriter.write(schema, service));
            sources.put(JavaNames.stubName(name), ServerStubWriter.write(schema, service));
        }
        return sources;
    }
}
