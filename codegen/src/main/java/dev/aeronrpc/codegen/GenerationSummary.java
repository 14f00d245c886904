package dev.aeronrpc.codegen;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What one run of the generator on one schema wrote.
 *
 * @param schemaFile     the schema.
 * @param outputDir      the source tree written into.
 * @param codecClasses   the SBE codec files written, each once, fully qualified ({@code package-info} among them).
 * @param serviceClasses the service interfaces, client proxies and server stubs written, fully qualified.
 * @param warnings       what SBE warned about; none of it stopped generation.
 */
public record GenerationSummary(
    Path schemaFile,
    Path outputDir,
    List<String> codecClasses,
    List<String> serviceClasses,
    List<String> warnings)
{
    /**
     * Checks that no part is missing and freezes the lists.
     *
     * @param schemaFile     the schema.
     * @param outputDir      the source tree written into.
     * @param codecClasses   the SBE codec files written, each once, fully qualified.
     * @param serviceClasses the service interfaces, client proxies and server stubs written, fully qualified.
     * @param warnings       what SBE warned about; none of it stopped generation.
     */
    public GenerationSummary
    {
        Objects.requireNonNull(schemaFile, "schemaFile");
        Objects.requireNonNull(outputDir, "outputDir");
        codecClasses = List.copyOf(codecClasses);
        serviceClasses = List.copyOf(serviceClasses);
        warnings = List.copyOf(warnings);
    }

    /**
     * One line for a person: which schema, how many files of each sort, and where. Each file is counted once, as it
     * lies in the output directory.
     *
     * @return for example {@code examples.xml: 28 codec files, 12 service files in target/generated-sources/rpc}.
     */
    public String describe()
    {
        return schemaFile.getFileName() + ": " +
            codecClasses.size() + " codec files, " + serviceClasses.size() + " service files in " + outputDir;
    }
}
