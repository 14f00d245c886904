package dev.aeronrpc.examples;

/**
 * The examples jar's entry point: {@code java -jar aeron-rpc-examples.jar [demo|server|client|driver|web|call|guarantees|watch|stat]}.
 */
public final class Launcher
{
    private Launcher()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final String command = args.length > 0 ? args[0] : "demo";
        switch (command)
        {
            case "demo" -> DemoMain.main(args);
            case "server" -> ServerMain.main(args);
            case "client" -> ClientMain.main(args);
            case "driver" -> DriverMain.main(args);
            case "guarantees" -> GuaranteesMain.main(args);
            case "watch" -> WatchMain.main(args);
            case "web" -> WebMain.main(args);
            case "call" -> CallMain.main(args);
            case "stat" -> io.aeron.samples.AeronStat.main(new String[0]);
            default ->
            {
                System.err.println("usage: java -jar aeron-rpc-examples.jar [demo|server|client|driver|web|call|guarantees|watch|stat]");
                System.exit(2);
            }
        }
    }
}
