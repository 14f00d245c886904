package dev.aeronrpc.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaFinderTest
{
    @TempDir
    Path dir;

    @Test
    void shouldTakeTheTopLevelXmlFilesOfTheDirectoryByDefault() throws Exception
    {
        final Path a = TestSchemas.write(dir.resolve("sbe/a.xml"), "");
        final Path b = TestSchemas.write(dir.resolve("sbe/b.xml"), "");
        TestSchemas.write(dir.resolve("sbe/notes.txt"), "");
        TestSchemas.write(dir.resolve("sbe/nested/c.xml"), "");

        assertEquals(List.of(a, b), SchemaFinder.find(null, dir.resolve("sbe").toFile(), null));
    }

    @Test
    void shouldFollowIncludesIntoSubdirectoriesAndKeepTheTopLevel() throws Exception
    {
        final Path a = TestSchemas.write(dir.resolve("sbe/a.xml"), "");
        final Path c = TestSchemas.write(dir.resolve("sbe/nested/c.xml"), "");
        TestSchemas.write(dir.resolve("sbe/nested/c.txt"), "");

        assertEquals(List.of(a, c), SchemaFinder.find(null, dir.resolve("sbe").toFile(), List.of("**/*.xml")));
    }

    @Test
    void shouldTakeOnlyWhatTheIncludesName() throws Exception
    {
        TestSchemas.write(dir.resolve("sbe/a.xml"), "");
        final Path b = TestSchemas.write(dir.resolve("sbe/b-services.xml"), "");

        assertEquals(List.of(b), SchemaFinder.find(null, dir.resolve("sbe").toFile(), List.of("*-services.xml")));
    }

    @Test
    void shouldTakeNamedFilesAndTheDirectoryTogetherEachOnceSorted() throws Exception
    {
        final Path a = TestSchemas.write(dir.resolve("sbe/a.xml"), "");
        final Path z = TestSchemas.write(dir.resolve("elsewhere/z.xml"), "");

        final List<File> named = List.of(z.toFile(), dir.resolve("sbe/../sbe/a.xml").toFile());

        assertEquals(List.of(z, a), SchemaFinder.find(named, dir.resolve("sbe").toFile(), null));
    }

    @Test
    void shouldFindNothingInADirectoryThatDoesNotExist() throws Exception
    {
        assertTrue(SchemaFinder.find(List.of(), dir.resolve("absent").toFile(), null).isEmpty());
    }

    @Test
    void shouldFailOnANamedFileThatDoesNotExist()
    {
        final File absent = dir.resolve("absent.xml").toFile();

        final MojoFailureException ex = assertThrows(
            MojoFailureException.class, () -> SchemaFinder.find(List.of(absent), null, null));

        assertEquals("Schema file not found: " + absent, ex.getMessage());
    }
}
