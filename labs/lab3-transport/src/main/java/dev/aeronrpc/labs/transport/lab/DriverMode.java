package dev.aeronrpc.labs.transport.lab;

/**
 * Where the media driver runs.
 */
public enum DriverMode
{
    /** Inside the application's process, launched by it. */
    EMBEDDED,
    /** In a process of its own, already running; the application connects to its directory. */
    STANDALONE
}
