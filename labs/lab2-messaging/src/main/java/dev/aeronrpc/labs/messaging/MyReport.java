package dev.aeronrpc.labs.messaging;

import dev.aeronrpc.labs.messaging.lab.Loss;
import dev.aeronrpc.labs.messaging.lab.Report;

/**
 * Step 3: what the runs showed. Run the grader, read what each check saw, then answer.
 */
final class MyReport implements Report
{
    @Override
    public Loss lostToRandomFrameLoss()
    {
        return null;   // TODO step 3
    }

    @Override
    public Boolean oneWaySenderKnowsWhatArrived()
    {
        return null;   // TODO step 3
    }

    @Override
    public Boolean failedCallMayHaveRun()
    {
        return null;   // TODO step 3
    }

    @Override
    public Boolean ackedCallArrived()
    {
        return null;   // TODO step 3
    }
}
