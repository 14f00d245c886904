package dev.aeronrpc.labs.messaging.lab;

/**
 * Your account of what the runs showed: each answer is checked against what the grader measured in the same run.
 * Return null for a question not answered yet.
 */
public interface Report
{
    /**
     * @return with 10% of UDP frames lost at random (the connection alive), how many readings of either kind were
     * lost?
     */
    Loss lostToRandomFrameLoss();

    /**
     * @return during the blackout, could the one-way sender tell from what {@code report} returned exactly which
     * readings reached the server?
     */
    Boolean oneWaySenderKnowsWhatArrived();

    /**
     * @return could a call that failed (an error status) have been recorded by the server all the same?
     */
    Boolean failedCallMayHaveRun();

    /**
     * @return did every acknowledged call reach the server?
     */
    Boolean ackedCallArrived();
}
