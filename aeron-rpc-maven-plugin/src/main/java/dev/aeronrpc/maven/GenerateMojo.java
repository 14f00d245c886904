package dev.aeronrpc.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;

/**
 * Generates the SBE codecs of each schema and, for each {@code rpc:service} in it, the service interface, client proxy
 * and server stub, then adds them to the project's main sources.
 * <p>
 * Generation is skipped when the code of the last successful run still stands: same schemas, none changed since, same
 * output directory and code generator. A schema the generator refuses fails the build, after every problem of every
 * schema has been logged as an error of its own, {@code file.xml:LINE: subject: problem}.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractGenerateMojo
{
    /** The directory searched for schemas, with {@code includes}. */
    @Parameter(property = "aeron-rpc.schemaDirectory", defaultValue = "${project.basedir}/src/main/sbe")
    File schemaDirectory;

    /** Where the generated code goes; added to the project's compile source roots. */
    @Parameter(property = "aeron-rpc.outputDirectory",
        defaultValue = "${project.build.directory}/generated-sources/rpc")
    File outputDirectory;

    /** A goal that Maven makes. */
    public GenerateMojo()
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
        return SourceRoot.MAIN;
    }
}
