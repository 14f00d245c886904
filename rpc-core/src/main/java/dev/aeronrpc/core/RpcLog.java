package dev.aeronrpc.core;

import org.agrona.ErrorHandler;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Where the framework reports what belongs to no call: through {@link System.Logger} (the JDK's logging facade,
 * which routes to java.util.logging by default and to SLF4J, Log4j or any other backend that provides a
 * {@code System.LoggerFinder}; no dependency to add). One line per event at WARNING; the stack trace only when the
 * logger is enabled for DEBUG.
 * <p>
 * Events a remote peer can cause at will (malformed frames, requests of unknown sessions) go through a
 * {@link RateLimited} log instead: a few lines per interval, then a count of what was left out.
 */
public final class RpcLog
{
    /** The logger name of the framework's reports. */
    public static final String LOGGER_NAME = "dev.aeronrpc";

    private RpcLog()
    {
    }

    /**
     * The error handler clients and servers use when none is given: logs each error on one line.
     *
     * @param role who reports, such as {@code rpc-server}.
     * @return the error handler.
     */
    public static ErrorHandler errorHandler(final String role)
    {
        final Logger logger = System.getLogger(LOGGER_NAME);
        return throwable -> log(logger, role, throwable);
    }

    static void log(final Logger logger, final String role, final Throwable throwable)
    {
        try
        {
            if (logger.isLoggable(Level.DEBUG))
            {
                logger.log(Level.DEBUG, role + ": " + throwable, throwable);
            }
            else if (logger.isLoggable(Level.WARNING))
            {
                logger.log(Level.WARNING, role + ": " + describe(throwable));
            }
        }
        catch (final RuntimeException ignore)
        {
            // An error handler must not throw: a broken logging backend is not the caller's problem.
        }
    }

    private static String describe(final Throwable throwable)
    {
        return throwable instanceof RpcException ? throwable.getMessage() :
            throwable.getClass().getName() + (null != throwable.getMessage() ? ": " + throwable.getMessage() : "");
    }

    /**
     * A log a remote peer cannot flood: at most {@code linesPerInterval} lines per interval, then, with the next
     * line, how many were left out. Thread-safe.
     */
    public static final class RateLimited
    {
        private final Logger logger = System.getLogger(LOGGER_NAME);
        private final String role;
        private final int linesPerInterval;
        private final long intervalNs;
        private long intervalStartNs;
        private int lines;
        private long suppressed;

        /**
         * A rate-limited log.
         *
         * @param role             who reports.
         * @param linesPerInterval lines at most per interval.
         * @param intervalNs       the interval.
         */
        public RateLimited(final String role, final int linesPerInterval, final long intervalNs)
        {
            this.role = role;
            this.linesPerInterval = linesPerInterval;
            this.intervalNs = intervalNs;
            this.intervalStartNs = System.nanoTime() - intervalNs;
        }

        /**
         * Logs a line unless this interval's lines are spent.
         *
         * @param message what happened.
         * @param nowNs   the time now.
         * @return true when the line was logged.
         */
        public boolean log(final String message, final long nowNs)
        {
            final long suppressedBefore;
            synchronized (this)
            {
                if (nowNs - intervalStartNs >= intervalNs)
                {
                    intervalStartNs = nowNs;
                    lines = 0;
                }
                if (lines >= linesPerInterval)
                {
                    suppressed++;
                    return false;
                }
                lines++;
                suppressedBefore = suppressed;
                suppressed = 0;
            }
            try
            {
                logger.log(Level.WARNING, role + ": " + message +
                    (suppressedBefore > 0 ? " (and " + suppressedBefore + " more like it not logged)" : ""));
            }
            catch (final RuntimeException ignore)
            {
                // As for the error handler: never throw from a report.
            }
            return true;
        }

        /**
         * Whether a line would be logged now; use it to avoid building a message that would be dropped.
         *
         * @param nowNs the time now.
         * @return true when this interval has lines left.
         */
        public synchronized boolean wouldLog(final long nowNs)
        {
            return nowNs - intervalStartNs >= intervalNs || lines < linesPerInterval;
        }
    }
}
