package dev.aeronrpc.labs.transport.solution;

import dev.aeronrpc.labs.transport.lab.Explanation;

/**
 * What the measurements show, and why.
 */
final class Findings implements Explanation
{
    @Override
    public Party sendsUdpDatagrams()
    {
        // The driver's sender agent reads the log buffer and calls the socket; the application only offers.
        return Party.MEDIA_DRIVER;
    }

    @Override
    public Party movesIpcMessages()
    {
        // The publisher writes into the log buffer and the subscriber reads the same bytes: no driver thread in between.
        return Party.NOBODY;
    }

    @Override
    public Party handsMessagesToStandaloneDriver()
    {
        // The log buffer is a memory-mapped file both processes map: the same path as with an embedded driver.
        return Party.NOBODY;
    }

    @Override
    public String fastestMedian()
    {
        // IPC waits only for the two ends' own polling; UDP adds both drivers' sender and receiver duty cycles and
        // the kernel's loopback, each way.
        return "IPC";
    }
}
