package dev.aeronrpc.maven;

import dev.aeronrpc.codegen.parse.SchemaException;
import org.apache.maven.plugin.logging.Log;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The problems of the schemas one run refused, gathered so that the build shows all of them at once: each on an error
 * line of its own, as the generator words it ({@code file.xml:LINE: subject: problem}), then one failure that counts
 * them.
 */
final class ProblemReport
{
    private final List<String> problems = new ArrayList<>();
    private final Set<String> schemasRefused = new LinkedHashSet<>();

    /**
     * Adds the problems of a refused schema.
     *
     * @param refused what the generator threw.
     */
    void add(final SchemaException refused)
    {
        problems.addAll(refused.problems());
        schemasRefused.add(refused.fileName());
    }

    /**
     * Whether no schema was refused.
     *
     * @return true when there is nothing to report.
     */
    boolean isEmpty()
    {
        return schemasRefused.isEmpty();
    }

    /**
     * Writes each problem as an error line of its own.
     *
     * @param log the build's log.
     */
    void logTo(final Log log)
    {
        problems.forEach(log::error);
    }

    /**
     * The message the build fails with: how many problems, in which schemas. It comes after the problems themselves,
     * so it points to them rather than repeating them.
     *
     * @return for example {@code 2 problems in bank.xml, listed above; nothing was generated from it}.
     */
    String failureMessage()
    {
        final int count = problems.size();
        return count + (1 == count ? " problem" : " problems") + " in " + String.join(", ", schemasRefused) +
            ", listed above; nothing was generated from " + (1 == schemasRefused.size() ? "it" : "them");
    }
}
