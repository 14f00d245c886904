package dev.aeronrpc.labs.messaging.lab;

/**
 * The grader's clock for a sender: call {@link #awaitTurn(long)} before sending each reading. It returns at once,
 * or after the grader has done what it planned for that point (started a blackout, waited for the connection to be
 * declared lost, healed the network), or after a pause that paces the readings.
 */
@FunctionalInterface
public interface Schedule
{
    /** No plan: every turn comes at once. */
    Schedule NOW = sequence -> { };

    /**
     * @param sequence of the reading about to be sent, from 0.
     */
    void awaitTurn(long sequence);
}
