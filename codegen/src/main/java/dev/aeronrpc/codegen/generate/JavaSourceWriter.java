package dev.aeronrpc.codegen.generate;

import java.util.List;

/**
 * Writes Java source in the project's style: Allman braces, four-space indents, lines of at most 120 characters,
 * long parameter and argument lists wrapped as Aeron wraps them.
 */
final class JavaSourceWriter
{
    static final int LINE_WIDTH = 120;
    private static final String INDENT = "    ";

    private final StringBuilder sb = new StringBuilder(4096);
    private int depth;

    /**
     * Writes one line at the current indent; an empty text writes an empty line, without trailing spaces.
     */
    JavaSourceWriter line(final String text)
    {
        if (!text.isEmpty())
        {
            sb.append(INDENT.repeat(depth)).append(text);
        }
        sb.append('\n');
        return this;
    }

    JavaSourceWriter blank()
    {
        return line("");
    }

    /**
     * Opens a block: a brace on a line of its own, then one indent more.
     */
    JavaSourceWriter open()
    {
        line("{");
        depth++;
        return this;
    }

    /**
     * Closes the block {@link #open()} opened.
     */
    JavaSourceWriter close()
    {
        depth--;
        return line("}");
    }

    /**
     * One indent more without a brace, as for the statements of a switch case.
     */
    JavaSourceWriter indent()
    {
        depth++;
        return this;
    }

    JavaSourceWriter outdent()
    {
        depth--;
        return this;
    }

    JavaSourceWriter javadoc(final Javadoc javadoc)
    {
        for (final String docLine : javadoc.render(LINE_WIDTH - INDENT.length() * depth))
        {
            line(docLine);
        }
        return this;
    }

    /**
     * Writes a method or constructor declaration, its parameters one per line when they do not fit on one.
     *
     * @param head   what comes before the parenthesis, such as {@code public int deposit}.
     * @param params the parameters, such as {@code final long timeoutNs}.
     * @param tail   what follows the parenthesis, such as {@code  throws Exception}, or empty.
     */
    JavaSourceWriter declaration(final String head, final List<String> params, final String tail)
    {
        return wrapped(head, params, tail, true);
    }

    /**
     * Writes a statement that ends with a call, its arguments on a line of their own when they do not fit.
     *
     * @param head what comes before the parenthesis, such as {@code return c.slot.call}.
     * @param args the arguments.
     * @param tail what follows the parenthesis, such as {@code ;}.
     */
    JavaSourceWriter call(final String head, final List<String> args, final String tail)
    {
        return wrapped(head, args, tail, false);
    }

    private JavaSourceWriter wrapped(
        final String head, final List<String> items, final String tail, final boolean onePerLineWhenWrapped)
    {
        final String joined = String.join(", ", items);
        final String oneLine = head + "(" + joined + ")" + tail;
        final int width = LINE_WIDTH - INDENT.length() * depth;
        if (oneLine.length() <= width)
        {
            return line(oneLine);
        }

        line(head + "(");
        depth++;
        if (!onePerLineWhenWrapped && joined.length() + 1 + tail.length() <= width - INDENT.length())
        {
            line(joined + ")" + tail);
        }
        else
        {
            for (int i = 0; i < items.size(); i++)
            {
                line(items.get(i) + (i < items.size() - 1 ? "," : ")" + tail));
            }
        }
        depth--;
        return this;
    }

    @Override
    public String toString()
    {
        return sb.toString();
    }
}
