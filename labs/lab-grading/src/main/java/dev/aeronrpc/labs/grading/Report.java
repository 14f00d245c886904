package dev.aeronrpc.labs.grading;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A lab's score: every check's result, in the order they ran, and a rendering for a terminal.
 *
 * @param lab        the lab's name, such as {@code lab4-guarantees}.
 * @param submission what was graded (a class name).
 * @param results    one per check.
 */
public record Report(String lab, String submission, List<CheckResult> results)
{
    private static final int WIDTH = 110;

    /**
     * @return how many checks passed.
     */
    public int passed()
    {
        return (int)results.stream().filter(r -> r.outcome() == Outcome.PASSED).count();
    }

    /**
     * @return how many checks counted: all but the skipped ones.
     */
    public int counted()
    {
        return (int)results.stream().filter(r -> r.outcome() != Outcome.SKIPPED).count();
    }

    /**
     * @return ids of the failed checks, sorted.
     */
    public Set<String> failedIds()
    {
        return ids(Outcome.FAILED);
    }

    /**
     * @return ids of the passed checks, sorted.
     */
    public Set<String> passedIds()
    {
        return ids(Outcome.PASSED);
    }

    /**
     * @return ids of the skipped checks, sorted.
     */
    public Set<String> skippedIds()
    {
        return ids(Outcome.SKIPPED);
    }

    /**
     * @return true when every check that ran passed.
     */
    public boolean allPassed()
    {
        return failedIds().isEmpty();
    }

    /**
     * The score line, then a line per check; a failed check also gets what was seen and a hint.
     *
     * @return the report as plain text for a terminal.
     */
    public String render()
    {
        final StringBuilder out = new StringBuilder();
        final long skipped = results.size() - counted();
        out.append(lab).append(": ").append(passed()).append('/').append(counted()).append(" checks passed");
        if (skipped > 0)
        {
            out.append(" (").append(skipped).append(" skipped)");
        }
        out.append("   [graded: ").append(submission).append("]\n");
        for (final CheckResult r : results)
        {
            final String mark = switch (r.outcome())
            {
                case PASSED -> "PASS";
                case FAILED -> "FAIL";
                case SKIPPED -> "SKIP";
            };
            out.append(String.format("  %s  %-26s %s%n", mark, r.id(), r.description()));
            if (r.outcome() != Outcome.PASSED || !r.detail().isEmpty())
            {
                wrap(out, r.outcome() == Outcome.PASSED ? "seen: " : "why:  ", r.detail());
            }
            if (r.outcome() == Outcome.FAILED && !r.hint().isEmpty())
            {
                wrap(out, "hint: ", r.hint());
            }
        }
        return out.toString();
    }

    private Set<String> ids(final Outcome outcome)
    {
        final Set<String> ids = new TreeSet<>();
        results.stream().filter(r -> r.outcome() == outcome).forEach(r -> ids.add(r.id()));
        return ids;
    }

    private static void wrap(final StringBuilder out, final String label, final String text)
    {
        final String indent = "        ";
        final String[] words = (null == text ? "" : text).trim().split("\\s+");
        StringBuilder line = new StringBuilder(indent).append(label);
        final int blank = line.length();
        for (final String word : words)
        {
            if (line.length() > blank && line.length() + 1 + word.length() > WIDTH)
            {
                out.append(line).append('\n');
                line = new StringBuilder(indent).append(" ".repeat(label.length()));
            }
            if (line.length() > indent.length() + label.length())
            {
                line.append(' ');
            }
            line.append(word);
        }
        out.append(line).append('\n');
    }
}
