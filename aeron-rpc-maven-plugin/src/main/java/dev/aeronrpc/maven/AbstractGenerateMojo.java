package dev.aeronrpc.maven;

import dev.aeronrpc.codegen.GenerationSummary;
import dev.aeronrpc.codegen.RpcCodegen;
import dev.aeronrpc.codegen.parse.SchemaException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What both goals do: find the schemas, generate their code unless it is up to date, and add the output directory
 * to the project's sources. The goals differ in their defaults and in the kind of source root.
 */
abstract class AbstractGenerateMojo extends AbstractMojo
{
    /** The project being built. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** This execution, whose id names its record of the last run. */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    MojoExecution mojoExecution;

    /** The project's build directory, which holds the record of the last run. */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    File buildDirectory;

    /**
     * Schemas named one by one, in addition to those found in the schema directory; each must exist. Each holds
     * {@code sbe:message} and {@code rpc:service} elements.
     */
    @Parameter
    List<File> schemaFiles;

    /**
     * Which files of the schema directory are schemas, as glob patterns relative to it, such as {@code *.xml} or
     * {@code **}{@code /*.xml}. Default: {@code *.xml}, the directory's top level.
     */
    @Parameter
    List<String> includes;

    /**
     * Whether to delete the output directory before generating, so that nothing of a removed schema, service or
     * message lingers. Only a directory inside the build directory is ever deleted.
     */
    @Parameter(property = "aeron-rpc.clearOutputDirectory", defaultValue = "true")
    boolean clearOutputDirectory;

    /** Skips this goal: nothing is generated and no source root is added. */
    @Parameter(property = "aeron-rpc.skip", defaultValue = "false")
    boolean skip;

    /**
     * The directory searched for schemas.
     *
     * @return the directory; one that does not exist holds no schema.
     */
    abstract File schemaDirectory();

    /**
     * Where the generated code goes.
     *
     * @return the root of a source tree.
     */
    abstract File outputDirectory();

    /**
     * Which sources the generated code joins.
     *
     * @return the kind of source root.
     */
    abstract SourceRoot sourceRoot();

    /**
     * Whether this goal has nothing to do in this build, apart from {@link #skip}.
     *
     * @return true to skip.
     */
    boolean skipped()
    {
        return skip;
    }

    /**
     * Generates the code of every schema, or none when it is up to date, and adds the output to the project's sources.
     *
     * @throws MojoFailureException   when a schema is refused (each problem is logged as an error first) or a schema
     *                                file named does not exist.
     * @throws MojoExecutionException when a file cannot be read or written.
     */
    @Override
    public void execute() throws MojoExecutionException, MojoFailureException
    {
        if (skipped())
        {
            getLog().info("Code generation skipped");
            return;
        }

        try
        {
            final List<Path> schemas = SchemaFinder.find(schemaFiles, schemaDirectory(), includes);
            final Path outputDirectory = outputDirectory().toPath().toAbsolutePath().normalize();
            if (schemas.isEmpty())
            {
                getLog().warn("No schema to generate from: schemaFiles names none and none in " + schemaDirectory() +
                    " matches " + (null == includes || includes.isEmpty() ? SchemaFinder.DEFAULT_INCLUDES : includes));
                return;
            }

            final GenerationInputs inputs = new GenerationInputs(
                schemas, outputDirectory, CodegenIdentity.of(RpcCodegen.class));
            final StaleCheck staleCheck = new StaleCheck(recordFile());
            if (staleCheck.isUpToDate(inputs))
            {
                getLog().info("Generated code is up to date: " + describe(schemas) + " unchanged since " +
                    outputDirectory + " was written");
            }
            else
            {
                generate(inputs, staleCheck);
            }

            sourceRoot().addTo(project, outputDirectory);
            getLog().debug("Added " + outputDirectory + " as a " + sourceRoot() + " source root");
        }
        catch (final IOException | UncheckedIOException ex)
        {
            throw new MojoExecutionException("Cannot generate code: " + ex, ex);
        }
    }

    /**
     * Where the record of this execution's last successful run is kept: one file per goal and execution, so that two
     * executions in one project do not take each other's output as their own.
     *
     * @return the record file.
     */
    Path recordFile()
    {
        final String executionId = null != mojoExecution ? mojoExecution.getExecutionId() : "default";
        final String goal = null != mojoExecution ? mojoExecution.getGoal() : sourceRoot().name().toLowerCase();
        return buildDirectory.toPath().resolve("aeron-rpc-maven-plugin").resolve(goal + "-" + executionId + ".inputs");
    }

    private void generate(final GenerationInputs inputs, final StaleCheck staleCheck)
        throws IOException, MojoFailureException, MojoExecutionException
    {
        staleCheck.forget();
        clear(inputs.outputDirectory());

        final ProblemReport report = new ProblemReport();
        for (final Path schema : inputs.schemas())
        {
            try
            {
                final GenerationSummary summary = RpcCodegen.generate(schema, inputs.outputDirectory());
                summary.warnings().forEach(warning -> getLog().warn(schema.getFileName() + ": " + warning));
                getLog().info(summary.describe());
            }
            catch (final SchemaException ex)
            {
                // Go on with the other schemas: one build shows every problem there is.
                report.add(ex);
            }
            catch (final UncheckedIOException ex)
            {
                throw ex;
            }
            catch (final RuntimeException ex)
            {
                throw new MojoExecutionException("The code generator failed on " + schema + ": " + ex, ex);
            }
        }

        if (!report.isEmpty())
        {
            report.logTo(getLog());
            throw new MojoFailureException(report.failureMessage());
        }
        staleCheck.record(inputs);
    }

    private void clear(final Path outputDirectory) throws IOException
    {
        if (!clearOutputDirectory || !Files.exists(outputDirectory))
        {
            return;
        }
        if (!outputDirectory.startsWith(buildDirectory.toPath().toAbsolutePath().normalize()))
        {
            getLog().debug("Not clearing " + outputDirectory + ": it lies outside the build directory");
            return;
        }
        try (Stream<Path> paths = Files.walk(outputDirectory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
    }

    private static String describe(final List<Path> schemas)
    {
        return 1 == schemas.size() ? schemas.get(0).getFileName().toString() : schemas.size() + " schemas";
    }
}
