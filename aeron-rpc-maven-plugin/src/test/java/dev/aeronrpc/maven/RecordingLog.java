package dev.aeronrpc.maven;

import org.apache.maven.plugin.logging.Log;

import java.util.ArrayList;
import java.util.List;

/**
 * A Maven log that keeps what it is told, one entry per call, as {@code LEVEL message}; debug is kept too.
 */
final class RecordingLog implements Log
{
    final List<String> lines = new ArrayList<>();

    List<String> at(final String level)
    {
        final String prefix = level + " ";
        return lines.stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
            .toList();
    }

    private void add(final String level, final CharSequence content, final Throwable error)
    {
        lines.add(level + " " + content + (null != error ? " " + error : ""));
    }

    public boolean isDebugEnabled()
    {
        return true;
    }

    public void debug(final CharSequence content)
    {
        add("DEBUG", content, null);
    }

    public void debug(final CharSequence content, final Throwable error)
    {
        add("DEBUG", content, error);
    }

    public void debug(final Throwable error)
    {
        add("DEBUG", "", error);
    }

    public boolean isInfoEnabled()
    {
        return true;
    }

    public void info(final CharSequence content)
    {
        add("INFO", content, null);
    }

    public void info(final CharSequence content, final Throwable error)
    {
        add("INFO", content, error);
    }

    public void info(final Throwable error)
    {
        add("INFO", "", error);
    }

    public boolean isWarnEnabled()
    {
        return true;
    }

    public void warn(final CharSequence content)
    {
        add("WARN", content, null);
    }

    public void warn(final CharSequence content, final Throwable error)
    {
        add("WARN", content, error);
    }

    public void warn(final Throwable error)
    {
        add("WARN", "", error);
    }

    public boolean isErrorEnabled()
    {
        return true;
    }

    public void error(final CharSequence content)
    {
        add("ERROR", content, null);
    }

    public void error(final CharSequence content, final Throwable error)
    {
        add("ERROR", content, error);
    }

    public void error(final Throwable error)
    {
        add("ERROR", "", error);
    }
}
