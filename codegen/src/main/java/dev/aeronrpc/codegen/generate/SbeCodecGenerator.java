package dev.aeronrpc.codegen.generate;

import org.agrona.generation.DynamicPackageOutputManager;
import uk.co.real_logic.sbe.SbeTool;
import uk.co.real_logic.sbe.generation.common.PrecedenceChecks;
import uk.co.real_logic.sbe.generation.java.JavaGenerator;
import uk.co.real_logic.sbe.generation.java.JavaOutputManager;
import uk.co.real_logic.sbe.ir.Ir;
import uk.co.real_logic.sbe.xml.IrGenerator;
import uk.co.real_logic.sbe.xml.MessageSchema;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs SBE's Java code generator on a schema, with the options the runtime relies on passed as arguments rather than
 * through SbeTool's system properties, which would leak between runs sharing a JVM, such as Maven's.
 * <p>
 * The options are SbeTool's defaults but two: the codecs implement Agrona's {@code MessageEncoderFlyweight} and
 * {@code MessageDecoderFlyweight}, through which the runtime handles any message; and field access order checks are
 * off, as they are by default.
 */
public final class SbeCodecGenerator
{
    private SbeCodecGenerator()
    {
    }

    /**
     * Writes the codecs of a schema.
     *
     * @param schema    the schema as SBE's parser read it.
     * @param outputDir the root of the source tree to write into; package directories are created as needed.
     * @return the fully qualified names of the files written ({@code package-info} among them), each once.
     * @throws IOException when a file cannot be written.
     */
    public static List<String> generate(final MessageSchema schema, final Path outputDir) throws IOException
    {
        // No namespace override: the codecs go to the schema's package, as SbeTool puts them.
        final Ir ir = new IrGenerator().generate(schema, null);
        final RecordingOutputManager outputManager =
            new RecordingOutputManager(outputDir, ir.applicableNamespace());

        final JavaGenerator generator = new JavaGenerator(
            ir,
            SbeTool.JAVA_DEFAULT_ENCODING_BUFFER_TYPE,
            SbeTool.JAVA_DEFAULT_DECODING_BUFFER_TYPE,
            false, // group order annotations
            true,  // the codecs implement Agrona's flyweight interfaces
            false, // unknown enum values decode as NULL_VAL, not as a value of their own
            false, // no per-type packages: everything in the schema's package
            PrecedenceChecks.newInstance(new PrecedenceChecks.Context().shouldGeneratePrecedenceChecks(false)),
            outputManager);
        generator.generate();

        return List.copyOf(outputManager.classNames);
    }

    /**
     * Notes each file SBE writes, for the summary and the tests. A set, because SBE writes some files twice: the
     * message header's codecs once as the header and again as a composite type of the schema.
     */
    private static final class RecordingOutputManager implements DynamicPackageOutputManager
    {
        private final DynamicPackageOutputManager delegate;
        private final Set<String> classNames = new LinkedHashSet<>();
        private String packageName;

        private RecordingOutputManager(final Path outputDir, final String packageName)
        {
            this.delegate = new JavaOutputManager(outputDir.toString(), packageName);
            this.packageName = packageName;
        }

        @Override
        public void setPackageName(final String packageName)
        {
            this.packageName = packageName;
            delegate.setPackageName(packageName);
        }

        @Override
        public Writer createOutput(final String name) throws IOException
        {
            classNames.add(null != packageName ? packageName + "." + name : name);
            return delegate.createOutput(name);
        }
    }
}
