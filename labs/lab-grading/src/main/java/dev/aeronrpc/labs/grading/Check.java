package dev.aeronrpc.labs.grading;

/**
 * The body of one check: returns normally when the submission passes, throws {@link CheckFailure} (or anything
 * else) when it does not.
 */
@FunctionalInterface
public interface Check
{
    /**
     * Runs the check.
     *
     * @return a short note on what was seen, shown after the check's line (may be empty).
     * @throws Exception when the submission fails the check; its message is shown.
     */
    String run() throws Exception;
}
