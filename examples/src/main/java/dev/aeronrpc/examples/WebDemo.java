package dev.aeronrpc.examples;

import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.examples.api.BankStub;
import dev.aeronrpc.examples.api.EchoStub;
import dev.aeronrpc.examples.api.MarketStub;
import dev.aeronrpc.examples.api.OrdersStub;
import dev.aeronrpc.examples.api.TallyStub;
import dev.aeronrpc.gateway.WebSocketGateway;
import dev.aeronrpc.gateway.json.SchemaCatalog;
import dev.aeronrpc.server.ResponseFilter;
import dev.aeronrpc.server.RpcServer;
import org.agrona.CloseHelper;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The web demo in one process: a server of every example service (Echo, Bank, Market, Tally, Orders), a client of
 * it, and a WebSocket gateway in front of that client serving the example page in {@code web/} from the class
 * path and the gateway's console, which shows the client's and the server's counters side by side.
 * <p>
 * With answers lost on purpose ({@link #launch(RpcServer.Context, RpcClient.Context, WebSocketGateway.Context,
 * double)}), a unary call's answer is dropped after its handler ran, as a server that crashed between work and
 * reply would: the client sends again, and for an exactly-once method the server answers the repeat from memory
 * without running the handler twice, which the console's counters show as it happens.
 */
public final class WebDemo implements AutoCloseable
{
    /** Where the example schema lies in the jar. */
    public static final String SCHEMA_RESOURCE = "schemas/examples.xml";

    private final RpcServer server;
    private final RpcClient client;
    private final WebSocketGateway gateway;

    private WebDemo(final RpcServer server, final RpcClient client, final WebSocketGateway gateway)
    {
        this.server = server;
        this.client = client;
        this.gateway = gateway;
    }

    /**
     * Starts the server, its client and the gateway, losing nothing.
     *
     * @param serverCtx  the server's settings, services not yet added.
     * @param clientCtx  the client's settings, channel and driver not yet set: they are the server's.
     * @param gatewayCtx the gateway's settings, client, catalog and static files not yet set.
     * @return the running demo.
     */
    public static WebDemo launch(
        final RpcServer.Context serverCtx, final RpcClient.Context clientCtx, final WebSocketGateway.Context gatewayCtx)
    {
        return launch(serverCtx, clientCtx, gatewayCtx, 0);
    }

    /**
     * Starts the server, its client and the gateway, the server losing a fraction of its unary answers.
     *
     * @param serverCtx     the server's settings, services not yet added.
     * @param clientCtx     the client's settings, channel and driver not yet set: they are the server's.
     * @param gatewayCtx    the gateway's settings, client, catalog and static files not yet set.
     * @param loseAnswers   the fraction of unary answers to lose after the handler ran, 0.0 to 1.0.
     * @return the running demo.
     */
    public static WebDemo launch(
        final RpcServer.Context serverCtx,
        final RpcClient.Context clientCtx,
        final WebSocketGateway.Context gatewayCtx,
        final double loseAnswers)
    {
        if (loseAnswers < 0 || loseAnswers > 1)
        {
            throw new IllegalArgumentException("the fraction of answers to lose must be from 0 to 1: " + loseAnswers);
        }
        RpcServer server = null;
        RpcClient client = null;
        try
        {
            if (loseAnswers > 0)
            {
                serverCtx.responseFilter(losing(loseAnswers));
            }
            server = RpcServer.launch(serverCtx
                .addService(new EchoStub(new EchoService()))
                .addService(new BankStub(new BankService()))
                .addService(new MarketStub(new MarketService()))
                .addService(new TallyStub(new TallyService()))
                .addService(new OrdersStub(new OrdersService())));
            client = RpcClient.connect(clientCtx
                .aeronDirectoryName(serverCtx.aeron().context().aeronDirectoryName())
                .requestChannel(server.channel())
                .requestStreamId(serverCtx.streamId()));
            final RpcServer launched = server;
            final WebSocketGateway gateway = WebSocketGateway.launch(gatewayCtx
                .client(client)
                .catalog(SchemaCatalog.loadResource(SCHEMA_RESOURCE))
                .staticResources("web")
                .serverCounters(launched::counters)
                .notices(loseAnswers > 0 ? List.of(String.format(
                    "This demo loses %.0f%% of the server's unary answers after the handler ran. Call an " +
                    "exactly-once method (Bank/deposit, Tally/countExactlyOnce) several times and watch the " +
                    "client's retries and the server's duplicates suppressed; an at-most-once method " +
                    "(Tally/countAtMostOnce) fails instead.", loseAnswers * 100)) : List.of()));
            return new WebDemo(server, client, gateway);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.closeAll(client, server);
            throw ex;
        }
    }

    /**
     * Loses unary answers at random, first sends and repeats alike. Called on the poll thread only (the demo's
     * services have no executor), so one random generator serves.
     */
    private static ResponseFilter losing(final double fraction)
    {
        final SplittableRandom random = new SplittableRandom(42);
        return (serviceId, methodId, requestId, attempt) -> random.nextDouble() < fraction;
    }

    /**
     * The gateway, for its address and counters.
     *
     * @return the gateway.
     */
    public WebSocketGateway gateway()
    {
        return gateway;
    }

    /**
     * The server, for its counters.
     *
     * @return the server.
     */
    public RpcServer server()
    {
        return server;
    }

    /**
     * Closes the gateway, then the client, then the server and its embedded driver.
     */
    @Override
    public void close()
    {
        CloseHelper.closeAll(gateway, client, server);
    }
}
