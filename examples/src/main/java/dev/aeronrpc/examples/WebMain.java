package dev.aeronrpc.examples;

import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.gateway.WebSocketGateway;
import dev.aeronrpc.server.RpcServer;

/**
 * Serves a web page that watches Market prices live and calls Echo and Bank, through the WebSocket gateway:
 * {@code java -jar aeron-rpc-examples.jar web [port]} (default 8080, or {@code aeron.rpc.gateway.port}), then open
 * the printed address. One process holds an embedded media driver, the services, and the gateway; Ctrl-C stops it.
 */
public final class WebMain
{
    private WebMain()
    {
    }

    public static void main(final String[] args)
    {
        final WebSocketGateway.Context gatewayCtx = new WebSocketGateway.Context();
        if (args.length > 1)
        {
            gatewayCtx.port(Integer.parseInt(args[1]));
        }
        final WebDemo demo = WebDemo.launch(new RpcServer.Context(), new RpcClient.Context(), gatewayCtx);
        StopOnSignal.run("web", demo);
        System.out.println("Echo, Bank and Market behind a WebSocket gateway at " + demo.gateway().webSocketUri());
        System.out.println("open " + demo.gateway().httpUri() + " in a browser; Ctrl-C to stop");
    }
}
