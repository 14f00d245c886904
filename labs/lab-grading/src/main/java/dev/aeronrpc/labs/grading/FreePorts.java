package dev.aeronrpc.labs.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free loopback ports for a scenario, so that graders running side by side never collide.
 */
public final class FreePorts
{
    private FreePorts()
    {
    }

    /**
     * @return a UDP port on localhost that was free a moment ago.
     */
    public static int udp()
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return a TCP port on localhost that was free a moment ago.
     */
    public static int tcp()
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
