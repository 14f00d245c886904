package dev.aeronrpc.labs.grading;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The grade command that {@code mvn verify} runs in each lab:
 * {@code GradeMain GRADER_CLASS SUBMISSION STRICT REPORT_FILE}, where SUBMISSION is {@code main} (the student's
 * code in {@code src/main}), {@code solution} or a class name. It prints the report, writes it to REPORT_FILE, and
 * exits with 1 when STRICT is true and a check failed.
 */
public final class GradeMain
{
    private GradeMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length != 4)
        {
            System.err.println("usage: GradeMain GRADER_CLASS main|solution|CLASS STRICT REPORT_FILE");
            System.exit(2);
        }
        final Grader<?> grader = (Grader<?>)Class.forName(args[0]).getDeclaredConstructor().newInstance();
        final long startNs = System.nanoTime();
        final Report report;
        try
        {
            report = grader.run(args[1]);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println(grader.lab() + ": cannot grade: " + Checks.describe(ex));
            System.exit(2);
            return;
        }
        final String text = report.render() +
            String.format("  (graded in %.1f s; report in %s)%n", (System.nanoTime() - startNs) / 1e9, args[3]);

        System.out.println();
        System.out.print(text);
        System.out.println();
        System.out.flush();
        final Path file = Path.of(args[3]);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);

        // Halt rather than return: a submission's stray non-daemon thread must not keep the build waiting.
        Runtime.getRuntime().halt(Boolean.parseBoolean(args[2]) && !report.allPassed() ? 1 : 0);
    }
}
