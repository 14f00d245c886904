package dev.aeronrpc.codegen;

import dev.aeronrpc.codegen.generate.SbeCodecGenerator;
import dev.aeronrpc.codegen.generate.ServiceGenerator;
import dev.aeronrpc.codegen.parse.ParsedSchema;
import dev.aeronrpc.codegen.parse.SchemaException;
import dev.aeronrpc.codegen.parse.ServiceSchemaParser;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The code generator's entry point: parse, check, then write the SBE codecs and the service code of each schema.
 * <pre>
 * java -jar codegen-all.jar [--output DIR] SCHEMA.xml...
 * </pre>
 * Exit status: {@value #EXIT_OK} when every schema was generated, {@value #EXIT_FAILED} when a schema was refused
 * (its problems are printed to standard error, all of them) or a file could not be read or written, and
 * {@value #EXIT_USAGE} for arguments it does not understand.
 * <p>
 * A host may run {@link #main} inside its own JVM (exec-maven-plugin's {@code java} goal does), where
 * {@link System#exit} would end it abruptly. So {@link #main} exits with the status only when it is the program's entry
 * point; in any other host it throws an {@link IllegalStateException} on failure. Code calling the generator, as
 * {@code aeron-rpc-maven-plugin} does in Maven builds, should use {@link #generate(Path, Path)} or
 * {@link #run(String[], PrintStream, PrintStream)}.
 */
public final class RpcCodegen
{
    /** Where sources go when no {@code --output} is given, relative to the working directory. */
    public static final Path DEFAULT_OUTPUT_DIR = Path.of("target", "generated-sources", "rpc");

    /** Every schema was generated. */
    public static final int EXIT_OK = 0;

    /** A schema was refused, or a file could not be read or written. */
    public static final int EXIT_FAILED = 1;

    /** The arguments were not understood. */
    public static final int EXIT_USAGE = 2;

    private static final String USAGE = String.join(System.lineSeparator(),
        "Usage: java -jar codegen-all.jar [--output DIR] SCHEMA.xml...",
        "Writes the SBE codecs of each schema and, for each rpc:service in it, the service interface,",
        "client proxy and server stub, in the schema's package.",
        "  --output DIR  root of the source tree to write (default: " + DEFAULT_OUTPUT_DIR + ")",
        "  --help        print this and exit");

    private RpcCodegen()
    {
    }

    /**
     * Generates the code of one schema.
     *
     * @param schemaFile the schema, holding {@code sbe:message} and {@code rpc:service} elements.
     * @param outputDir  the root of the source tree to write into.
     * @return what was written.
     * @throws SchemaException when the schema is refused, listing every problem; nothing is written then.
     * @throws IOException     when a file cannot be read or written.
     */
    public static GenerationSummary generate(final Path schemaFile, final Path outputDir)
        throws SchemaException, IOException
    {
        final ParsedSchema parsed = ServiceSchemaParser.parse(schemaFile);
        final List<String> codecs = SbeCodecGenerator.generate(parsed.sbeSchema(), outputDir);
        final List<String> services = ServiceGenerator.generate(parsed.services(), outputDir);
        return new GenerationSummary(schemaFile, outputDir, codecs, services, parsed.warnings());
    }

    /**
     * Runs the command line: generates every schema named, reporting as it goes.
     *
     * @param args the command line arguments.
     * @param out  where to report what was written.
     * @param err  where to report problems and usage.
     * @return the exit status: {@link #EXIT_OK}, {@link #EXIT_FAILED} or {@link #EXIT_USAGE}.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        Path outputDir = DEFAULT_OUTPUT_DIR;
        final List<Path> schemas = new ArrayList<>();
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            if ("--help".equals(arg) || "-h".equals(arg))
            {
                out.println(USAGE);
                return EXIT_OK;
            }
            else if ("--output".equals(arg))
            {
                if (++i == args.length)
                {
                    return usage(err, "--output needs a directory");
                }
                outputDir = Path.of(args[i]);
            }
            else if (arg.startsWith("--output="))
            {
                outputDir = Path.of(arg.substring("--output=".length()));
            }
            else if (arg.startsWith("-"))
            {
                return usage(err, "unknown option " + arg);
            }
            else
            {
                schemas.add(Path.of(arg));
            }
        }
        if (schemas.isEmpty())
        {
            return usage(err, "no schema given");
        }

        int status = EXIT_OK;
        for (final Path schema : schemas)
        {
            // Carry on after a failure: one run reports on every schema.
            if (!generateOne(schema, outputDir, out, err))
            {
                status = EXIT_FAILED;
            }
        }
        return status;
    }

    /**
     * The command line entry point; see the class description for how it ends on failure.
     *
     * @param args {@code [--output DIR] SCHEMA.xml...}
     * @throws IllegalStateException on failure, unless this is the program's entry point, which then exits.
     */
    public static void main(final String[] args)
    {
        final int status = run(args, System.out, System.err);
        if (EXIT_OK != status)
        {
            if (isProgramEntryPoint())
            {
                System.exit(status);
            }
            throw new IllegalStateException("aeron-rpc codegen failed with exit status " + status +
                (EXIT_USAGE == status ? ": bad arguments" : ": see the problems reported above"));
        }
    }

    private static boolean generateOne(final Path schema, final Path outputDir, final PrintStream out,
        final PrintStream err)
    {
        try
        {
            final GenerationSummary summary = generate(schema, outputDir);
            for (final String warning : summary.warnings())
            {
                err.println(schema.getFileName() + ": warning: " + warning);
            }
            out.println(summary.describe());
            return true;
        }
        catch (final SchemaException ex)
        {
            ex.problems().forEach(err::println);
            err.println(schema.getFileName() + ": refused, " + ex.problems().size() +
                (ex.problems().size() == 1 ? " problem" : " problems") + "; nothing written");
        }
        catch (final IOException | UncheckedIOException ex)
        {
            err.println(schema + ": " + ex);
        }
        return false;
    }

    private static int usage(final PrintStream err, final String problem)
    {
        err.println("error: " + problem);
        err.println(USAGE);
        return EXIT_USAGE;
    }

    /**
     * Whether the JVM was started to run this class: {@code java -jar} on the jar holding it, or {@code java} with
     * its name. Maven's exec:java, surefire and other hosts start their own main class.
     */
    private static boolean isProgramEntryPoint()
    {
        final String command = System.getProperty("sun.java.command", "");
        if (command.equals(RpcCodegen.class.getName()) || command.startsWith(RpcCodegen.class.getName() + " "))
        {
            return true;
        }

        try
        {
            final Path ownJar = Path.of(RpcCodegen.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // The jar's path may hold spaces, like the arguments after it: try each prefix ending in ".jar".
            for (int end = command.indexOf(".jar"); end >= 0; end = command.indexOf(".jar", end + 1))
            {
                final Path candidate = Path.of(command.substring(0, end + ".jar".length()));
                if (Files.isRegularFile(candidate) && Files.isSameFile(candidate, ownJar))
                {
                    return true;
                }
            }
        }
        catch (final Exception ex)
        {
            // Unknown: not exiting is the safe answer, it cannot end a host's JVM.
        }
        return false;
    }
}
