package dev.aeronrpc.maven;

import org.apache.maven.project.MavenProject;

import java.nio.file.Path;

/**
 * The two kinds of source root a project compiles: its main sources and its test sources. Generated code joins one
 * of them, so that the compiler finds it without another plugin.
 */
enum SourceRoot
{
    /** Compiled with the main sources, in {@code compile}, and part of the artifact. */
    MAIN
    {
        @Override
        void addTo(final MavenProject project, final Path directory)
        {
            project.addCompileSourceRoot(directory.toString());
        }
    },

    /** Compiled with the tests, in {@code test-compile}, and not part of the artifact. */
    TEST
    {
        @Override
        void addTo(final MavenProject project, final Path directory)
        {
            project.addTestCompileSourceRoot(directory.toString());
        }
    };

    /**
     * Adds a directory to this kind of source root; a directory already there is not added twice.
     *
     * @param project   the project being built.
     * @param directory the directory of generated code.
     */
    abstract void addTo(MavenProject project, Path directory);
}
