package dev.aeronrpc.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A new user's project on disk: the README's pom, and a schema and code of the user's own. It is built by a Maven of
 * its own, as the user would build it, with a local repository that holds only what this build installed there and
 * what Maven fetches on top.
 */
final class UserProject
{
    private static final long BUILD_TIMEOUT_MS = 240_000;

    private final Path directory;

    private UserProject(final Path directory)
    {
        this.directory = directory;
    }

    /**
     * Lays the project out afresh.
     *
     * @param directory where; whatever is there is removed first.
     * @param pom       the pom's text.
     * @param sources   a directory whose tree (schemas, Java sources) is copied into the project.
     * @return the project.
     * @throws IOException when a file cannot be written.
     */
    static UserProject create(final Path directory, final String pom, final Path sources) throws IOException
    {
        deleteTree(directory);
        try (Stream<Path> files = Files.walk(sources))
        {
            for (final Path file : files.filter(Files::isRegularFile).toList())
            {
                final Path target = directory.resolve(sources.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        Files.writeString(directory.resolve("pom.xml"), pom, StandardCharsets.UTF_8);
        // Marks the project's root: Maven then looks no further up (to this repository's own) for a .mvn directory.
        Files.createDirectories(directory.resolve(".mvn"));
        return new UserProject(directory);
    }

    Path directory()
    {
        return directory;
    }

    /**
     * Runs {@code mvn package} on the project and checks it succeeded.
     *
     * @param mavenHome       the Maven to run, the one running this build.
     * @param localRepository the local repository to build with.
     * @param mirrorOf        a local repository to take released artifacts from before Maven Central, so that what
     *                        this build already downloaded is not downloaded again.
     * @return the runnable jar it built.
     * @throws Exception when Maven cannot be run.
     */
    Path build(final Path mavenHome, final Path localRepository, final Path mirrorOf) throws Exception
    {
        final Path settings = writeSettings(mirrorOf);
        final Path log = directory.resolve("build.log");
        final List<String> command = List.of(
            mavenHome.resolve("bin").resolve("mvn").toString(), "-B", "-s", settings.toString(),
            "-Dmaven.repo.local=" + localRepository, "package");
        try (ChildProcess maven = ChildProcess.start("mvn package", directory, command))
        {
            final int status = maven.awaitExit(BUILD_TIMEOUT_MS);
            Files.writeString(log, maven.output(), StandardCharsets.UTF_8);
            assertEquals(0, status, "the user's project did not build; see " + log + ":\n" + maven.output());
        }
        try (Stream<Path> files = Files.list(directory.resolve("target")))
        {
            final List<Path> jars = files
                .filter(file -> file.getFileName().toString().endsWith(".jar"))
                .filter(file -> !file.getFileName().toString().startsWith("original-"))
                .toList();
            assertEquals(1, jars.size(), "one runnable jar in target: " + jars);
            return jars.get(0);
        }
    }

    /**
     * Settings that take released artifacts from this build's local repository first; Maven Central stays behind it
     * for whatever the user's build needs beyond this build (the default plugins of Maven 3.8 that this build pins to
     * other versions). Snapshots come only from the project's own local repository, where this build installed them.
     */
    private Path writeSettings(final Path releasesFrom) throws IOException
    {
        final String url = releasesFrom.toUri().toString();
        final String repository = """
                        <id>this-build</id>
                        <url>%s</url>
                        <releases><enabled>true</enabled></releases>
                        <snapshots><enabled>false</enabled></snapshots>""".formatted(url);
        final String settings = """
            <settings>
                <profiles>
                    <profile>
                        <id>this-build</id>
                        <repositories><repository>
            %s
                        </repository></repositories>
                        <pluginRepositories><pluginRepository>
            %s
                        </pluginRepository></pluginRepositories>
                    </profile>
                </profiles>
                <activeProfiles><activeProfile>this-build</activeProfile></activeProfiles>
            </settings>
            """.formatted(repository, repository);
        final Path file = directory.resolve("target-settings.xml");
        Files.writeString(file, settings, StandardCharsets.UTF_8);
        assertTrue(Files.isRegularFile(file));
        return file;
    }

    private static void deleteTree(final Path directory) throws IOException
    {
        if (!Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
    }
}
