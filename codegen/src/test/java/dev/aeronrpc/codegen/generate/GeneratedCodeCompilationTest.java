package dev.aeronrpc.codegen.generate;

import dev.aeronrpc.codegen.GenerationSummary;
import dev.aeronrpc.codegen.RpcCodegen;
import dev.aeronrpc.codegen.TestSchemas;
import dev.aeronrpc.codegen.model.JavaNames;
import org.agrona.sbe.MessageDecoderFlyweight;
import org.agrona.sbe.MessageEncoderFlyweight;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compiles the SBE codecs the generator writes for the golden schema, in memory with every lint warning an error.
 * The service files need the runtime: rpc-core's build compiles them from its test schema and its tests call
 * through them, and the golden files here keep their text under review.
 */
class GeneratedCodeCompilationTest
{
    private static final String PACKAGE = "dev.aeronrpc.codegen.golden.";
    private static final List<String> MESSAGES = List.of(
        "EchoRequest", "EchoReply", "ping", "DepositRequest", "WithdrawRequest", "BalanceRequest", "Balance");

    @TempDir
    Path outputDir;

    private GenerationSummary summary;

    @BeforeEach
    void generate() throws Exception
    {
        summary = RpcCodegen.generate(TestSchemas.resource("golden/bank.xml"), outputDir);
    }

    @Test
    void shouldGenerateCodecsThatImplementAgronaFlyweights() throws Exception
    {
        final ClassLoader loader = InMemoryCompiler.compile(sources(summary.codecClasses()));

        for (final String message : MESSAGES)
        {
            final Class<?> encoder = loader.loadClass(PACKAGE + JavaNames.encoderName(message));
            final Class<?> decoder = loader.loadClass(PACKAGE + JavaNames.decoderName(message));
            assertTrue(MessageEncoderFlyweight.class.isAssignableFrom(encoder), encoder.getName());
            assertTrue(MessageDecoderFlyweight.class.isAssignableFrom(decoder), decoder.getName());
        }
    }

    @Test
    void shouldNameCodecsAsJavaNamesExpects()
    {
        // The service code refers to codecs by the names JavaNames forms; SBE must form the same ones.
        assertTrue(summary.codecClasses().contains(PACKAGE + "PingEncoder"), summary.codecClasses().toString());
        assertTrue(summary.codecClasses().contains(PACKAGE + "PingDecoder"), summary.codecClasses().toString());
        assertTrue(summary.codecClasses().contains(PACKAGE + "Status"), summary.codecClasses().toString());
    }

    @Test
    void shouldWriteNoServiceFilesForASchemaWithoutServices(@TempDir final Path protocolOutput) throws Exception
    {
        final Path protocol = TestSchemas.write(protocolOutput, "messages-only.xml", TestSchemas.schemaText(""));
        final GenerationSummary messagesOnly = RpcCodegen.generate(protocol, protocolOutput.resolve("out"));

        assertTrue(messagesOnly.serviceClasses().isEmpty());
        assertFalse(messagesOnly.codecClasses().isEmpty());
        InMemoryCompiler.compile(sources(messagesOnly.codecClasses(), protocolOutput.resolve("out")));
    }

    private Map<String, String> sources(final List<String> classNames) throws IOException
    {
        return sources(classNames, outputDir);
    }

    private static Map<String, String> sources(final List<String> classNames, final Path root) throws IOException
    {
        final Map<String, String> sources = new LinkedHashMap<>();
        for (final String className : classNames)
        {
            sources.put(className, Files.readString(root.resolve(className.replace('.', '/') + ".java")));
        }
        return sources;
    }
}
