package dev.aeronrpc.labs.transport.lab;

/**
 * How the bytes travel between the two processes (or threads).
 */
public enum Transport
{
    /** Shared memory on one host: one media driver's log buffers, no sockets. */
    IPC,
    /** UDP datagrams, sent and received by media drivers: here on the loopback interface. */
    UDP
}
