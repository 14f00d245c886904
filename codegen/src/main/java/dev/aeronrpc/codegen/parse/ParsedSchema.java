package dev.aeronrpc.codegen.parse;

import dev.aeronrpc.codegen.model.ServiceSchema;
import uk.co.real_logic.sbe.xml.MessageSchema;

import java.util.List;
import java.util.Objects;

/**
 * A schema that passed every check: its services, and the SBE side its codecs are generated from.
 *
 * @param services  the services and what their code needs to know of the schema.
 * @param sbeSchema the schema as SBE's parser read it, ready for SBE's generator.
 * @param warnings  what SBE warned about, such as a schema without messages; none of it stops generation.
 */
public record ParsedSchema(ServiceSchema services, MessageSchema sbeSchema, List<String> warnings)
{
    /**
     * Checks that no part is missing and freezes the warnings.
     *
     * @param services  the services and what their code needs to know of the schema.
     * @param sbeSchema the schema as SBE's parser read it, ready for SBE's generator.
     * @param warnings  what SBE warned about, such as a schema without messages; none of it stops generation.
     */
    public ParsedSchema
    {
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(sbeSchema, "sbeSchema");
        warnings = List.copyOf(warnings);
    }
}
