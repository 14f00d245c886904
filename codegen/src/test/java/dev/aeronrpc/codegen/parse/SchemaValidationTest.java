package dev.aeronrpc.codegen.parse;

import dev.aeronrpc.codegen.TestSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per reason to refuse a schema, each checking the whole message: file, line, service, method, problem.
 * The schemas declare messages Ping and Pong and an enum Color ({@link TestSchemas#schemaText(String)}).
 */
class SchemaValidationTest
{
    private static final String FILE = "bank.xml";

    @TempDir
    Path dir;

    @Test
    void shouldRejectRequestNamingAnUndeclaredMessage()
    {
        assertOnlyProblem(
            service("<rpc:method name=\"deposit\" id=\"1\" kind=\"unary\" request=\"DepositReq\" response=\"Pong\"/>"),
            "name=\"deposit\"",
            "service Bank method deposit: request names message DepositReq, which the schema does not declare");
    }

    @Test
    void shouldRejectResponseNamingAnUndeclaredMessage()
    {
        assertOnlyProblem(
            service("<rpc:method name=\"deposit\" id=\"1\" kind=\"unary\" request=\"Ping\" response=\"pong\"/>"),
            "name=\"deposit\"",
            "service Bank method deposit: response names message pong, which the schema does not declare");
    }

    @Test
    void shouldRejectDuplicateServiceIds()
    {
        final String text = """
            <rpc:service name="Bank" id="2"/>
            <rpc:service name="Vault" id="2"/>
            """;
        assertOnlyProblem(text, "name=\"Vault\"",
            "service Vault: service id 2 is already used by service Bank (line " + line(text, "name=\"Bank\"") + ")");
    }

    @Test
    void shouldRejectDuplicateServiceNames()
    {
        final String text = """
            <rpc:service name="Bank" id="2"/>
            <rpc:service name="Bank" id="3"/>
            """;
        assertOnlyProblem(text, "name=\"Bank\" id=\"3\"",
            "service Bank: service name Bank is already used by the service on line " +
            line(text, "name=\"Bank\" id=\"2\""));
    }

    @Test
    void shouldRejectDuplicateMethodIds()
    {
        final String text = service("""
            <rpc:method name="deposit" id="1" kind="unary" request="Ping" response="Pong"/>
            <rpc:method name="withdraw" id="1" kind="unary" request="Ping" response="Pong"/>
            """);
        assertOnlyProblem(text, "name=\"withdraw\"", "service Bank method withdraw: method id 1 is already used by " +
            "method deposit (line " + line(text, "name=\"deposit\"") + ")");
    }

    @Test
    void shouldRejectDuplicateMethodNames()
    {
        final String text = service("""
            <rpc:method name="deposit" id="1" kind="unary" request="Ping" response="Pong"/>
            <rpc:method name="deposit" id="2" kind="unary" request="Ping" response="Pong"/>
            """);
        assertOnlyProblem(text, "name=\"deposit\" id=\"2\"", "service Bank method deposit: method name deposit " +
            "is already used by the method on line " + line(text, "name=\"deposit\" id=\"1\""));
    }

    @Test
    void shouldAcceptTheSameMethodNameAndIdInTwoServices() throws Exception
    {
        final String text = """
            <rpc:service name="Bank" id="2">
                <rpc:method name="deposit" id="1" kind="unary" request="Ping" response="Pong"/>
            </rpc:service>
            <rpc:service name="Vault" id="3">
                <rpc:method name="deposit" id="1" kind="unary" request="Ping" response="Pong"/>
            </rpc:service>
            """;
        assertEquals(2, ServiceSchemaParser.parse(write(text)).services().services().size());
    }

    @Test
    void shouldRejectMethodIdConstantsThatClash()
    {
        final String text = service("""
            <rpc:method name="fooBar" id="1" kind="unary" request="Ping" response="Pong"/>
            <rpc:method name="foo_bar" id="2" kind="unary" request="Ping" response="Pong"/>
            """);
        assertOnlyProblem(text, "name=\"foo_bar\"", "service Bank method foo_bar: its id constant " +
            "FOO_BAR_METHOD_ID is also that of method fooBar (line " + line(text, "name=\"fooBar\"") + ")");
    }

    @Test
    void shouldRejectMissingKind()
    {
        assertOnlyProblem(service("<rpc:method name=\"deposit\" id=\"1\" request=\"Ping\" response=\"Pong\"/>"),
            "name=\"deposit\"", "service Bank method deposit: missing attribute kind (expected one of unary, " +
            "server-stream, client-stream, bidi-stream, one-way)");
    }

    @Test
    void shouldRejectUnknownKind()
    {
        assertOnlyProblem(
            service("<rpc:method name=\"deposit\" id=\"1\" kind=\"Unary\" request=\"Ping\" response=\"Pong\"/>"),
            "name=\"deposit\"", "service Bank method deposit: unknown kind 'Unary' (expected one of unary, " +
            "server-stream, client-stream, bidi-stream, one-way)");
    }

    @ParameterizedTest
    @ValueSource(strings = { "unary", "server-stream", "client-stream", "bidi-stream" })
    void shouldAcceptEveryKindWithARequestAndAResponse(final String kind) throws Exception
    {
        final String text = service("<rpc:method name=\"deposit\" id=\"1\" kind=\"" + kind + "\" request=\"Ping\" " +
            "response=\"Pong\"/>");
        assertEquals(1, ServiceSchemaParser.parse(write(text)).services().services().get(0).methods().size());
    }

    @Test
    void shouldRejectAOneWayMethodWithAResponse()
    {
        assertOnlyProblem(
            service("<rpc:method name=\"deposit\" id=\"1\" kind=\"one-way\" request=\"Ping\" response=\"Pong\"/>"),
            "name=\"deposit\"", "service Bank method deposit: a one-way method has no response");
    }

    @Test
    void shouldRejectAOneWayMethodThatRetries()
    {
        assertOnlyProblem(
            service("<rpc:method name=\"deposit\" id=\"1\" kind=\"one-way\" request=\"Ping\" " +
                "delivery=\"exactly-once\"/>"),
            "name=\"deposit\"",
            "service Bank method deposit: a one-way method is never answered, so it can only be at-most-once");
    }

    @Test
    void shouldRejectAStreamThatRetries()
    {
        assertOnlyProblem(
            service("<rpc:method name=\"deposit\" id=\"1\" kind=\"server-stream\" request=\"Ping\" " +
                "response=\"Pong\" delivery=\"at-least-once\"/>"),
            "name=\"deposit\"",
            "service Bank method deposit: a stream is never sent again, so it can only be at-most-once");
    }

    @Test
    void shouldAcceptAOneWayMethodWithoutAResponse() throws Exception
    {
        final String text = service("<rpc:method name=\"note\" id=\"1\" kind=\"one-way\" request=\"Ping\"/>");
        assertEquals(1, ServiceSchemaParser.parse(write(text)).services().services().get(0).methods().size());
    }

    @Test
    void shouldRejectUnknownDelivery()
    {
        assertOnlyProblem(service("<rpc:method name=\"deposit\" id=\"1\" kind=\"unary\" request=\"Ping\" " +
            "response=\"Pong\" delivery=\"twice\"/>"),
            "name=\"deposit\"", "service Bank method deposit: unknown delivery 'twice' (expected one of " +
            "at-most-once, at-least-once, exactly-once)");
    }

    @Test
    void shouldRejectServiceWithoutName()
    {
        assertOnlyProblem("<rpc:service id=\"2\"/>", "<rpc:service", "service (unnamed): missing attribute name");
    }

    @Test
    void shouldRejectMethodWithoutName()
    {
        assertOnlyProblem(service("<rpc:method id=\"1\" kind=\"unary\" request=\"Ping\" response=\"Pong\"/>"),
            "<rpc:method", "service Bank method (unnamed): missing attribute name");
    }

    @Test
    void shouldRejectMissingId()
    {
        assertOnlyProblem(service("<rpc:method name=\"deposit\" kind=\"unary\" request=\"Ping\" response=\"Pong\"/>"),
            "name=\"deposit\"", "service Bank method deposit: missing attribute id");
    }

    @Test
    void shouldRejectNonNumericId()
    {
        assertOnlyProblem("<rpc:service name=\"Bank\" id=\"two\"/>", "name=\"Bank\"",
            "service Bank: id 'two' is not a number");
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "-1", "2147483648", "99999999999999999999" })
    void shouldRejectIdsOutOfRange(final String id)
    {
        assertOnlyProblem(
            service("<rpc:method name=\"deposit\" id=\"" + id + "\" kind=\"unary\" request=\"Ping\" " +
                "response=\"Pong\"/>"),
            "name=\"deposit\"",
            "service Bank method deposit: id " + id + " is out of range: ids go from 1 to 2147483647");
    }

    @Test
    void shouldRejectNamesThatAreNotJavaIdentifiers()
    {
        assertOnlyProblem("<rpc:service name=\"my-bank\" id=\"2\"/>", "name=\"my-bank\"",
            "service my-bank: name 'my-bank' is not a valid Java identifier");
    }

    @Test
    void shouldRejectUnknownAttributes()
    {
        assertOnlyProblem(service("<rpc:method name=\"deposit\" id=\"1\" kind=\"unary\" request=\"Ping\" " +
            "respone=\"Pong\" response=\"Pong\"/>"),
            "name=\"deposit\"", "service Bank method deposit: unknown attribute respone (expected one of name, " +
            "id, kind, request, response, delivery, description)");
    }

    @Test
    void shouldRejectUnknownRpcElements()
    {
        assertOnlyProblem(service("<rpc:operation name=\"deposit\"/>"), "<rpc:operation",
            "service Bank: unknown element rpc:operation: the rpc namespace has only service and method");
    }

    @Test
    void shouldRejectRpcMessageElements()
    {
        final SchemaException ex = refuse("<rpc:message name=\"Deposit\" id=\"9\"/>");

        // SBE takes it for a message too, and says what it makes of it; ours comes first, with its line.
        assertEquals(FILE + ":" + line("<rpc:message name=\"Deposit\" id=\"9\"/>", "<rpc:message") + ": " +
            "unknown element rpc:message: the rpc namespace has only service and method (messages are sbe:message " +
            "elements; SBE would read this one as a message too)", ex.problems().get(0));
    }

    @Test
    void shouldRejectMethodOutsideAService()
    {
        assertOnlyProblem("<rpc:method name=\"deposit\" id=\"1\" kind=\"unary\" request=\"Ping\" response=\"Pong\"/>",
            "<rpc:method", "rpc:method must be a child of an rpc:service");
    }

    @Test
    void shouldRejectMethodInsideAMethod()
    {
        final String text = service("""
            <rpc:method name="deposit" id="1" kind="unary" request="Ping" response="Pong">
                <rpc:method name="inner" id="2" kind="unary" request="Ping" response="Pong"/>
            </rpc:method>
            """);
        assertOnlyProblem(text, "name=\"inner\"",
            "service Bank method deposit: rpc:method must be a child of an rpc:service");
    }

    @Test
    void shouldRejectServiceOutsideTheRoot()
    {
        final String text = service("<rpc:service name=\"Inner\" id=\"3\"/>");
        assertOnlyProblem(text, "name=\"Inner\"",
            "service Bank: rpc:service must be a child of the messageSchema element");
    }

    @Test
    void shouldRejectAMistypedNamespace()
    {
        final String text = "<rpc:service xmlns:rpc=\"http://aeronrpc.dev/rpc/\" name=\"Bank\" id=\"2\"/>";
        assertOnlyProblem(text, "<rpc:service", "prefix rpc is bound to 'http://aeronrpc.dev/rpc/', not " +
            "http://aeronrpc.dev/rpc: its elements would be ignored");
    }

    @Test
    void shouldRejectANonStandardMessageHeader()
    {
        final String header = TestSchemas.STANDARD_HEADER.replace(
            "<type name=\"version\" primitiveType=\"uint16\"/>", "<type name=\"version\" primitiveType=\"uint32\"/>");
        final String text = TestSchemas.schemaText("", header, "littleEndian");
        final SchemaException ex = refuseText(text);

        assertEquals(List.of(FILE + ":" + TestSchemas.lineOf(text, "<composite name=\"messageHeader\"") +
            ": composite messageHeader: the message header must be the standard one, blockLength, templateId, " +
            "schemaId and version, each a uint16, in that order, since the runtime reads payload headers without the " +
            "schema; found blockLength uint16, templateId uint16, schemaId uint16, version uint32"), ex.problems());
    }

    @Test
    void shouldRejectAMessageHeaderWithFieldsOutOfOrder()
    {
        final String header = """
            <type name="templateId" primitiveType="uint16"/>
            <type name="blockLength" primitiveType="uint16"/>
            <type name="schemaId" primitiveType="uint16"/>
            <type name="version" primitiveType="uint16"/>""";
        final SchemaException ex = assertThrows(SchemaException.class,
            () -> ServiceSchemaParser.parse(write(TestSchemas.schemaText("", header, "littleEndian"), FILE)));

        assertEquals(1, ex.problems().size());
        assertTrue(ex.problems().get(0).endsWith(
            "found templateId uint16, blockLength uint16, schemaId uint16, version uint16"), ex.problems().get(0));
    }

    @Test
    void shouldRejectBigEndianSchemas()
    {
        final String text = TestSchemas.schemaText("", TestSchemas.STANDARD_HEADER, "bigEndian");
        final SchemaException ex = refuseText(text);

        // SAX reports no event before the root to tell where its start tag begins: the line is where it ends.
        assertEquals(List.of(FILE + ":" + TestSchemas.lineOf(text, "byteOrder=") + ": messageSchema: " +
            "byteOrder BIG_ENDIAN is not supported: the runtime reads payload headers as littleEndian"), ex.problems());
    }

    @Test
    void shouldRejectServiceClassesClashingWithCodecs()
    {
        assertOnlyProblem("<rpc:service name=\"Color\" id=\"2\"/>", "<rpc:service",
            "service Color: its generated class Color clashes with the SBE enum Color");
    }

    @Test
    void shouldRejectServiceClassesClashingWithEachOther()
    {
        final String text = """
            <rpc:service name="Bank" id="2"/>
            <rpc:service name="BankClient" id="3"/>
            """;
        assertOnlyProblem(text, "name=\"BankClient\"", "service BankClient: its generated class BankClient clashes " +
            "with the class written for service Bank (line " + line(text, "name=\"Bank\"") + ")");
    }

    @Test
    void shouldRejectServiceNamesTheGeneratedCodeRelyOn()
    {
        assertOnlyProblem("<rpc:service name=\"Codecs\" id=\"2\"/>", "name=\"Codecs\"",
            "service Codecs: its generated class Codecs clashes with a name the generated service code uses");
    }

    @Test
    void shouldReportMalformedXml()
    {
        final String text = TestSchemas.schemaText("<rpc:service name=\"Bank\" id=\"2\">");
        final SchemaException ex = refuseText(text);

        assertEquals(1, ex.problems().size());
        assertTrue(ex.problems().get(0).startsWith(FILE + ":"), ex.problems().get(0));
        assertTrue(ex.problems().get(0).contains("not well-formed XML"), ex.problems().get(0));
    }

    @Test
    void shouldReportWhatSbeRejects()
    {
        final String text = TestSchemas.schemaText("""
            <sbe:message name="Broken" id="3">
                <field name="x" id="1" type="noSuchType"/>
            </sbe:message>
            """);
        final SchemaException ex = refuseText(text);

        assertTrue(ex.problems().stream().anyMatch(p -> p.startsWith(FILE + ": SBE: ") && p.contains("noSuchType")),
            ex.problems().toString());
    }

    @Test
    void shouldReportAllProblemsAtOnce()
    {
        final String text = """
            <rpc:service name="Bank" id="2">
                <rpc:method name="deposit" id="1" request="Nope" response="Pong"/>
                <rpc:method name="deposit" id="x" kind="unary" request="Ping" response="Pong" delivery="often"/>
            </rpc:service>
            <rpc:service name="Vault" id="2"/>
            <rpc:method name="lost" id="9" kind="unary" request="Ping" response="Pong"/>
            """;
        final SchemaException ex = refuse(text);
        final int first = line(text, "name=\"deposit\" id=\"1\"");
        final int second = line(text, "id=\"x\"");

        assertEquals(List.of(
            FILE + ":" + first + ": service Bank method deposit: missing attribute kind (expected one of unary, " +
                "server-stream, client-stream, bidi-stream, one-way)",
            FILE + ":" + first + ": service Bank method deposit: request names message Nope, which the schema does " +
                "not declare",
            FILE + ":" + second + ": service Bank method deposit: id 'x' is not a number",
            FILE + ":" + second + ": service Bank method deposit: unknown delivery 'often' (expected one of " +
                "at-most-once, at-least-once, exactly-once)",
            FILE + ":" + second + ": service Bank method deposit: method name deposit is already used by the method " +
                "on line " + first,
            FILE + ":" + line(text, "name=\"Vault\"") + ": service Vault: service id 2 is already used by service " +
                "Bank (line " + line(text, "name=\"Bank\"") + ")",
            FILE + ":" + line(text, "name=\"lost\"") + ": rpc:method must be a child of an rpc:service"),
            ex.problems());
        assertTrue(ex.getMessage().startsWith(FILE + " has 7 problems:"), ex.getMessage());
    }

    @Test
    void shouldPointAtTheLineWhereAMultiLineElementStarts()
    {
        final String text = service("""
            <!-- a comment -->
            <rpc:method name="deposit"
                        id="1"
                        kind="unary"
                        request="Ping"
                        response="Nope"/>
            """);
        assertOnlyProblem(text, "<rpc:method",
            "service Bank method deposit: response names message Nope, which the schema does not declare");
    }

    private static String service(final String methods)
    {
        return "<rpc:service name=\"Bank\" id=\"2\">\n" + methods + "\n</rpc:service>";
    }

    private void assertOnlyProblem(final String rpcElements, final String marker, final String problem)
    {
        final SchemaException ex = refuse(rpcElements);
        assertEquals(List.of(FILE + ":" + line(rpcElements, marker) + ": " + problem), ex.problems());
    }

    private SchemaException refuseText(final String schemaText)
    {
        return assertThrows(SchemaException.class, () -> ServiceSchemaParser.parse(write(schemaText, FILE)));
    }

    private SchemaException refuse(final String rpcElements)
    {
        return assertThrows(SchemaException.class, () -> ServiceSchemaParser.parse(write(rpcElements)));
    }

    private Path write(final String rpcElements)
    {
        return write(TestSchemas.schemaText(rpcElements), FILE);
    }

    private Path write(final String text, final String name)
    {
        return TestSchemas.write(dir, name, text);
    }

    /**
     * The line of a marker in the schema built around some rpc elements.
     */
    private static int line(final String rpcElements, final String marker)
    {
        final String text = TestSchemas.schemaText(rpcElements);
        return TestSchemas.lineOf(text, marker);
    }
}
