package dev.aeronrpc.codegen.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A javadoc comment to write: paragraphs, then block tags, word-wrapped to the line width.
 * <p>
 * Text passed in is written as it is; text from the schema must first go through {@link #escape(String)}.
 */
final class Javadoc
{
    /** A word, or an inline tag such as {@code {@link #deposit}} kept whole so that no line breaks inside it. */
    private static final Pattern WORD = Pattern.compile("(?:\\{@[^}]*}|\\S)+");

    private final List<String> paragraphs = new ArrayList<>();
    private final List<String[]> params = new ArrayList<>();
    private final List<String[]> otherTags = new ArrayList<>();

    private Javadoc(final String firstParagraph)
    {
        paragraphs.add(firstParagraph);
    }

    static Javadoc of(final String firstParagraph)
    {
        return new Javadoc(firstParagraph);
    }

    static Javadoc inheritDoc()
    {
        return new Javadoc("{@inheritDoc}");
    }

    Javadoc paragraph(final String text)
    {
        paragraphs.add(text);
        return this;
    }

    Javadoc param(final String name, final String text)
    {
        params.add(new String[]{ name, text });
        return this;
    }

    Javadoc returns(final String text)
    {
        otherTags.add(new String[]{ "@return", text });
        return this;
    }

    Javadoc throwsTag(final String type, final String text)
    {
        otherTags.add(new String[]{ "@throws " + type, text });
        return this;
    }

    /**
     * Makes text from the schema safe in a comment: no end of comment, no HTML, no tag, and no backslash, since the
     * compiler reads a Unicode escape even in a comment, where one for a line break would end it. Whitespace is
     * collapsed: the comment is wrapped anew.
     *
     * @param text a {@code description} attribute.
     * @return the text, safe to write between {@code /**} and its end.
     */
    static String escape(final String text)
    {
        final StringBuilder sb = new StringBuilder(text.length() + 16);
        for (final String word : text.strip().split("\\s+"))
        {
            if (word.isEmpty())
            {
                continue;
            }
            if (sb.length() > 0)
            {
                sb.append(' ');
            }
            for (int i = 0; i < word.length(); i++)
            {
                final char c = word.charAt(i);
                switch (c)
                {
                    case '&' -> sb.append("&amp;");
                    case '<' -> sb.append("&lt;");
                    case '>' -> sb.append("&gt;");
                    case '@' -> sb.append("&#64;");
                    case '\\' -> sb.append("&#92;");
                    case '/' -> sb.append(i > 0 && word.charAt(i - 1) == '*' ? "&#47;" : "/");
                    default -> sb.append(c);
                }
            }
        }
        return sb.toString();
    }

    /**
     * Ends a text with a full stop unless it ends with a sentence's end already.
     *
     * @param text a sentence, perhaps without its full stop.
     * @return the text as a sentence.
     */
    static String sentence(final String text)
    {
        if (text.isEmpty() || text.endsWith(".") || text.endsWith("!") || text.endsWith("?"))
        {
            return text;
        }
        return text + ".";
    }

    /**
     * The comment's lines, without indent.
     *
     * @param width the room on a line once indented.
     * @return the lines from {@code /**} to its end.
     */
    List<String> render(final int width)
    {
        final List<String> lines = new ArrayList<>();
        final String single = "/** " + paragraphs.get(0) + " */";
        if (paragraphs.size() == 1 && params.isEmpty() && otherTags.isEmpty() && single.length() <= width)
        {
            lines.add(single);
            return lines;
        }

        lines.add("/**");
        for (int i = 0; i < paragraphs.size(); i++)
        {
            if (i > 0)
            {
                lines.add(" * <p>");
            }
            wrap(lines, " * ", " * ", paragraphs.get(i), width);
        }

        if (!params.isEmpty() || !otherTags.isEmpty())
        {
            lines.add(" *");
            final int nameWidth = params.stream().mapToInt(p -> p[0].length()).max().orElse(0);
            for (final String[] param : params)
            {
                final String head = " * @param " + param[0] + " ".repeat(nameWidth - param[0].length() + 1);
                wrap(lines, head, " *" + " ".repeat(head.length() - 2), param[1], width);
            }
            for (final String[] tag : otherTags)
            {
                final String head = " * " + tag[0] + " ";
                wrap(lines, head, " *" + " ".repeat(head.length() - 2), tag[1], width);
            }
        }
        lines.add(" */");
        return lines;
    }

    private static void wrap(
        final List<String> lines, final String firstPrefix, final String prefix, final String text, final int width)
    {
        final StringBuilder line = new StringBuilder(firstPrefix);
        boolean empty = true;
        final Matcher words = WORD.matcher(text);
        while (words.find())
        {
            final String word = words.group();
            if (!empty && line.length() + 1 + word.length() > width)
            {
                lines.add(line.toString());
                line.setLength(0);
                line.append(prefix);
                empty = true;
            }
            if (!empty)
            {
                line.append(' ');
            }
            line.append(word);
            empty = false;
        }
        lines.add(line.toString());
    }
}
