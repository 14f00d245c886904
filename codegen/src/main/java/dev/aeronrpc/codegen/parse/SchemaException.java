package dev.aeronrpc.codegen.parse;

import java.util.List;

/**
 * A schema the generator refuses, with every problem found in it rather than only the first, so that one run shows
 * all there is to fix.
 * <p>
 * Each problem reads {@code file.xml:LINE: subject: problem}, for example
 * {@code bank.xml:42: service Bank method deposit: request names message DepositReq, which the schema does not
 * declare}; problems SBE itself reports carry no line.
 */
public final class SchemaException extends Exception
{
    private static final long serialVersionUID = 1L;

    /** The schema's file name. */
    private final String fileName;

    /** The problems, formatted. */
    private final List<String> problems;

    /**
     * An exception listing the problems of one schema.
     *
     * @param fileName the schema's file name.
     * @param problems the problems, formatted, at least one.
     */
    public SchemaException(final String fileName, final List<String> problems)
    {
        super(describe(fileName, problems));
        this.fileName = fileName;
        this.problems = List.copyOf(problems);
    }

    /**
     * The schema's file name.
     *
     * @return the name of the schema file, without its directory.
     */
    public String fileName()
    {
        return fileName;
    }

    /**
     * The problems, in the order of the lines they concern.
     *
     * @return one formatted line per problem.
     */
    public List<String> problems()
    {
        return problems;
    }

    private static String describe(final String fileName, final List<String> problems)
    {
        final StringBuilder sb = new StringBuilder()
            .append(fileName).append(" has ").append(problems.size())
            .append(problems.size() == 1 ? " problem:" : " problems:");
        for (final String problem : problems)
        {
            sb.append(System.lineSeparator()).append("  ").append(problem);
        }
        return sb.toString();
    }
}
