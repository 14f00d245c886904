package dev.aeronrpc.labs.transport.solution;

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
 * Lab 3's reference solution.
 */
public final class ReferenceLab implements TransportLab
{
    @Override
    public String channel(final Transport transport, final int port)
    {
        // IPC names no address: it is the driver's shared memory. UDP names where the receiver listens.
        return Transport.IPC == transport ? "aeron:ipc" : "aeron:udp?endpoint=localhost:" + port;
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
        // The client finds the driver through the directory's CnC file: commands go to it over a ring buffer there,
        // and the log buffers it creates are memory-mapped files both processes map.
        return new Connection(Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectory)), null);
    }

    @Override
    public Pinger pinger(final Aeron aeron, final String pingChannel, final String pongChannel)
    {
        return new RoundTripPinger(aeron, pingChannel, pongChannel);
    }

    @Override
    public Explanation explanation()
    {
        return new Findings();
    }
}
