package dev.aeronrpc.codegen.model;

import java.util.List;
import java.util.Objects;

/**
 * One {@code rpc:service} of a schema, checked against it.
 *
 * @param name        the service's name, a Java identifier: that of the interface implementations implement.
 * @param id          the service id requests carry, positive and unique within the schema.
 * @param description the {@code description} attribute, empty when absent.
 * @param line        the line of the schema the service is declared on, for messages.
 * @param methods     the service's methods in the order the schema declares them.
 */
public record ServiceDefinition(String name, int id, String description, int line, List<MethodDefinition> methods)
{
    /**
     * Checks that no part is missing and freezes the method list.
     *
     * @param name        the service's name, a Java identifier: that of the interface implementations implement.
     * @param id          the service id requests carry, positive and unique within the schema.
     * @param description the {@code description} attribute, empty when absent.
     * @param line        the line of the schema the service is declared on, for messages.
     * @param methods     the service's methods in the order the schema declares them.
     */
    public ServiceDefinition
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        methods = List.copyOf(methods);
    }
}
