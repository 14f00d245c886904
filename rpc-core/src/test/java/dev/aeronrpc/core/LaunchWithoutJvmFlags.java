package dev.aeronrpc.core;

import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.server.RpcServer;
import dev.aeronrpc.test.TestServices;
import dev.aeronrpc.test.api.EchoStub;

/**
 * What a user's server or client does first, for {@link JvmAccessCheckTest} to run in a JVM started without Agrona's
 * flags: {@code server PORT} launches a server, {@code client PORT} connects a client. Either should fail with the
 * access check's message.
 */
final class LaunchWithoutJvmFlags
{
    private LaunchWithoutJvmFlags()
    {
    }

    public static void main(final String[] args)
    {
        final String channel = "aeron:udp?endpoint=localhost:" + args[1];
        if ("server".equals(args[0]))
        {
            try (RpcServer server = RpcServer.launch(new RpcServer.Context()
                .channel(channel)
                .addService(new EchoStub(new TestServices.EchoService()))))
            {
                System.out.println("server launched on " + server.channel());
            }
        }
        else
        {
            try (RpcClient client = RpcClient.connect(new RpcClient.Context().requestChannel(channel)))
            {
                System.out.println("client connected: " + client);
            }
        }
    }
}
