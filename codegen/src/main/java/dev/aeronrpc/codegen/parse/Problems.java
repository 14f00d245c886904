package dev.aeronrpc.codegen.parse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the problems of one schema so that they are all reported together, each formatted
 * {@code file.xml:LINE: subject: problem}.
 */
final class Problems
{
    /** Stands for the line of a problem that has none, such as one SBE reports; sorted last. */
    static final int NO_LINE = Integer.MAX_VALUE;

    private final String fileName;
    private final List<Problem> problems = new ArrayList<>();

    Problems(final String fileName)
    {
        this.fileName = fileName;
    }

    /**
     * Records a problem.
     *
     * @param line    the line it concerns, or {@link #NO_LINE}.
     * @param subject what it concerns, such as {@code service Bank method deposit}, or null.
     * @param text    what is wrong.
     */
    void add(final int line, final String subject, final String text)
    {
        final StringBuilder sb = new StringBuilder(fileName);
        if (NO_LINE != line)
        {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (null != subject)
        {
            sb.append(subject).append(": ");
        }
        problems.add(new Problem(line, sb.append(text).toString()));
    }

    boolean isEmpty()
    {
        return problems.isEmpty();
    }

    /**
     * Fails when any problem was recorded.
     *
     * @throws SchemaException listing them all, by line.
     */
    void throwIfAny() throws SchemaException
    {
        if (!problems.isEmpty())
        {
            throw toException();
        }
    }

    /**
     * The problems recorded, as an exception.
     *
     * @return an exception listing them all, by line.
     */
    SchemaException toException()
    {
        // Stable: problems on one line keep the order they were found in.
        final List<String> sorted = problems.stream()
            .sorted(Comparator.comparingInt(Problem::line))
            .map(Problem::text)
            .toList();
        return new SchemaException(fileName, sorted);
    }

    /**
     * What a problem concerns, for the message.
     *
     * @param serviceName the service's name, or null when it has none.
     * @return {@code service NAME}.
     */
    static String service(final String serviceName)
    {
        return "service " + (null != serviceName ? serviceName : "(unnamed)");
    }

    /**
     * What a problem concerns, for the message.
     *
     * @param serviceName the service's name, or null when it has none.
     * @param methodName  the method's name, or null when it has none.
     * @return {@code service NAME method NAME}.
     */
    static String method(final String serviceName, final String methodName)
    {
        return service(serviceName) + " method " + (null != methodName ? methodName : "(unnamed)");
    }

    private record Problem(int line, String text)
    {
    }
}
