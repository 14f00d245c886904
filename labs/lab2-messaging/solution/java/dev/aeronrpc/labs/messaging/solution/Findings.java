package dev.aeronrpc.labs.messaging.solution;

import dev.aeronrpc.labs.messaging.lab.Loss;
import dev.aeronrpc.labs.messaging.lab.Report;

/**
 * What the runs showed.
 */
final class Findings implements Report
{
    @Override
    public Loss lostToRandomFrameLoss()
    {
        // Lost frames are repaired: a gap, a NAK, a retransmission.
        return Loss.NONE;
    }

    @Override
    public Boolean oneWaySenderKnowsWhatArrived()
    {
        // Handed over only means "in the publication's log"; the blackout lost some of those.
        return false;
    }

    @Override
    public Boolean failedCallMayHaveRun()
    {
        // A lost answer looks like a lost request: the outcome is unknown.
        return true;
    }

    @Override
    public Boolean ackedCallArrived()
    {
        // An acknowledgement is made by the handler: it cannot exist unless the reading arrived.
        return true;
    }
}
