package dev.aeronrpc.labs.transport.lab;

import io.aeron.Aeron;

/**
 * What a submission of lab 3 provides: channels, a way to reach a media driver in either mode, the measuring
 * pinger, and the explanation.
 */
public interface TransportLab
{
    /**
     * @param transport IPC or UDP.
     * @param port      for UDP: the port on localhost the channel's receiver listens on (ignored for IPC).
     * @return the channel.
     */
    String channel(Transport transport, int port);

    /**
     * Reaches a media driver.
     *
     * @param mode           embedded: launch one in this process, in the given directory; standalone: connect to
     *                       the one already running there.
     * @param aeronDirectory the driver's directory.
     * @return the Aeron client, and the embedded driver if one was launched.
     */
    Connection connect(DriverMode mode, String aeronDirectory);

    /**
     * @param aeron       to add the ping publication and pong subscription with.
     * @param pingChannel to publish pings on.
     * @param pongChannel to subscribe to pongs on.
     * @return the pinger.
     */
    Pinger pinger(Aeron aeron, String pingChannel, String pongChannel);

    /**
     * @return the answers.
     */
    Explanation explanation();
}
