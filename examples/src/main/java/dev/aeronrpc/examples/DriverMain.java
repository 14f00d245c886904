package dev.aeronrpc.examples;

import dev.aeronrpc.core.RpcMediaDriver;
import io.aeron.CommonContext;

/**
 * A standalone media driver, for servers and clients in other processes that share it through {@code aeron.dir}.
 * Same settings as the embedded one (SHARED threading, backing-off idle strategy); its directory is
 * {@code aeron.dir} and is deleted when it stops (Ctrl-C or SIGTERM).
 */
public final class DriverMain
{
    private DriverMain()
    {
    }

    public static void main(final String[] args)
    {
        final String dir = CommonContext.getAeronDirectoryName();
        final RpcMediaDriver driver = RpcMediaDriver.launch(RpcMediaDriver.defaultContext().aeronDirectoryName(dir));
        StopOnSignal.run("media driver", driver);
        System.out.println("media driver running in " + driver.aeronDirectoryName() + "; Ctrl-C to stop");
    }
}
