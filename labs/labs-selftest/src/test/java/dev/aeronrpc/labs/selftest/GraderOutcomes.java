package dev.aeronrpc.labs.selftest;

import dev.aeronrpc.labs.grading.Grader;
import dev.aeronrpc.labs.grading.Report;

import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Asserts what a grader makes of a submission, printing the report either way so the build log shows the scores.
 */
final class GraderOutcomes
{
    private GraderOutcomes()
    {
    }

    /**
     * The reference solution passes every check that ran.
     */
    static Report passes(final Grader<?> grader)
    {
        final Report report = grader.run("solution");
        System.out.print(report.render());
        assertEquals(Set.of(), report.failedIds(), "the reference solution must pass:\n" + report.render());
        assertTrue(report.passed() > 0, "no check passed:\n" + report.render());
        return report;
    }

    /**
     * The untouched skeleton in the lab's src/main fails exactly the expected checks (less any skipped here).
     */
    static Report skeletonFails(final Grader<?> grader, final Set<String> expected)
    {
        return fails(grader, "main", expected, true);
    }

    /**
     * A submission fails exactly the expected checks (less any skipped here).
     */
    static Report fails(final Grader<?> grader, final String submission, final Set<String> expected,
        final boolean isSkeleton)
    {
        final Report report = grader.run(submission);
        System.out.print(report.render());
        final Set<String> expectedHere = new TreeSet<>(expected);
        expectedHere.removeAll(report.skippedIds());
        assertEquals(expectedHere, report.failedIds(), (isSkeleton ?
            "the untouched skeleton must fail exactly these checks (if you edited src/main of " + grader.lab() +
            ", grade it with `mvn -q -pl labs/" + grader.lab() + " verify` instead; this test wants the " +
            "skeleton as committed):\n" : submission + " must fail exactly these checks:\n") + report.render());
        return report;
    }
}
