package dev.aeronrpc.labs.stubs.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.codegen.model.MethodKind;
import dev.aeronrpc.core.Delivery;
import dev.aeronrpc.core.RawMessageDecoder;
import dev.aeronrpc.core.RawMessageEncoder;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.gateway.json.JsonMethod;
import dev.aeronrpc.gateway.json.SchemaCatalog;
import dev.aeronrpc.labs.grading.CheckFailure;
import dev.aeronrpc.labs.grading.Checks;
import dev.aeronrpc.labs.grading.Grader;
import dev.aeronrpc.labs.grading.LabDriver;
import dev.aeronrpc.server.RpcServer;
import org.agrona.CloseHelper;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.aeronrpc.labs.grading.CheckFailure.require;

/**
 * Lab 1's grader. It reads the submission's schema as the gateway does (no generated code of its own), runs the
 * submission's service on a real server over IPC, calls every method by JSON, and checks answers and statuses,
 * then runs the submission's client code and counts the calls the server received.
 */
public final class StubsGrader extends Grader<StubsLab>
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVICE = "Calculator";
    private static final String[] METHODS = {"add", "subtract", "divide", "power"};

    public StubsGrader()
    {
        super("lab1-stubs", StubsLab.class);
    }

    @Override
    public String mainSubmission()
    {
        return "dev.aeronrpc.labs.stubs.MyLab";
    }

    @Override
    public String referenceSolution()
    {
        return "dev.aeronrpc.labs.stubs.solution.ReferenceLab";
    }

    @Override
    protected void grade(final StubsLab lab, final Checks checks)
    {
        final SchemaCatalog[] catalog = new SchemaCatalog[1];
        checks.check("schema", "the schema declares Calculator's four unary methods on Operands and Result",
            "README's table lists each method's name, id, kind, messages and delivery; the generator's errors name " +
            "the line", () ->
            {
                catalog[0] = SchemaCatalog.loadResource(lab.schemaResource());
                return checkSchema(catalog[0]);
            });

        if (null == catalog[0])
        {
            try
            {
                catalog[0] = SchemaCatalog.loadResource(lab.schemaResource());
            }
            catch (final RuntimeException ex)
            {
                catalog[0] = null;
            }
        }

        try (LabDriver driver = LabDriver.launch();
            Session session = new Session(driver, lab, catalog[0]))
        {
            checks.check("add", "add answers a + b", "the request decoder has a() and b(); fill the response " +
                "encoder's value()", () -> session.expect("add", new long[][]{{2, 3, 5}, {-7, 4, -3}, {0, 0, 0}}));
            checks.check("subtract", "subtract answers a - b", "declare it in the schema, then override the " +
                "generated interface's default", () -> session.expect("subtract", new long[][]{{9, 4, 5}, {4, 9, -5}}));
            checks.check("divide", "divide answers a / b, rounded toward zero", "Java's / on longs rounds toward " +
                "zero already", () -> session.expect("divide", new long[][]{{7, 2, 3}, {-7, 2, -3}, {6, -3, -2}}));
            checks.check("divide-by-zero", "divide by 0 fails with INVALID_ARGUMENT and a message",
                "throw RpcException with a status; anything else thrown reaches the caller as UNKNOWN",
                () -> session.expectStatus("divide", 1, 0, Status.INVALID_ARGUMENT));
            checks.check("left-out", "power is declared but not implemented, and answers UNIMPLEMENTED",
                "declare it and do not override it: the generated interface's default answers for you",
                () -> session.expectStatus("power", 2, 10, Status.UNIMPLEMENTED));
            checks.check("unknown-method", "a method id the service does not have answers UNIMPLEMENTED",
                "the generated stub's switch on method id does this; make sure your service is the one registered",
                session::unknownMethod);
            checks.check("client-calls", "mean(...) computes the mean through the proxy: n - 1 adds and 1 divide",
                "use the generated CalculatorClient; each blocking call returns a decoder valid until your next call",
                session::clientCalls);
        }
    }

    private static String checkSchema(final SchemaCatalog catalog)
    {
        require(catalog.hasService(SERVICE), "no service named %s in the schema", SERVICE);
        final List<String> problems = new ArrayList<>();
        for (int i = 0; i < METHODS.length; i++)
        {
            final JsonMethod method = catalog.method(SERVICE, METHODS[i]);
            if (null == method)
            {
                problems.add("no method " + METHODS[i]);
                continue;
            }
            if (method.methodId() != i + 1)
            {
                problems.add(METHODS[i] + " has id " + method.methodId() + ", not " + (i + 1));
            }
            if (method.kind() != MethodKind.UNARY)
            {
                problems.add(METHODS[i] + " is " + method.kind().xmlName() + ", not unary");
            }
            if (!"Operands".equals(method.request().name()) || null == method.response() ||
                !"Result".equals(method.response().name()))
            {
                problems.add(METHODS[i] + " must take Operands and answer Result");
            }
            final Delivery expected = "power".equals(METHODS[i]) ? Delivery.AT_MOST_ONCE : Delivery.AT_LEAST_ONCE;
            if (method.delivery() != expected)
            {
                problems.add(METHODS[i] + " is " + method.delivery() + "; expected " + expected +
                    ("power".equals(METHODS[i]) ? " (the default)" : " (a pure function may be retried)"));
            }
        }
        require(problems.isEmpty(), "%s", String.join("; ", problems));
        return "Calculator: add, subtract, divide (at-least-once), power (at-most-once)";
    }

    /** A server running the submission's service and a client of it, for one grading. */
    private static final class Session implements AutoCloseable
    {
        private final StubsLab lab;
        private final SchemaCatalog catalog;
        private final RpcServer server;
        private final RpcClient client;
        private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(128);

        Session(final LabDriver driver, final StubsLab lab, final SchemaCatalog catalog)
        {
            this.lab = lab;
            this.catalog = catalog;
            RpcServer launched = null;
            RpcClient connected = null;
            try
            {
                launched = RpcServer.launch(new RpcServer.Context()
                    .aeronDirectoryName(driver.aeronDirectoryName())
                    .channel("aeron:ipc")
                    .idleStrategySupplier(LabDriver::idleStrategy)
                .errorHandler(LabDriver::ignoreError)
                    .addService(lab.service()));
                connected = RpcClient.connect(new RpcClient.Context()
                    .aeronDirectoryName(driver.aeronDirectoryName())
                    .requestChannel(launched.channel())
                    .callTimeoutNs(TimeUnit.SECONDS.toNanos(5))
                    .idleStrategySupplier(LabDriver::idleStrategy)
                .errorHandler(LabDriver::ignoreError));
            }
            catch (final RuntimeException ex)
            {
                CloseHelper.closeAll(connected, launched);
                launched = null;
                connected = null;
            }
            server = launched;
            client = connected;
        }

        String expect(final String name, final long[][] cases) throws Exception
        {
            final JsonMethod method = method(name);
            final StringBuilder seen = new StringBuilder();
            for (final long[] c : cases)
            {
                final JsonNode answer;
                try
                {
                    answer = call(method, c[0], c[1]);
                }
                catch (final RpcException ex)
                {
                    throw new CheckFailure(name + "(" + c[0] + ", " + c[1] + ") failed with " + ex.status() + ": " +
                        ex.description());
                }
                final long value = answer.path("value").asLong(Long.MIN_VALUE);
                require(value == c[2], "%s(%d, %d) answered %s; expected {\"value\": %d}", name, c[0], c[1],
                    answer, c[2]);
                seen.append(seen.length() == 0 ? "" : ", ").append(name).append('(').append(c[0]).append(", ")
                    .append(c[1]).append(") = ").append(value);
            }
            return seen.toString();
        }

        String expectStatus(final String name, final long a, final long b, final Status expected) throws Exception
        {
            final JsonMethod method = method(name);
            try
            {
                final JsonNode answer = call(method, a, b);
                throw new CheckFailure(name + "(" + a + ", " + b + ") answered " + answer + "; expected " + expected);
            }
            catch (final RpcException ex)
            {
                require(ex.status() == expected, "%s(%d, %d) failed with %s (%s); expected %s", name, a, b,
                    ex.status(), ex.description(), expected);
                require(null != ex.description() && !ex.description().isBlank(),
                    "%s failed with %s but no message: say what was wrong", name, expected);
                return expected + ": " + ex.description();
            }
        }

        String unknownMethod() throws Exception
        {
            requireRunning();
            final JsonMethod add = method("add");
            final JsonMethod missing = JsonMethod.of(SERVICE, add.serviceId(), "missing", 99, MethodKind.UNARY,
                Delivery.AT_MOST_ONCE, add.request(), add.response(), "");
            try
            {
                call(missing, 1, 1);
                throw new CheckFailure("method id 99 answered; expected UNIMPLEMENTED");
            }
            catch (final RpcException ex)
            {
                require(ex.status() == Status.UNIMPLEMENTED, "method id 99 failed with %s; expected UNIMPLEMENTED",
                    ex.status());
                return "UNIMPLEMENTED: " + ex.description();
            }
        }

        String clientCalls()
        {
            requireRunning();
            final long[] values = {10, 20, 33, -4, 6};
            final long before = server.counters().handlerRuns();
            final long mean;
            try
            {
                mean = lab.mean(client, values);
            }
            catch (final RpcException ex)
            {
                throw new CheckFailure("mean failed with " + ex.status() + ": " + ex.description());
            }
            final long runs = server.counters().handlerRuns() - before;
            require(mean == 13, "mean of 10, 20, 33, -4, 6 returned %d; expected 13", mean);
            require(runs == values.length, "the server ran %d calls for a mean of %d values; expected %d " +
                "(%d adds and 1 divide)", runs, values.length, values.length, values.length - 1);
            return "mean 13 from " + runs + " remote calls";
        }

        private JsonMethod method(final String name)
        {
            requireRunning();
            require(null != catalog, "the schema did not load: see the schema check");
            final JsonMethod method = catalog.method(SERVICE, name);
            require(null != method, "the schema has no %s/%s: declare it (step 1)", SERVICE, name);
            return method;
        }

        private void requireRunning()
        {
            require(null != server && null != client, "the service could not be started: see the schema check, " +
                "and that service() returns the generated stub");
        }

        private JsonNode call(final JsonMethod method, final long a, final long b) throws Exception
        {
            final RawMessageEncoder request = method.request().newEncoder();
            final String json = "{\"a\": " + a + ", \"b\": " + b + "}";
            request.wrap(buffer, 0, method.request().encode(JSON.readTree(json), buffer, 0));
            final RawMessageDecoder response = client.call(method.rpcMethod(), request,
                dev.aeronrpc.client.CallOptions.DEFAULT);
            return method.response().decode(response);
        }

        @Override
        public void close()
        {
            CloseHelper.closeAll(client, server);
        }
    }
}
