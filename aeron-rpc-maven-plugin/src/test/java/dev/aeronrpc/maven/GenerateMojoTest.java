package dev.aeronrpc.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The goals as Maven runs them, on a project in a temporary directory, with the real code generator.
 */
class GenerateMojoTest
{
    private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);

    @TempDir
    Path basedir;

    private final RecordingLog log = new RecordingLog();
    private MavenProject project;
    private Path target;
    private Path output;

    @BeforeEach
    void setUp()
    {
        project = new MavenProject();
        project.setFile(basedir.resolve("pom.xml").toFile());
        target = basedir.resolve("target");
        output = target.resolve("generated-sources/rpc");
    }

    @Test
    void shouldGenerateFromTheSchemaDirectoryAndAddTheOutputAsASourceRoot() throws Exception
    {
        TestSchemas.write(basedir.resolve("src/main/sbe/key-value.xml"), TestSchemas.KEY_VALUE);

        generateMojo().execute();

        assertTrue(Files.isRegularFile(output.resolve("test/kv/KeyValueClient.java")));
        assertTrue(Files.isRegularFile(output.resolve("test/kv/KeyValueStub.java")));
        assertTrue(Files.isRegularFile(output.resolve("test/kv/GetResponseDecoder.java")));
        assertTrue(project.getCompileSourceRoots().contains(output.toString()), project.getCompileSourceRoots().toString());
        assertEquals(List.of("key-value.xml: 12 codec files, 3 service files in " + output), log.at("INFO"));
    }

    @Test
    void shouldSkipGenerationWhenNoSchemaChangedButStillAddTheSourceRoot() throws Exception
    {
        TestSchemas.write(basedir.resolve("src/main/sbe/key-value.xml"), TestSchemas.KEY_VALUE);
        generateMojo().execute();
        final Path client = output.resolve("test/kv/KeyValueClient.java");
        Files.setLastModifiedTime(client, LONG_AGO);
        log.lines.clear();

        project = new MavenProject();
        project.setFile(basedir.resolve("pom.xml").toFile());
        generateMojo().execute();

        assertEquals(LONG_AGO, Files.getLastModifiedTime(client), "not written again");
        assertEquals(List.of("Generated code is up to date: key-value.xml unchanged since " + output + " was written"),
            log.at("INFO"));
        assertTrue(project.getCompileSourceRoots().contains(output.toString()));
    }

    @Test
    void shouldRegenerateWhenASchemaChanged() throws Exception
    {
        final Path schema = TestSchemas.write(basedir.resolve("src/main/sbe/key-value.xml"), TestSchemas.KEY_VALUE);
        generateMojo().execute();
        final Path client = output.resolve("test/kv/KeyValueClient.java");
        Files.setLastModifiedTime(client, LONG_AGO);

        TestSchemas.touch(schema);
        generateMojo().execute();

        assertTrue(Files.getLastModifiedTime(client).compareTo(LONG_AGO) > 0, "written again");
    }

    @Test
    void shouldRemoveTheCodeOfARemovedSchema() throws Exception
    {
        TestSchemas.write(basedir.resolve("src/main/sbe/key-value.xml"), TestSchemas.KEY_VALUE);
        final Path other = TestSchemas.write(basedir.resolve("src/main/sbe/other.xml"),
            TestSchemas.schema("test.other", ""));
        generateMojo().execute();
        assertTrue(Files.isRegularFile(output.resolve("test/other/GetRequestEncoder.java")));

        Files.delete(other);
        generateMojo().execute();

        assertFalse(Files.exists(output.resolve("test/other")), "the removed schema's code is gone");
        assertTrue(Files.isRegularFile(output.resolve("test/kv/KeyValueClient.java")));
    }

    @Test
    void shouldTakeSchemaFilesNamedOneByOne() throws Exception
    {
        final Path schema = TestSchemas.write(basedir.resolve("schemas/kv.xml"), TestSchemas.KEY_VALUE);
        final GenerateMojo mojo = generateMojo();
        mojo.schemaFiles = List.of(schema.toFile());

        mojo.execute();

        assertTrue(Files.isRegularFile(output.resolve("test/kv/KeyValue.java")));
    }

    @Test
    void shouldReportEveryProblemOnAnErrorLineOfItsOwnAndFailWithTheirCount() throws Exception
    {
        TestSchemas.write(basedir.resolve("src/main/sbe/bad.xml"), TestSchemas.TWO_PROBLEMS);
        TestSchemas.write(basedir.resolve("src/main/sbe/good.xml"), TestSchemas.KEY_VALUE);

        final MojoFailureException ex = assertThrows(MojoFailureException.class, () -> generateMojo().execute());

        assertEquals("2 problems in bad.xml, listed above; nothing was generated from it", ex.getMessage());
        final List<String> errors = log.at("ERROR");
        assertEquals(2, errors.size(), errors.toString());
        final int putLine = TestSchemas.lineOf(TestSchemas.TWO_PROBLEMS, "NoSuchRequest");
        final int getLine = TestSchemas.lineOf(TestSchemas.TWO_PROBLEMS, "name=\"get\"");
        assertTrue(errors.get(0).startsWith("bad.xml:" + putLine + ": service KeyValue method put: "), errors.get(0));
        assertTrue(errors.get(0).contains("NoSuchRequest"), errors.get(0));
        assertTrue(errors.get(1).startsWith("bad.xml:" + getLine + ": service KeyValue method get: "), errors.get(1));
        assertTrue(Files.isRegularFile(output.resolve("test/kv/KeyValue.java")), "the good schema was generated");
        assertFalse(project.getCompileSourceRoots().contains(output.toString()));
    }

    @Test
    void shouldGenerateAgainAfterAFailedRun() throws Exception
    {
        final Path schema = TestSchemas.write(basedir.resolve("src/main/sbe/kv.xml"), TestSchemas.TWO_PROBLEMS);
        assertThrows(MojoFailureException.class, () -> generateMojo().execute());

        TestSchemas.write(schema, TestSchemas.KEY_VALUE); // fixed, but dated before the failed run
        generateMojo().execute();

        assertTrue(Files.isRegularFile(output.resolve("test/kv/KeyValue.java")));
    }

    @Test
    void shouldWarnAndAddNothingWithoutSchemas() throws Exception
    {
        generateMojo().execute();

        assertEquals(1, log.at("WARN").size(), log.lines.toString());
        assertTrue(log.at("WARN").get(0).startsWith("No schema to generate from"), log.lines.toString());
        assertFalse(project.getCompileSourceRoots().contains(output.toString()));
    }

    @Test
    void shouldLeaveAnOutputDirectoryOutsideTheBuildDirectoryUncleared() throws Exception
    {
        TestSchemas.write(basedir.resolve("src/main/sbe/kv.xml"), TestSchemas.KEY_VALUE);
        final Path handWritten = TestSchemas.write(basedir.resolve("src/main/java/Mine.java"), "class Mine {}");
        final GenerateMojo mojo = generateMojo();
        mojo.outputDirectory = basedir.resolve("src/main/java").toFile();

        mojo.execute();

        assertTrue(Files.isRegularFile(handWritten));
        assertTrue(Files.isRegularFile(basedir.resolve("src/main/java/test/kv/KeyValue.java")));
    }

    @Test
    void shouldGenerateTestSchemasIntoTheTestSources() throws Exception
    {
        TestSchemas.write(basedir.resolve("src/test/sbe/kv.xml"), TestSchemas.KEY_VALUE);
        final Path testOutput = target.resolve("generated-test-sources/rpc");

        generateTestMojo().execute();

        assertTrue(Files.isRegularFile(testOutput.resolve("test/kv/KeyValueStub.java")));
        assertTrue(project.getTestCompileSourceRoots().contains(testOutput.toString()));
        assertFalse(project.getCompileSourceRoots().contains(testOutput.toString()));
    }

    @Test
    void shouldKeepOneRecordPerGoal() throws Exception
    {
        TestSchemas.write(basedir.resolve("src/main/sbe/kv.xml"), TestSchemas.KEY_VALUE);
        TestSchemas.write(basedir.resolve("src/test/sbe/kv.xml"), TestSchemas.KEY_VALUE);

        generateMojo().execute();
        generateTestMojo().execute();

        assertTrue(Files.isRegularFile(target.resolve("aeron-rpc-maven-plugin/main-default.inputs")));
        assertTrue(Files.isRegularFile(target.resolve("aeron-rpc-maven-plugin/test-default.inputs")));
    }

    @Test
    void shouldSkipTestSchemasWhenTestCompilationIsSkipped() throws Exception
    {
        TestSchemas.write(basedir.resolve("src/test/sbe/kv.xml"), TestSchemas.KEY_VALUE);
        final GenerateTestMojo mojo = generateTestMojo();
        mojo.skipTestCompilation = true;

        mojo.execute();

        assertFalse(Files.exists(target.resolve("generated-test-sources")));
        assertTrue(project.getTestCompileSourceRoots().isEmpty());
    }

    private GenerateMojo generateMojo()
    {
        final GenerateMojo mojo = new GenerateMojo();
        configure(mojo);
        mojo.schemaDirectory = basedir.resolve("src/main/sbe").toFile();
        mojo.outputDirectory = output.toFile();
        return mojo;
    }

    private GenerateTestMojo generateTestMojo()
    {
        final GenerateTestMojo mojo = new GenerateTestMojo();
        configure(mojo);
        mojo.schemaDirectory = basedir.resolve("src/test/sbe").toFile();
        mojo.outputDirectory = target.resolve("generated-test-sources/rpc").toFile();
        return mojo;
    }

    private void configure(final AbstractGenerateMojo mojo)
    {
        mojo.setLog(log);
        mojo.project = project;
        mojo.buildDirectory = target.toFile();
        mojo.clearOutputDirectory = true;
    }
}
