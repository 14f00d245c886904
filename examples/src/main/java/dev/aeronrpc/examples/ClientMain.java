package dev.aeronrpc.examples;

import dev.aeronrpc.client.RpcClient;

/**
 * Connects to the example server, makes the example calls and prints them. Exits 1 if any call ended other than
 * as expected.
 * <p>
 * Sends to {@code aeron.rpc.channel} (default {@code aeron:udp?endpoint=localhost:40123}). Embeds its own media
 * driver unless {@code aeron.dir} names a running one.
 */
public final class ClientMain
{
    private ClientMain()
    {
    }

    public static void main(final String[] args)
    {
        final int failed;
        try (RpcClient client = RpcClient.connect(new RpcClient.Context()))
        {
            System.out.println("client " + client.clientId() + " connected to " + client.context().requestChannel() +
                " as session " + client.sessionId() + " (" + ServerMain.driverDescription() + ")");
            final ExampleCalls run = new ExampleCalls(client, System.out).run(System.nanoTime() & 0xFFFF);
            failed = run.failedUnexpectedly();
            System.out.printf("client: %d calls: %d succeeded, %d failed as expected, %d failed unexpectedly%n",
                run.calls(), run.succeeded(), run.failedAsExpected(), failed);
        }
        if (0 != failed)
        {
            System.exit(1);
        }
    }
}
