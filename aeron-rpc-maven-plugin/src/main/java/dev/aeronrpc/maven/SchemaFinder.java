package dev.aeronrpc.maven;

import org.apache.maven.plugin.MojoFailureException;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds the schemas of one run: the files named one by one, and the files of a directory whose paths, relative to
 * it, match one of the include patterns.
 * <p>
 * Patterns are globs as {@link java.nio.file.FileSystem#getPathMatcher} reads them, with Maven's habit on top: a
 * leading {@code **}{@code /} also matches no directory at all, so {@code **}{@code /*.xml} takes the top level's
 * files too.
 */
final class SchemaFinder
{
    /** What a schema directory contributes when no includes are given: its top level's XML files. */
    static final List<String> DEFAULT_INCLUDES = List.of("*.xml");

    private static final String ANY_DIRECTORIES = "**/";

    private SchemaFinder()
    {
    }

    /**
     * The schemas to generate, each once, sorted, so that the same inputs always read the same.
     *
     * @param schemaFiles     files named one by one; each must exist. May be null.
     * @param schemaDirectory a directory to search; one that does not exist contributes nothing. May be null.
     * @param includes        patterns of the directory's files to take; null or empty for {@link #DEFAULT_INCLUDES}.
     * @return absolute, normalised paths.
     * @throws MojoFailureException when a file named does not exist.
     * @throws IOException          when the directory cannot be read.
     */
    static List<Path> find(final List<File> schemaFiles, final File schemaDirectory, final List<String> includes)
        throws MojoFailureException, IOException
    {
        final TreeSet<Path> schemas = new TreeSet<>();
        if (null != schemaFiles)
        {
            for (final File file : schemaFiles)
            {
                final Path schema = file.toPath().toAbsolutePath().normalize();
                if (!Files.isRegularFile(schema))
                {
                    throw new MojoFailureException("Schema file not found: " + schema);
                }
                schemas.add(schema);
            }
        }
        if (null != schemaDirectory && schemaDirectory.isDirectory())
        {
            schemas.addAll(search(schemaDirectory.toPath().toAbsolutePath().normalize(), matchers(includes)));
        }
        return List.copyOf(schemas);
    }

    private static List<Path> search(final Path directory, final List<PathMatcher> matchers) throws IOException
    {
        try (Stream<Path> files = Files.walk(directory))
        {
            return files
                .filter(Files::isRegularFile)
                .filter(file -> matchesAny(matchers, directory.relativize(file)))
                .toList();
        }
    }

    private static boolean matchesAny(final List<PathMatcher> matchers, final Path relativePath)
    {
        for (final PathMatcher matcher : matchers)
        {
            if (matcher.matches(relativePath))
            {
                return true;
            }
        }
        return false;
    }

    private static List<PathMatcher> matchers(final List<String> includes)
    {
        final List<String> patterns = null == includes || includes.isEmpty() ? DEFAULT_INCLUDES : includes;
        final List<PathMatcher> matchers = new ArrayList<>();
        for (final String pattern : patterns)
        {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
            if (pattern.startsWith(ANY_DIRECTORIES))
            {
                matchers.add(FileSystems.getDefault().getPathMatcher(
                    "glob:" + pattern.substring(ANY_DIRECTORIES.length())));
            }
        }
        return matchers;
    }
}
