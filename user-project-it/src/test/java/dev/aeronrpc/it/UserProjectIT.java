package dev.aeronrpc.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a new user does: paste the README's pom, write a schema with a KeyValue service and a few lines against the
 * generated code, build with Maven, then run the server and the client as two processes with plain {@code java -jar}.
 * The artifacts come from this build, installed into a repository of the module's own by maven-invoker-plugin.
 */
@Timeout(300)
class UserProjectIT
{
    private static final long START_TIMEOUT_MS = 30_000;
    private static final long CLIENT_TIMEOUT_MS = 30_000;

    @Test
    void shouldBuildTheReadmesPomAndRunItsServerAndClientAsTwoProcesses() throws Exception
    {
        final String pom = ReadmePom.read(path("it.readme"));
        assertTrue(pom.contains("<aeron-rpc.version>" + System.getProperty("it.version") + "</aeron-rpc.version>"),
            "the README's pom names this build's version:\n" + pom);

        final UserProject project = UserProject.create(path("it.work").resolve("key-value"), pom, path("it.sources"));
        final Path jar = project.build(path("it.maven.home"), path("it.repository"), path("it.outer.repository"));

        final String port = Integer.toString(freeUdpPort());
        final List<Long> pids = new ArrayList<>();
        try (ChildProcess server = ChildProcess.start("server", project.directory(), javaJar(jar, "server", port)))
        {
            pids.add(server.pid());
            server.awaitLine("KeyValue server listening on aeron:udp?endpoint=localhost:" + port, START_TIMEOUT_MS);

            try (ChildProcess client = ChildProcess.start(
                "client", project.directory(), javaJar(jar, "client", port, "greeting", "hello, aeron-rpc")))
            {
                pids.add(client.pid());
                assertEquals(0, client.awaitExit(CLIENT_TIMEOUT_MS), client.output());
                assertTrue(client.output().lines().anyMatch("greeting = hello, aeron-rpc"::equals), client.output());
            }

            // SIGTERM, as Ctrl-C: the server's shutdown hook closes it, and its embedded driver's directory goes.
            server.stop();
            assertEquals(List.of(), AeronDirectories.ownedBy(pids), "media driver directories left behind");
        }
        finally
        {
            AeronDirectories.delete(AeronDirectories.ownedBy(pids));
        }
    }

    /** The command a user types: no JVM flags, the jar's manifest opens what Agrona needs. */
    private static List<String> javaJar(final Path jar, final String... args)
    {
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static Path path(final String property)
    {
        final String value = System.getProperty(property);
        if (null == value)
        {
            throw new IllegalStateException("system property " + property + " is not set: run with mvn verify");
        }
        return Path.of(value).toAbsolutePath().normalize();
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
