package dev.aeronrpc.examples;

import dev.aeronrpc.examples.api.BankStub;
import dev.aeronrpc.examples.api.EchoStub;
import dev.aeronrpc.examples.api.MarketStub;
import dev.aeronrpc.server.RpcServer;
import io.aeron.CommonContext;

/**
 * Serves Echo and Bank until interrupted (Ctrl-C or SIGTERM).
 * <p>
 * Listens on {@code aeron.rpc.channel} (default {@code aeron:udp?endpoint=localhost:40123}). Embeds its own media
 * driver unless {@code aeron.dir} names a running one.
 */
public final class ServerMain
{
    private ServerMain()
    {
    }

    public static void main(final String[] args)
    {
        final RpcServer.Context ctx = new RpcServer.Context()
            .addService(new EchoStub(new EchoService()))
            .addService(new BankStub(new BankService()))
            .addService(new MarketStub(new MarketService()))
            .sessionListener(new PrintingSessionListener(System.out));

        final RpcServer server = RpcServer.launch(ctx);
        StopOnSignal.run("server", server);
        System.out.println("server listening on " + server.channel() + " stream " + ctx.streamId() + ", " +
            driverDescription() + " at " + ctx.aeron().context().aeronDirectoryName() + "; Ctrl-C to stop");
    }

    static String driverDescription()
    {
        final String dir = System.getProperty(CommonContext.AERON_DIR_PROP_NAME);
        return null == dir ? "embedded media driver" : "standalone media driver";
    }
}
