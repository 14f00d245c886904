package dev.aeronrpc.examples;

import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.RpcConfiguration;
import dev.aeronrpc.core.RpcMediaDriver;
import dev.aeronrpc.examples.api.BankStub;
import dev.aeronrpc.examples.api.EchoStub;
import dev.aeronrpc.examples.api.MarketStub;
import dev.aeronrpc.server.RpcServer;

import java.io.PrintStream;

/**
 * The demo: one embedded media driver, and on it a server and a client in this process, first over IPC (shared
 * memory), then over UDP on the loopback interface. Prints every call, then a summary. Exits 1 if any call ended
 * other than as expected.
 */
public final class DemoMain
{
    private DemoMain()
    {
    }

    public static void main(final String[] args)
    {
        final int exitCode = run(System.out);
        if (0 != exitCode)
        {
            System.exit(exitCode);
        }
    }

    /**
     * Runs the demo.
     *
     * @param out where to print.
     * @return 0 when every call ended as expected, else 1.
     */
    static int run(final PrintStream out)
    {
        final String idle = System.getProperty(RpcConfiguration.IDLE_STRATEGY_PROP_NAME, RpcConfiguration.IDLE_STRATEGY_DEFAULT);
        out.println("aeron-rpc demo");
        out.println("One embedded media driver (SHARED threading: one thread for conductor, sender and receiver;");
        out.println("idle strategy '" + idle + "'), one server thread, and this thread calling. Over each transport the");
        out.println("client makes calls that succeed, calls that fail on purpose, and a burst of timed echoes.");

        int calls = 0;
        int succeeded = 0;
        int failedAsExpected = 0;
        int failedUnexpectedly = 0;
        final StringBuilder latencies = new StringBuilder();

        try (RpcMediaDriver driver = RpcMediaDriver.launch())
        {
            out.println("media driver directory: " + driver.aeronDirectoryName());
            final String[][] transports = {
                {"IPC", "aeron:ipc", "shared memory between threads or processes of one host"},
                {"UDP", "aeron:udp?endpoint=localhost:0", "datagrams, here on the loopback interface"},
            };
            long accountId = 1;
            for (final String[] transport : transports)
            {
                out.println();
                out.println("== " + transport[0] + ": " + transport[2]);
                final RpcServer.Context serverCtx = new RpcServer.Context()
                    .aeronDirectoryName(driver.aeronDirectoryName())
                    .channel(transport[1])
                    .addService(new EchoStub(new EchoService()))
                    .addService(new BankStub(new BankService()))
                    .addService(new MarketStub(new MarketService()))
                    .sessionListener(new PrintingSessionListener(out));
                try (RpcServer server = RpcServer.launch(serverCtx);
                    RpcClient client = RpcClient.connect(new RpcClient.Context()
                        .aeronDirectoryName(driver.aeronDirectoryName())
                        .requestChannel(server.channel())))
                {
                    out.println("server listening on " + server.channel() + ", client " + client.clientId() +
                        " connected as session " + client.sessionId());
                    final ExampleCalls run = new ExampleCalls(client, out).run(accountId++);
                    calls += run.calls();
                    succeeded += run.succeeded();
                    failedAsExpected += run.failedAsExpected();
                    failedUnexpectedly += run.failedUnexpectedly();
                    latencies.append(String.format("%n  %s echo round trip: median %s, p99 %s",
                        transport[0], ExampleCalls.micros(run.percentile(0.5)), ExampleCalls.micros(run.percentile(0.99))));
                }
            }
        }

        out.println();
        out.printf("summary: %d calls: %d succeeded, %d failed as expected, %d failed unexpectedly%s%n",
            calls, succeeded, failedAsExpected, failedUnexpectedly, latencies);
        return 0 == failedUnexpectedly ? 0 : 1;
    }
}
