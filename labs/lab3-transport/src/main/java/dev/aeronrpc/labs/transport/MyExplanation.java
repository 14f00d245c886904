package dev.aeronrpc.labs.transport;

import dev.aeronrpc.labs.transport.lab.Explanation;

/**
 * Step 4: explain what you measured. Run the grader first: the checks print your percentiles.
 */
final class MyExplanation implements Explanation
{
    @Override
    public Party sendsUdpDatagrams()
    {
        return null;   // TODO step 4
    }

    @Override
    public Party movesIpcMessages()
    {
        return null;   // TODO step 4
    }

    @Override
    public Party handsMessagesToStandaloneDriver()
    {
        return null;   // TODO step 4
    }

    @Override
    public String fastestMedian()
    {
        return null;   // TODO step 4: "IPC", "UDP" or "UDP_STANDALONE"
    }
}
