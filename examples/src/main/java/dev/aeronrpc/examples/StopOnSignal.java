package dev.aeronrpc.examples;

/**
 * Closes a long-running example when the JVM is asked to stop (Ctrl-C, SIGTERM), so that its media driver
 * directory is deleted and its clients are told it is going.
 */
final class StopOnSignal
{
    private StopOnSignal()
    {
    }

    static void run(final String name, final AutoCloseable resource)
    {
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            System.out.println(name + " shutting down");
            try
            {
                resource.close();
            }
            catch (final Exception ex)
            {
                ex.printStackTrace();
            }
        }, name + "-shutdown"));
    }
}
