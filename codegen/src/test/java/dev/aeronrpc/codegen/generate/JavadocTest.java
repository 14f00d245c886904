package dev.aeronrpc.codegen.generate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JavadocTest
{
    @Test
    void shouldEscapeWhatWouldBreakAComment()
    {
        assertEquals("a *&#47; b &lt;b&gt; &amp; &#64;param &#92;u000a",
            Javadoc.escape("a */ b <b> & @param \\u000a"));
    }

    @Test
    void shouldCollapseWhitespace()
    {
        assertEquals("one two three", Javadoc.escape("  one\n\t two   three \n"));
    }

    @Test
    void shouldEndSentences()
    {
        assertEquals("Done.", Javadoc.sentence("Done"));
        assertEquals("Done?", Javadoc.sentence("Done?"));
        assertEquals("", Javadoc.sentence(""));
    }

    @Test
    void shouldWriteShortCommentOnOneLine()
    {
        assertEquals(List.of("/** The service name. */"), Javadoc.of("The service name.").render(80));
    }

    @Test
    void shouldWrapWithoutBreakingInlineTagsAndAlignParams()
    {
        final List<String> lines = Javadoc.of("See {@link dev.aeronrpc.core.RpcException}: words words words.")
            .param("a", "first.")
            .param("long", "second.")
            .render(40);

        assertEquals(List.of(
            "/**",
            " * See",
            " * {@link dev.aeronrpc.core.RpcException}:",
            " * words words words.",
            " *",
            " * @param a    first.",
            " * @param long second.",
            " */"), lines);
        lines.forEach(line -> assertTrue(line.length() <= 42, line));
    }
}
