package dev.aeronrpc.codegen;

import dev.aeronrpc.codegen.parse.SchemaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RpcCodegenTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @Test
    void shouldGenerateEachSchemaAndReportWhatItWrote()
    {
        final Path bank = TestSchemas.resource("golden/bank.xml");
        final Path messagesOnly = TestSchemas.write(dir, "messages.xml", TestSchemas.schemaText(""));
        final Path outputDir = dir.resolve("out");

        final int status = run("--output", outputDir.toString(), bank.toString(), messagesOnly.toString());

        assertEquals(RpcCodegen.EXIT_OK, status, errText());
        final String[] lines = outText().split("\\R");
        assertEquals(2, lines.length, outText());
        assertEquals("bank.xml: 21 codec files, 9 service files in " + outputDir, lines[0]);
        assertTrue(lines[1].startsWith("messages.xml: "), lines[1]);
        assertTrue(Files.isRegularFile(outputDir.resolve("dev/aeronrpc/codegen/golden/BankClient.java")));
        assertTrue(Files.isRegularFile(outputDir.resolve("dev/aeronrpc/codegen/golden/BalanceDecoder.java")));
        assertTrue(Files.isRegularFile(outputDir.resolve("test/pkg/PingEncoder.java")));
    }

    @Test
    void shouldAcceptOutputWithEqualsSign()
    {
        final int status = run("--output=" + dir.resolve("out"), TestSchemas.resource("golden/bank.xml").toString());

        assertEquals(RpcCodegen.EXIT_OK, status, errText());
        assertTrue(Files.isRegularFile(dir.resolve("out/dev/aeronrpc/codegen/golden/Bank.java")));
    }

    @Test
    void shouldReturnSummaryFromGenerate() throws Exception
    {
        final GenerationSummary summary = RpcCodegen.generate(TestSchemas.resource("golden/bank.xml"), dir);

        assertEquals(9, summary.serviceClasses().size());
        assertTrue(summary.serviceClasses().contains("dev.aeronrpc.codegen.golden.BankStub"));
        assertTrue(summary.codecClasses().contains("dev.aeronrpc.codegen.golden.MessageHeaderDecoder"));
    }

    @Test
    void shouldCountEachFileWrittenOnceInTheSummary() throws Exception
    {
        // SBE writes the message header's codecs twice (as the header and as a composite type); they are two files.
        final GenerationSummary summary = RpcCodegen.generate(TestSchemas.resource("golden/bank.xml"), dir);

        final long filesWritten;
        try (Stream<Path> files = Files.walk(dir))
        {
            filesWritten = files.filter(file -> file.toString().endsWith(".java")).count();
        }
        assertEquals(Set.copyOf(summary.codecClasses()).size(), summary.codecClasses().size(),
            summary.codecClasses().toString());
        assertEquals(1, Collections.frequency(summary.codecClasses(), "dev.aeronrpc.codegen.golden.MessageHeaderEncoder"));
        assertEquals(filesWritten, summary.codecClasses().size() + summary.serviceClasses().size());
        assertEquals("bank.xml: " + (filesWritten - 9) + " codec files, 9 service files in " + dir, summary.describe());
    }

    @Test
    void shouldPrintProblemsAndFailOnARefusedSchema()
    {
        final Path bad = TestSchemas.write(dir, "bad.xml", TestSchemas.schemaText("<rpc:service name=\"Bank\"/>"));

        final int status = run("--output", dir.resolve("out").toString(), bad.toString());

        assertEquals(RpcCodegen.EXIT_FAILED, status);
        assertTrue(errText().contains("bad.xml:"), errText());
        assertTrue(errText().contains(": service Bank: missing attribute id"), errText());
        assertTrue(errText().contains("bad.xml: refused, 1 problem; nothing written"), errText());
        assertFalse(Files.exists(dir.resolve("out")), "nothing is written for a refused schema");
    }

    @Test
    void shouldCarryOnAfterAFailedSchema()
    {
        final Path bad = TestSchemas.write(dir, "bad.xml", TestSchemas.schemaText("<rpc:service name=\"Bank\"/>"));
        final Path good = TestSchemas.write(dir, "good.xml", TestSchemas.schemaText(""));

        final int status = run("--output", dir.resolve("out").toString(), bad.toString(), good.toString());

        assertEquals(RpcCodegen.EXIT_FAILED, status);
        assertTrue(outText().startsWith("good.xml: "), outText());
    }

    @Test
    void shouldFailOnAMissingFile()
    {
        final int status = run("--output", dir.toString(), dir.resolve("absent.xml").toString());

        assertEquals(RpcCodegen.EXIT_FAILED, status);
        assertTrue(errText().contains("absent.xml"), errText());
    }

    @Test
    void shouldPrintUsageWithoutSchema()
    {
        assertEquals(RpcCodegen.EXIT_USAGE, run("--output", dir.toString()));
        assertTrue(errText().startsWith("error: no schema given"), errText());
        assertTrue(errText().contains("Usage: java -jar codegen-all.jar [--output DIR] SCHEMA.xml..."), errText());
    }

    @Test
    void shouldPrintUsageForUnknownOption()
    {
        assertEquals(RpcCodegen.EXIT_USAGE, run("--verbose", "x.xml"));
        assertTrue(errText().startsWith("error: unknown option --verbose"), errText());
    }

    @Test
    void shouldPrintUsageForOutputWithoutDirectory()
    {
        assertEquals(RpcCodegen.EXIT_USAGE, run("x.xml", "--output"));
        assertTrue(errText().startsWith("error: --output needs a directory"), errText());
    }

    @Test
    void shouldPrintHelp()
    {
        assertEquals(RpcCodegen.EXIT_OK, run("--help"));
        assertTrue(outText().startsWith("Usage: "), outText());
    }

    @Test
    void shouldThrowFromMainRatherThanExitWhenHosted()
    {
        // Under Maven's exec:java, as here under surefire, main must not end the JVM: it throws instead.
        final PrintStream systemErr = System.err;
        final IllegalStateException ex;
        try
        {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8)); // keep the usage out of the build log
            ex = assertThrows(IllegalStateException.class, () -> RpcCodegen.main(new String[]{ "--no-such-option" }));
        }
        finally
        {
            System.setErr(systemErr);
        }

        assertTrue(ex.getMessage().contains("exit status 2"), ex.getMessage());
    }

    @Test
    void shouldThrowSchemaExceptionFromGenerate()
    {
        final Path bad = TestSchemas.write(dir, "bad.xml", TestSchemas.schemaText("<rpc:service id=\"1\"/>"));

        final SchemaException ex = assertThrows(SchemaException.class, () -> RpcCodegen.generate(bad, dir));

        assertEquals(1, ex.problems().size());
        assertEquals("bad.xml", ex.fileName());
    }

    private int run(final String... args)
    {
        return RpcCodegen.run(args,
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String outText()
    {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String errText()
    {
        return err.toString(StandardCharsets.UTF_8);
    }
}
