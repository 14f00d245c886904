package dev.aeronrpc.labs.transport;

import dev.aeronrpc.labs.transport.lab.Connection;
import dev.aeronrpc.labs.transport.lab.DriverMode;
import dev.aeronrpc.labs.transport.lab.Explanation;
import dev.aeronrpc.labs.transport.lab.Pinger;
import dev.aeronrpc.labs.transport.lab.Transport;
import dev.aeronrpc.labs.transport.lab.TransportLab;
import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.BackoffIdleStrategy;

/**
 * Your submission: channels, drivers, the pinger, the explanation.
 */
public final class MyLab implements TransportLab
{
    @Override
    public String channel(final Transport transport, final int port)
    {
        // TODO step 2: the UDP channel whose receiver listens on localhost:port.
        return Transport.IPC == transport ? "aeron:ipc" : null;
    }

    @Override
    public Connection connect(final DriverMode mode, final String aeronDirectory)
    {
        if (DriverMode.EMBEDDED == mode)
        {
            // One SHARED thread for the driver's conductor, sender and receiver, backing off when idle: on a
            // small machine, never more busy threads than cores.
            final MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
                .aeronDirectoryName(aeronDirectory)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy())
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
            return new Connection(Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectory)), driver);
        }
        // TODO step 3: a standalone driver is already running in aeronDirectory: connect to it, launch nothing.
        throw new UnsupportedOperationException("TODO step 3: connect to a standalone driver");
    }

    @Override
    public Pinger pinger(final Aeron aeron, final String pingChannel, final String pongChannel)
    {
        return new MyPinger(aeron, pingChannel, pongChannel);
    }

    @Override
    public Explanation explanation()
    {
        return new MyExplanation();
    }
}
