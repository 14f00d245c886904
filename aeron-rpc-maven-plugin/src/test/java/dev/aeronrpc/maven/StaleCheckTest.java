package dev.aeronrpc.maven;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StaleCheckTest
{
    @TempDir
    Path dir;

    private Path a;
    private Path b;
    private Path output;
    private StaleCheck check;

    @BeforeEach
    void setUp() throws Exception
    {
        a = TestSchemas.write(dir.resolve("a.xml"), "a");
        b = TestSchemas.write(dir.resolve("b.xml"), "b");
        output = Files.createDirectories(dir.resolve("out"));
        check = new StaleCheck(dir.resolve("target/record.inputs"));
    }

    @Test
    void shouldBeStaleWithoutARecord() throws Exception
    {
        assertFalse(check.isUpToDate(inputs(a, b)));
    }

    @Test
    void shouldBeUpToDateWithTheSameInputsAndNoNewerSchema() throws Exception
    {
        check.record(inputs(a, b));

        assertTrue(check.isUpToDate(inputs(a, b)));
    }

    @Test
    void shouldBeStaleWhenASchemaChangedAfterTheRecord() throws Exception
    {
        check.record(inputs(a, b));
        TestSchemas.touch(b);

        assertFalse(check.isUpToDate(inputs(a, b)));
    }

    @Test
    void shouldBeStaleWhenASchemaWasAdded() throws Exception
    {
        check.record(inputs(a));

        assertFalse(check.isUpToDate(inputs(a, b)));
    }

    @Test
    void shouldBeStaleWhenASchemaWasRemoved() throws Exception
    {
        check.record(inputs(a, b));

        assertFalse(check.isUpToDate(inputs(a)));
    }

    @Test
    void shouldBeStaleWhenASchemaFileIsGone() throws Exception
    {
        check.record(inputs(a, b));
        Files.delete(b);

        assertFalse(check.isUpToDate(inputs(a, b)));
    }

    @Test
    void shouldBeStaleWhenTheGeneratorChanged() throws Exception
    {
        check.record(inputs(a));

        assertFalse(check.isUpToDate(new GenerationInputs(List.of(a), output, "codegen.jar 2 bytes")));
    }

    @Test
    void shouldBeStaleWhenTheOutputIsGone() throws Exception
    {
        check.record(inputs(a));
        Files.delete(output);

        assertFalse(check.isUpToDate(inputs(a)));
    }

    @Test
    void shouldBeStaleOnceForgotten() throws Exception
    {
        check.record(inputs(a));
        check.forget();

        assertFalse(Files.exists(check.recordFile()));
        assertFalse(check.isUpToDate(inputs(a)));
    }

    private GenerationInputs inputs(final Path... schemas)
    {
        return new GenerationInputs(List.of(schemas), output, "codegen.jar 1 bytes");
    }
}
