package dev.aeronrpc.codegen.generate;

import dev.aeronrpc.codegen.TestSchemas;
import dev.aeronrpc.codegen.parse.ParsedSchema;
import dev.aeronrpc.codegen.parse.ServiceSchemaParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Compares the service files generated from {@code golden/bank.xml} with the checked-in
 * {@code golden/expected/*.java.txt}, file by file and byte for byte (the SBE codecs are SBE's business and are not
 * compared).
 * <p>
 * After a deliberate change to the generated code, rewrite the expected files and review the difference:
 * <pre>
 * mvn -pl codegen test -Dtest=GoldenFilesTest -Dgolden.update=true
 * git diff codegen/src/test/resources/golden/expected
 * </pre>
 * With {@code golden.update} set the test writes into {@code src/test/resources/golden/expected} of the module
 * (found from the {@code basedir} property Maven sets, else the working directory) and passes; without it, it writes
 * only into a temporary directory.
 */
class GoldenFilesTest
{
    private static final String PACKAGE_DIR = "dev/aeronrpc/codegen/golden";
    private static final String EXPECTED_SUFFIX = ".java.txt";

    @TempDir
    Path outputDir;

    @Test
    void shouldGenerateServiceFilesAsExpected() throws Exception
    {
        final ParsedSchema schema = ServiceSchemaParser.parse(TestSchemas.resource("golden/bank.xml"));
        final List<String> written = ServiceGenerator.generate(schema.services(), outputDir);

        if (Boolean.getBoolean("golden.update"))
        {
            update(written);
            return;
        }

        final Path expectedDir = TestSchemas.resource("golden/expected");
        final List<String> expectedNames;
        try (Stream<Path> files = Files.list(expectedDir))
        {
            expectedNames = files.map(f -> f.getFileName().toString())
                .filter(n -> n.endsWith(EXPECTED_SUFFIX))
                .map(n -> n.substring(0, n.length() - EXPECTED_SUFFIX.length()))
                .sorted()
                .toList();
        }
        assertEquals(expectedNames, written.stream().map(GoldenFilesTest::simpleName).sorted().toList(),
            "the classes written differ from the expected files");

        for (final String name : expectedNames)
        {
            final String expected = Files.readString(expectedDir.resolve(name + EXPECTED_SUFFIX));
            final String actual = Files.readString(outputDir.resolve(PACKAGE_DIR).resolve(name + ".java"));
            assertEquals(expected, actual, name + ".java differs from golden/expected/" + name + EXPECTED_SUFFIX +
                "; if the change is meant, rerun with -Dgolden.update=true");
        }
    }

    private void update(final List<String> written) throws Exception
    {
        final Path moduleDir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        final Path expectedDir = moduleDir.resolve("src/test/resources/golden/expected");
        Files.createDirectories(expectedDir);
        try (Stream<Path> files = Files.list(expectedDir))
        {
            for (final Path stale : files.filter(f -> f.toString().endsWith(EXPECTED_SUFFIX)).toList())
            {
                Files.delete(stale);
            }
        }
        for (final String className : written)
        {
            final String name = simpleName(className);
            final String source = Files.readString(outputDir.resolve(PACKAGE_DIR).resolve(name + ".java"));
            Files.writeString(expectedDir.resolve(name + EXPECTED_SUFFIX), source, StandardCharsets.UTF_8);
        }
    }

    private static String simpleName(final String className)
    {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
