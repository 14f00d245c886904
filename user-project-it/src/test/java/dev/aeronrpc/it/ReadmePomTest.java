package dev.aeronrpc.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadmePomTest
{
    @TempDir
    Path dir;

    @Test
    void shouldTakeTheXmlBlockThatImportsTheBom() throws Exception
    {
        final Path readme = Files.writeString(dir.resolve("README.md"), String.join("\n",
            "# Title",
            "```xml",
            "<rpc:service name=\"Bank\"/>",
            "```",
            "Paste this:",
            "```xml",
            "<project>",
            "    <artifactId>aeron-rpc-bom</artifactId>",
            "</project>",
            "```",
            ""));

        assertEquals("<project>\n    <artifactId>aeron-rpc-bom</artifactId>\n</project>\n", ReadmePom.read(readme));
    }

    @Test
    void shouldRefuseAReadmeWithoutIt() throws Exception
    {
        final Path readme = Files.writeString(dir.resolve("README.md"), "```xml\n<project/>\n```\n");

        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> ReadmePom.read(readme));
        assertTrue(ex.getMessage().endsWith("holds 0"), ex.getMessage());
    }

    @Test
    void shouldFindThePomInThisProjectsReadme() throws Exception
    {
        final String pom = ReadmePom.read(Path.of(System.getProperty("it.readme", "../README.md")));

        assertTrue(pom.contains("<artifactId>aeron-rpc-maven-plugin</artifactId>"), pom);
        assertTrue(pom.contains("<artifactId>rpc-core</artifactId>"), pom);
        assertTrue(pom.contains("<release>17</release>"), pom);
        assertTrue(pom.contains("<Add-Opens>java.base/jdk.internal.misc java.base/java.util.zip</Add-Opens>"), pom);
    }
}
