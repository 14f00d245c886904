package dev.aeronrpc.examples;

import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.examples.api.EchoClient;

import java.time.Duration;

/**
 * A client process that calls Echo in a loop and prints each outcome ({@code ok N} or {@code failed STATUS}), for
 * tests that do things to a live client process (freeze it, kill its server) and watch it carry on.
 */
public final class CallingClientMain
{
    private CallingClientMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        try (RpcClient client = RpcClient.connect(new RpcClient.Context()))
        {
            // SIGTERM closes the client, and with it its embedded driver and that driver's directory.
            StopOnSignal.run("client", client);
            final EchoClient echo = new EchoClient(client).withTimeout(Duration.ofSeconds(2));
            System.out.println("client connected");
            long reconnects = 0;
            for (long i = 0; ; i++)
            {
                if (client.counters().reconnects() != reconnects)
                {
                    reconnects = client.counters().reconnects();
                    System.out.println("reconnects " + reconnects);
                }
                try
                {
                    echo.echo(echo.echoRequest().text("call " + i));
                    System.out.println("ok " + i);
                }
                catch (final RpcException | IllegalStateException ex)
                {
                    System.out.println("failed " + ex.getMessage());
                }
                Thread.sleep(50);
            }
        }
    }
}
