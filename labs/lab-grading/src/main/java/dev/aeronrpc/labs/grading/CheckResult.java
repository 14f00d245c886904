package dev.aeronrpc.labs.grading;

/**
 * One check's result.
 *
 * @param id          stable name of the check, as the self-tests refer to it.
 * @param description what the check asks of the submission.
 * @param outcome     passed, failed or skipped.
 * @param detail      what was seen: the failure, the skip reason, or a note on a pass.
 * @param hint        a nudge towards a fix, shown when the check fails.
 * @param elapsedMs   how long the check took.
 */
public record CheckResult(
    String id, String description, Outcome outcome, String detail, String hint, long elapsedMs)
{
}
