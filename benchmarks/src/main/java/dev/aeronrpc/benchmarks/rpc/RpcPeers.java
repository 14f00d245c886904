package dev.aeronrpc.benchmarks.rpc;

import dev.aeronrpc.benchmarks.Transport;
import dev.aeronrpc.benchmarks.api.BenchClient;
import dev.aeronrpc.benchmarks.api.BenchStub;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.RpcConfiguration;
import dev.aeronrpc.core.RpcMediaDriver;
import dev.aeronrpc.server.RpcServer;
import org.agrona.CloseHelper;

/**
 * An embedded driver, a server with the benchmark service on its own agent thread, and a client: in invoker mode
 * the thread that calls also polls, so the client side is one thread as in the raw Aeron pair; in the default setup
 * the client's own agent thread polls and the caller waits for it.
 */
final class RpcPeers implements AutoCloseable
{
    private final RpcMediaDriver driver;
    private final RpcServer server;
    private final RpcClient client;
    private final BenchClient bench;

    RpcPeers(final Transport transport, final int maxInflightCalls, final boolean invoker)
    {
        this(transport, maxInflightCalls, invoker, RpcConfiguration.MAX_MESSAGE_LENGTH_DEFAULT);
    }

    RpcPeers(final Transport transport, final int maxInflightCalls, final boolean invoker, final int maxMessageLength)
    {
        RpcMediaDriver driver = null;
        RpcServer server = null;
        try
        {
            driver = RpcMediaDriver.launch();
            server = RpcServer.launch(new RpcServer.Context()
                .aeronDirectoryName(driver.aeronDirectoryName())
                .channel(Transport.IPC == transport ? "aeron:ipc" : "aeron:udp?endpoint=localhost:0")
                .maxMessageLength(maxMessageLength)
                .addService(new BenchStub(new BenchService())));
            client = RpcClient.connect(new RpcClient.Context()
                .aeronDirectoryName(driver.aeronDirectoryName())
                .requestChannel(server.channel())
                .maxInflightCalls(maxInflightCalls)
                .maxMessageLength(maxMessageLength)
                .invokerMode(invoker));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.closeAll(server, driver);
            throw ex;
        }
        this.driver = driver;
        this.server = server;
        this.bench = new BenchClient(client);
    }

    BenchClient bench()
    {
        return bench;
    }

    RpcClient client()
    {
        return client;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(client, server, driver);
    }
}
