package dev.aeronrpc.examples;

import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.examples.api.BankStub;
import dev.aeronrpc.examples.api.EchoStub;
import dev.aeronrpc.examples.api.MarketStub;
import dev.aeronrpc.gateway.WebSocketGateway;
import dev.aeronrpc.gateway.json.SchemaCatalog;
import dev.aeronrpc.server.RpcServer;
import org.agrona.CloseHelper;

/**
 * The web demo in one process: an Echo, Bank and Market server, a client of it, and a WebSocket gateway in front
 * of that client serving the page in {@code web/} from the class path.
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
     * Starts the server, its client and the gateway.
     *
     * @param serverCtx  the server's settings, services not yet added.
     * @param clientCtx  the client's settings, channel and driver not yet set: they are the server's.
     * @param gatewayCtx the gateway's settings, client, catalog and static files not yet set.
     * @return the running demo.
     */
    public static WebDemo launch(
        final RpcServer.Context serverCtx, final RpcClient.Context clientCtx, final WebSocketGateway.Context gatewayCtx)
    {
        RpcServer server = null;
        RpcClient client = null;
        try
        {
            server = RpcServer.launch(serverCtx
                .addService(new EchoStub(new EchoService()))
                .addService(new BankStub(new BankService()))
                .addService(new MarketStub(new MarketService())));
            client = RpcClient.connect(clientCtx
                .aeronDirectoryName(serverCtx.aeron().context().aeronDirectoryName())
                .requestChannel(server.channel())
                .requestStreamId(serverCtx.streamId()));
            final WebSocketGateway gateway = WebSocketGateway.launch(gatewayCtx
                .client(client)
                .catalog(SchemaCatalog.loadResource(SCHEMA_RESOURCE))
                .staticResources("web"));
            return new WebDemo(server, client, gateway);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.closeAll(client, server);
            throw ex;
        }
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
     * Closes the gateway, then the client, then the server and its embedded driver.
     */
    @Override
    public void close()
    {
        CloseHelper.closeAll(gateway, client, server);
    }
}
