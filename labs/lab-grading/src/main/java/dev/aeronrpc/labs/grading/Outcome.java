package dev.aeronrpc.labs.grading;

/**
 * How one check ended.
 */
public enum Outcome
{
    /** The submission does what the check asks. */
    PASSED,
    /** It does not, or the check could not finish. */
    FAILED,
    /** The check could not run here (a tool it needs is missing); it counts neither way. */
    SKIPPED
}
