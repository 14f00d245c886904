package dev.aeronrpc.examples;

import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.gateway.WebSocketGateway;
import dev.aeronrpc.server.RpcServer;

import java.util.concurrent.TimeUnit;

/**
 * Serves the example page (Market prices live, Echo and Bank calls) and the console (every example service and
 * method, forms from the schema, live counters) through the WebSocket gateway:
 * {@code java -jar aeron-rpc-examples.jar web [port] [--lose-answers=FRACTION]} (port 8080 by default, or
 * {@code aeron.rpc.gateway.port}), then open the printed addresses. One process holds an embedded media driver,
 * the services, and the gateway; Ctrl-C stops it.
 * <p>
 * {@code --lose-answers=0.2} makes the server lose a fifth of its unary answers after the handler ran, and the
 * client send again after 300 ms instead of a second, so that retries and duplicates suppressed show in the
 * console within a few calls.
 */
public final class WebMain
{
    private static final String LOSE_ANSWERS = "--lose-answers=";

    private WebMain()
    {
    }

    public static void main(final String[] args)
    {
        final WebSocketGateway.Context gatewayCtx = new WebSocketGateway.Context();
        final RpcClient.Context clientCtx = new RpcClient.Context();
        double loseAnswers = 0;
        for (int i = 1; i < args.length; i++)
        {
            if (args[i].startsWith(LOSE_ANSWERS))
            {
                loseAnswers = Double.parseDouble(args[i].substring(LOSE_ANSWERS.length()));
                clientCtx.attemptTimeoutNs(TimeUnit.MILLISECONDS.toNanos(300));
            }
            else
            {
                gatewayCtx.port(Integer.parseInt(args[i]));
            }
        }
        final WebDemo demo = WebDemo.launch(new RpcServer.Context(), clientCtx, gatewayCtx, loseAnswers);
        StopOnSignal.run("web", demo);
        System.out.println("Echo, Bank, Market, Tally and Orders behind a WebSocket gateway at " +
            demo.gateway().webSocketUri() + (loseAnswers > 0 ? ", losing " + loseAnswers + " of the answers" : ""));
        System.out.println("example page: " + demo.gateway().httpUri());
        System.out.println("console:      " + demo.gateway().consoleUri());
        System.out.println("Ctrl-C to stop");
    }
}
