package dev.aeronrpc.maven;

import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SourceRootTest
{
    @TempDir
    Path dir;

    @Test
    void shouldAddMainSourcesOnceAndLeaveTestSourcesAlone()
    {
        final MavenProject project = project();
        final Path generated = dir.resolve("target/generated-sources/rpc");

        SourceRoot.MAIN.addTo(project, generated);
        SourceRoot.MAIN.addTo(project, generated);

        assertEquals(1, project.getCompileSourceRoots().stream().filter(generated.toString()::equals).count(),
            project.getCompileSourceRoots().toString());
        assertFalse(project.getTestCompileSourceRoots().contains(generated.toString()));
    }

    @Test
    void shouldAddTestSourcesOnceAndLeaveMainSourcesAlone()
    {
        final MavenProject project = project();
        final Path generated = dir.resolve("target/generated-test-sources/rpc");

        SourceRoot.TEST.addTo(project, generated);
        SourceRoot.TEST.addTo(project, generated);

        assertEquals(1, project.getTestCompileSourceRoots().stream().filter(generated.toString()::equals).count(),
            project.getTestCompileSourceRoots().toString());
        assertFalse(project.getCompileSourceRoots().contains(generated.toString()));
    }

    private MavenProject project()
    {
        final MavenProject project = new MavenProject();
        project.setFile(new File(dir.toFile(), "pom.xml"));
        return project;
    }
}
