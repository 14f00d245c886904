package dev.aeronrpc.labs.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a grader's checks one after another and records each result.
 * <p>
 * A check runs on a thread of its own with a time limit, so a submission that hangs (a loop that never ends, a wait
 * that is never woken) fails that check and the grader goes on with the next. Anything a check throws fails it: a
 * {@link CheckFailure} with its own message, any other exception with its class and message.
 */
public final class Checks
{
    /** Time limit of a check unless it names its own. */
    public static final long DEFAULT_TIMEOUT_MS = 30_000;

    private final List<CheckResult> results = new ArrayList<>();

    /**
     * Runs one check with the default time limit.
     *
     * @param id          stable name.
     * @param description what the check asks.
     * @param hint        shown when it fails: where to look, not the answer.
     * @param body        the check.
     */
    public void check(final String id, final String description, final String hint, final Check body)
    {
        check(id, description, hint, DEFAULT_TIMEOUT_MS, body);
    }

    /**
     * Runs one check.
     *
     * @param id          stable name.
     * @param description what the check asks.
     * @param hint        shown when it fails: where to look, not the answer.
     * @param timeoutMs   after which the check fails as hung.
     * @param body        the check.
     */
    public void check(
        final String id, final String description, final String hint, final long timeoutMs, final Check body)
    {
        final long startNs = System.nanoTime();
        final AtomicReference<String> note = new AtomicReference<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final Thread runner = new Thread(() ->
        {
            try
            {
                final String seen = body.run();
                note.set(null == seen ? "" : seen);
            }
            catch (final Throwable ex)
            {
                error.set(ex);
            }
        }, "check-" + id);
        runner.setDaemon(true);
        runner.start();
        try
        {
            runner.join(timeoutMs);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);

        if (runner.isAlive())
        {
            runner.interrupt();
            record(id, description, Outcome.FAILED,
                "did not finish within " + timeoutMs / 1000 + " s: something waits forever or loops", hint, elapsedMs);
        }
        else if (null != error.get())
        {
            record(id, description, Outcome.FAILED, describe(error.get()), hint, elapsedMs);
        }
        else
        {
            record(id, description, Outcome.PASSED, note.get(), hint, elapsedMs);
        }
    }

    /**
     * Records a check that cannot run here.
     *
     * @param id          stable name.
     * @param description what the check would ask.
     * @param reason      why it was skipped and how to run it.
     */
    public void skip(final String id, final String description, final String reason)
    {
        record(id, description, Outcome.SKIPPED, reason, "", 0);
    }

    /**
     * @return the results so far, in order.
     */
    public List<CheckResult> results()
    {
        return List.copyOf(results);
    }

    private void record(
        final String id,
        final String description,
        final Outcome outcome,
        final String detail,
        final String hint,
        final long elapsedMs)
    {
        results.add(new CheckResult(id, description, outcome, detail, hint, elapsedMs));
    }

    /**
     * What a throwable says, for a student: the message of a check failure, else the class and message, with the
     * first frame of the submission's code when there is one.
     *
     * @param ex thrown by a check or by the code it ran.
     * @return one line.
     */
    public static String describe(final Throwable ex)
    {
        if (ex instanceof CheckFailure)
        {
            return ex.getMessage();
        }
        final StringBuilder text = new StringBuilder(ex.getClass().getSimpleName());
        if (null != ex.getMessage())
        {
            text.append(": ").append(ex.getMessage());
        }
        for (final StackTraceElement frame : ex.getStackTrace())
        {
            if (frame.getClassName().startsWith("dev.aeronrpc.labs.") &&
                !frame.getClassName().startsWith("dev.aeronrpc.labs.grading."))
            {
                text.append(" (at ").append(frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1))
                    .append('.').append(frame.getMethodName()).append(':').append(frame.getLineNumber()).append(')');
                break;
            }
        }
        if (null != ex.getCause() && ex.getCause() != ex)
        {
            text.append("; caused by ").append(describe(ex.getCause()));
        }
        return text.toString();
    }
}
