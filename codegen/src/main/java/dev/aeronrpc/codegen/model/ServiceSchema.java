package dev.aeronrpc.codegen.model;

import java.util.List;
import java.util.Objects;

/**
 * The services one schema file declares, with what the code generated for them needs to know of the SBE side.
 *
 * @param fileName      the schema's file name without its directory, as generated files name their source.
 * @param packageName   the schema's {@code package}: the Java package of its codecs and of the service code.
 * @param schemaId      the SBE schema id.
 * @param schemaVersion the SBE schema version.
 * @param services      the services in the order the schema declares them; empty for a schema of messages only.
 */
public record ServiceSchema(
    String fileName,
    String packageName,
    int schemaId,
    int schemaVersion,
    List<ServiceDefinition> services)
{
    /**
     * Checks that no part is missing and freezes the service list.
     *
     * @param fileName      the schema's file name without its directory, as generated files name their source.
     * @param packageName   the schema's {@code package}: the Java package of its codecs and of the service code.
     * @param schemaId      the SBE schema id.
     * @param schemaVersion the SBE schema version.
     * @param services      the services in the order the schema declares them; empty for a schema of messages only.
     */
    public ServiceSchema
    {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(packageName, "packageName");
        services = List.copyOf(services);
    }
}
