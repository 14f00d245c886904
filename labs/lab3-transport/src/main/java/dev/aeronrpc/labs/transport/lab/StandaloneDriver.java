package dev.aeronrpc.labs.transport.lab;

import dev.aeronrpc.labs.grading.Await;
import io.aeron.CommonContext;
import io.aeron.exceptions.DriverTimeoutException;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Aeron's own media driver ({@code io.aeron.driver.MediaDriver}'s main) in a process of its own, as a production
 * deployment runs it: SHARED threading with a backing-off idle strategy for a small machine, its directory deleted
 * when it starts and when it stops.
 */
final class StandaloneDriver implements AutoCloseable
{
    private final Process process;
    private final String directory;

    StandaloneDriver(final String directory) throws IOException
    {
        this.directory = directory;
        final List<String> command = new ArrayList<>(List.of(
            ProcessHandle.current().info().command().orElse("java"),
            "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.zip=ALL-UNNAMED",
            "-Xmx128m",
            "-cp", System.getProperty("java.class.path"),
            "-Daeron.dir=" + directory,
            "-Daeron.threading.mode=SHARED",
            "-Daeron.shared.idle.strategy=backoff",
            "-Daeron.dir.delete.on.start=true",
            "-Daeron.dir.delete.on.shutdown=true",
            "-Daeron.print.configuration=false",
            "io.aeron.driver.MediaDriver"));
        process = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        try
        {
            Await.until(() -> !process.isAlive() || isActive(directory), 20_000,
                "the standalone media driver to start");
            if (!process.isAlive())
            {
                throw new IllegalStateException("the standalone media driver exited with " + process.exitValue());
            }
        }
        catch (final RuntimeException | Error ex)
        {
            close();
            throw ex;
        }
    }

    private static boolean isActive(final String directory)
    {
        try
        {
            return CommonContext.isDriverActive(new File(directory), 100, s -> { });
        }
        catch (final DriverTimeoutException ex)
        {
            // The driver has created its CnC file but not yet written it: not active yet, ask again.
            return false;
        }
    }

    long pid()
    {
        return process.pid();
    }

    String directory()
    {
        return directory;
    }

    /**
     * Stops the driver (SIGTERM: its shutdown barrier closes it and deletes its directory), forcibly if it takes
     * too long.
     */
    @Override
    public void close()
    {
        process.destroy();
        try
        {
            if (!process.waitFor(10, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
