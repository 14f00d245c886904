package dev.aeronrpc.labs.grading;

import java.lang.reflect.InvocationTargetException;

/**
 * One lab's grader: the checks it runs against a submission, which is an implementation of the lab's own
 * interface (the code a student writes, a reference solution, or a wrong solution planted to prove the grader
 * catches it).
 * <p>
 * Subclasses run their scenarios inside {@link #grade(Object, Checks)} and record one result per check. A check
 * must be able to fail: each states what it saw, and where a fault is injected it checks the fault happened.
 *
 * @param <S> the lab's submission interface.
 */
public abstract class Grader<S>
{
    private final String lab;
    private final Class<S> submissionType;

    /**
     * @param lab            the lab's module name, such as {@code lab4-guarantees}.
     * @param submissionType the interface a submission implements.
     */
    protected Grader(final String lab, final Class<S> submissionType)
    {
        this.lab = lab;
        this.submissionType = submissionType;
    }

    /**
     * @return the lab's module name.
     */
    public final String lab()
    {
        return lab;
    }

    /**
     * The class a student edits, graded by {@code mvn verify} in the lab.
     *
     * @return a class name.
     */
    public abstract String mainSubmission();

    /**
     * The reference solution, in the lab's {@code solution/} folder.
     *
     * @return a class name.
     */
    public abstract String referenceSolution();

    /**
     * Runs every check against the submission.
     *
     * @param submission to grade.
     * @param checks     to record results in.
     * @throws Exception only for a fault of the grader itself; a submission's faults are check failures.
     */
    protected abstract void grade(S submission, Checks checks) throws Exception;

    /**
     * Grades a submission.
     *
     * @param submission to grade.
     * @return the report.
     */
    public final Report run(final S submission)
    {
        final Checks checks = new Checks();
        try
        {
            grade(submission, checks);
        }
        catch (final Exception ex)
        {
            checks.check("grader", "the grader itself ran to the end", "this is the grader's fault, not yours",
                () -> { throw ex; });
        }
        return new Report(lab, submission.getClass().getName(), checks.results());
    }

    /**
     * Grades a submission named by {@code main}, {@code solution} or a class name with a public no-argument
     * constructor.
     *
     * @param which submission to grade.
     * @return the report.
     */
    public final Report run(final String which)
    {
        final String className = switch (which)
        {
            case "main" -> mainSubmission();
            case "solution" -> referenceSolution();
            default -> which;
        };
        return run(instantiate(className));
    }

    private S instantiate(final String className)
    {
        try
        {
            final Object instance = Class.forName(className).getDeclaredConstructor().newInstance();
            return submissionType.cast(instance);
        }
        catch (final ClassNotFoundException | NoSuchMethodException | InstantiationException |
            IllegalAccessException | ClassCastException ex)
        {
            throw new IllegalArgumentException(
                className + " is not a " + submissionType.getSimpleName() + " with a public no-argument constructor", ex);
        }
        catch (final InvocationTargetException ex)
        {
            throw new IllegalArgumentException(className + "'s constructor threw " + ex.getCause(), ex.getCause());
        }
    }
}
