package dev.aeronrpc.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A process the test starts, with its output (standard error included) collected line by line so that the test can
 * wait for a line, each wait with a deadline. Closing it ends the process if it still runs: first as Ctrl-C would,
 * so that it can clean up, then by force.
 */
final class ChildProcess implements AutoCloseable
{
    private static final long STOP_TIMEOUT_MS = 15_000;

    private final String name;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildProcess(final String name, final Process process)
    {
        this.name = name;
        this.process = process;
        reader = new Thread(this::readOutput, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a command as a user would type it: none of the JVM options the environment may carry apply.
     *
     * @param name      names the process in messages.
     * @param directory the working directory.
     * @param command   the command and its arguments.
     * @return the running process.
     * @throws IOException when it cannot be started.
     */
    static ChildProcess start(final String name, final Path directory, final List<String> command) throws IOException
    {
        final ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return new ChildProcess(name, builder.start());
    }

    long pid()
    {
        return process.pid();
    }

    /**
     * Waits for a line holding some text.
     *
     * @param fragment  the text.
     * @param timeoutMs how long to wait at most.
     */
    void awaitLine(final String fragment, final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!hasLine(fragment))
        {
            if (!process.isAlive())
            {
                joinReader();
                if (!hasLine(fragment))
                {
                    fail(name + " exited with " + process.exitValue() + " before printing \"" + fragment +
                        "\"; it printed:\n" + output());
                }
                return;
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail(name + " did not print \"" + fragment + "\" within " + timeoutMs + " ms; it printed:\n" + output());
            }
            sleep(20);
        }
    }

    /**
     * Waits for the process to end by itself.
     *
     * @param timeoutMs how long to wait at most.
     * @return its exit status.
     * @throws InterruptedException when interrupted.
     */
    int awaitExit(final long timeoutMs) throws InterruptedException
    {
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS))
        {
            fail(name + " did not exit within " + timeoutMs + " ms; it printed:\n" + output());
        }
        joinReader();
        return process.exitValue();
    }

    /**
     * Asks the process to stop (SIGTERM, as Ctrl-C would) and waits for it.
     *
     * @return its exit status.
     * @throws InterruptedException when interrupted.
     */
    int stop() throws InterruptedException
    {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS))
        {
            fail(name + " did not stop within " + STOP_TIMEOUT_MS + " ms of SIGTERM; it printed:\n" + output());
        }
        joinReader();
        return process.exitValue();
    }

    String output()
    {
        return String.join("\n", lines);
    }

    @Override
    public void close() throws InterruptedException
    {
        if (process.isAlive())
        {
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }

    private boolean hasLine(final String fragment)
    {
        return lines.stream().anyMatch(line -> line.contains(fragment));
    }

    private void readOutput()
    {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while (null != (line = in.readLine()))
            {
                lines.add(line);
            }
        }
        catch (final IOException ignore)
        {
            // The process went away.
        }
    }

    private void joinReader()
    {
        try
        {
            reader.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
