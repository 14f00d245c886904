package dev.aeronrpc.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The pom the README gives a new user to paste: its one {@code xml} code block that imports the BOM.
 */
final class ReadmePom
{
    private static final String FENCE = "```";
    private static final String MARKER = "<artifactId>aeron-rpc-bom</artifactId>";

    private ReadmePom()
    {
    }

    /**
     * Reads the pom out of the README.
     *
     * @param readme the README's path.
     * @return the pom's text, as written there.
     * @throws IOException           when the README cannot be read.
     * @throws IllegalStateException when the README has no such block, or more than one.
     */
    static String read(final Path readme) throws IOException
    {
        final List<String> poms = new ArrayList<>();
        for (final String block : xmlBlocks(Files.readString(readme, StandardCharsets.UTF_8)))
        {
            if (block.contains(MARKER) && block.contains("<project"))
            {
                poms.add(block);
            }
        }
        if (1 != poms.size())
        {
            throw new IllegalStateException(readme + " should hold one xml block with a <project> importing " +
                "aeron-rpc-bom, and holds " + poms.size());
        }
        return poms.get(0);
    }

    private static List<String> xmlBlocks(final String markdown)
    {
        final List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (final String line : markdown.split("\n", -1))
        {
            final String trimmed = line.trim();
            if (null == block)
            {
                if (trimmed.equals(FENCE + "xml"))
                {
                    block = new StringBuilder();
                }
            }
            else if (trimmed.equals(FENCE))
            {
                blocks.add(block.toString());
                block = null;
            }
            else
            {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }
}
