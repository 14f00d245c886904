package dev.aeronrpc.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one run's output depends on, besides the schemas' contents: which schemas, where the code goes, and which
 * generator writes it. A run whose inputs read the same as the last successful one's, and whose schemas are older
 * than that run, would write the same code again.
 *
 * @param schemas         the schemas, absolute, in a stable order.
 * @param outputDirectory where the code goes.
 * @param generator       identifies the code generator, so that a new one regenerates; see {@link CodegenIdentity}.
 */
record GenerationInputs(List<Path> schemas, Path outputDirectory, String generator)
{
    GenerationInputs
    {
        schemas = List.copyOf(schemas);
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(generator, "generator");
    }

    /**
     * The inputs as lines of text, the form they are recorded in.
     *
     * @return one line for the generator, one for the output directory, one per schema.
     */
    List<String> lines()
    {
        final List<String> lines = new ArrayList<>();
        lines.add("generator " + generator);
        lines.add("output " + outputDirectory);
        schemas.forEach(schema -> lines.add("schema " + schema));
        return lines;
    }
}
