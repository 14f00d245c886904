package dev.aeronrpc.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;

/**
 * Generates code from the tests' schemas, as {@code generate} does from the main ones, and adds it to the project's
 * test sources: services that only tests implement and call.
 */
@Mojo(name = "generate-test", defaultPhase = LifecyclePhase.GENERATE_TEST_SOURCES, threadSafe = true)
public class GenerateTestMojo extends AbstractGenerateMojo
{
    /** The directory searched for schemas, with {@code includes}. */
    @Parameter(property = "aeron-rpc.testSchemaDirectory", defaultValue = "${project.basedir}/src/test/sbe")
    File schemaDirectory;

    /** Where the generated code goes; added to the project's test compile source roots. */
    @Parameter(property = "aeron-rpc.testOutputDirectory",
        defaultValue = "${project.build.directory}/generated-test-sources/rpc")
    File outputDirectory;

    /** Skips this goal along with the tests' compilation, as {@code -Dmaven.test.skip=true} asks. */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    boolean skipTestCompilation;

    /** A goal that Maven makes. */
    public GenerateTestMojo()
    {
    }

    @Override
    File schemaDirectory()
    {
        return schemaDirectory;
    }

    @Override
    File outputDirectory()
    {
        return outputDirectory;
    }

    @Override
    SourceRoot sourceRoot()
    {
        return SourceRoot.TEST;
    }

    @Override
    boolean skipped()
    {
        return super.skipped() || skipTestCompilation;
    }
}
