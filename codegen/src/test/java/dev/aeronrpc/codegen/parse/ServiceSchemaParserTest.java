package dev.aeronrpc.codegen.parse;

import dev.aeronrpc.codegen.TestSchemas;
import dev.aeronrpc.codegen.model.Delivery;
import dev.aeronrpc.codegen.model.MethodDefinition;
import dev.aeronrpc.codegen.model.MethodKind;
import dev.aeronrpc.codegen.model.ServiceDefinition;
import dev.aeronrpc.codegen.model.ServiceSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceSchemaParserTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReadServicesMethodsAndSchemaIdentity() throws Exception
    {
        final Path file = TestSchemas.resource("golden/bank.xml");
        final ServiceSchema schema = ServiceSchemaParser.parse(file).services();

        assertEquals("bank.xml", schema.fileName());
        assertEquals("dev.aeronrpc.codegen.golden", schema.packageName());
        assertEquals(901, schema.schemaId());
        assertEquals(2, schema.schemaVersion());
        assertEquals(List.of("Echo", "Bank", "Idle"), schema.services().stream().map(ServiceDefinition::name).toList());

        final ServiceDefinition bank = schema.services().get(1);
        assertEquals(2, bank.id());
        assertTrue(bank.description().startsWith("Accounts holding money."));
        assertEquals(TestSchemas.lineOf(java.nio.file.Files.readString(file), "<rpc:service name=\"Bank\""),
            bank.line());

        assertEquals(new MethodDefinition("deposit", 1, MethodKind.UNARY, "DepositRequest", "Balance",
            Delivery.AT_MOST_ONCE, "Adds to an account and answers with the new balance.",
            bank.methods().get(0).line()), bank.methods().get(0));
        assertEquals(Delivery.EXACTLY_ONCE, bank.methods().get(3).delivery());
        assertEquals(Delivery.AT_LEAST_ONCE, schema.services().get(0).methods().get(1).delivery());
        assertEquals("", schema.services().get(0).methods().get(1).description());
    }

    @Test
    void shouldDefaultDeliveryToAtMostOnce() throws Exception
    {
        final Path file = TestSchemas.write(dir, "s.xml", TestSchemas.schemaText("""
            <rpc:service name="Bank" id="2">
                <rpc:method name="deposit" id="1" kind="unary" request="Ping" response="Pong"/>
            </rpc:service>
            """));

        final MethodDefinition method = ServiceSchemaParser.parse(file).services().services().get(0).methods().get(0);

        assertEquals(Delivery.AT_MOST_ONCE, method.delivery());
    }

    @Test
    void shouldReadASchemaWithoutServices() throws Exception
    {
        final ParsedSchema parsed = ServiceSchemaParser.parse(
            TestSchemas.write(dir, "protocol.xml", TestSchemas.schemaText("")));

        assertTrue(parsed.services().services().isEmpty());
        assertEquals(2, parsed.sbeSchema().messages().size());
    }

    @Test
    void shouldIgnoreAttributesOfOtherNamespaces() throws Exception
    {
        final Path file = TestSchemas.write(dir, "s.xml", TestSchemas.schemaText("""
            <rpc:service xmlns:doc="urn:doc" name="Bank" id="2" doc:owner="payments"/>
            """));

        assertEquals(1, ServiceSchemaParser.parse(file).services().services().size());
    }
}
