package dev.aeronrpc.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A JVM started from the test's class path running one of the example mains, with its output collected so a test
 * can wait for a line. Closing it kills it if it still runs.
 */
final class ChildProcess implements AutoCloseable
{
    private final String name;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildProcess(final String name, final Process process)
    {
        this.name = name;
        this.process = process;
        reader = new Thread(() ->
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
                // the process went away
            }
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildProcess start(final String name, final Class<?> mainClass, final String... properties)
    {
        final List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + "/bin/java");
        command.add("--add-opens");
        command.add("java.base/jdk.internal.misc=ALL-UNNAMED");
        command.add("--add-opens");
        command.add("java.base/java.util.zip=ALL-UNNAMED");
        command.add("-Xmx256m");
        command.add("-Daeron.rpc.idle.strategy=sleep-ns");
        command.addAll(List.of(properties));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        try
        {
            return new ChildProcess(name, new ProcessBuilder(command).redirectErrorStream(true).start());
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("could not start " + name, ex);
        }
    }

    void awaitLine(final String fragment, final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (lines.stream().noneMatch(line -> line.contains(fragment)))
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail(name + " did not print \"" + fragment + "\" within " + timeoutMs + " ms; it printed:\n" + output());
            }
            if (!process.isAlive())
            {
                joinReader();
                if (lines.stream().noneMatch(line -> line.contains(fragment)))
                {
                    fail(name + " exited with " + process.exitValue() + " before printing \"" + fragment +
                        "\"; it printed:\n" + output());
                }
            }
            sleepQuietly();
        }
    }

    int awaitExit(final long timeoutMs) throws InterruptedException
    {
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS))
        {
            fail(name + " did not exit within " + timeoutMs + " ms; it printed:\n" + output());
        }
        return process.exitValue();
    }

    /** Ends the process as a crash would: SIGKILL, no shutdown hooks, nothing cleaned up. */
    void kill() throws InterruptedException
    {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Freezes the process (SIGSTOP), as a debugger, a swapped-out VM or a long GC pause would. */
    void pause() throws Exception
    {
        signal("STOP");
    }

    /** Lets a frozen process go on (SIGCONT). */
    void resume() throws Exception
    {
        signal("CONT");
    }

    private void signal(final String signal) throws Exception
    {
        final Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || 0 != kill.exitValue())
        {
            fail("could not send SIG" + signal + " to " + name);
        }
    }

    /** How many lines the process has printed that contain a fragment. */
    long countLines(final String fragment)
    {
        return lines.stream().filter(line -> line.contains(fragment)).count();
    }

    /** Asks the process to stop (SIGTERM), as Ctrl-C would, and waits for it; the JVM then exits with 143. */
    int stop() throws InterruptedException
    {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            fail(name + " did not stop on SIGTERM");
        }
        return process.exitValue();
    }

    String output()
    {
        return String.join("\n", lines);
    }

    @Override
    public void close()
    {
        if (process.isAlive())
        {
            process.destroyForcibly();
            try
            {
                process.waitFor();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
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

    private static void sleepQuietly()
    {
        try
        {
            Thread.sleep(10);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
