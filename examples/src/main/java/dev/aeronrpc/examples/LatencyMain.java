package dev.aeronrpc.examples;

import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.RpcConfiguration;
import dev.aeronrpc.core.RpcMediaDriver;
import dev.aeronrpc.examples.api.EchoClient;
import dev.aeronrpc.examples.api.EchoStub;
import dev.aeronrpc.server.RpcServer;

import java.util.Arrays;

/**
 * Times blocking Echo calls, one in flight, over IPC and over UDP on one embedded driver, and prints percentiles
 * of the round trip. A quick look, not a benchmark harness: closed loop, so a stall delays the next call instead
 * of being counted against it.
 * <p>
 * {@code java -Daeron.rpc.idle.strategy=backoff -jar aeron-rpc-examples.jar latency [calls] [warm-up calls]}
 */
public final class LatencyMain
{
    private static final byte[] PING = "ping".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private LatencyMain()
    {
    }

    public static void main(final String[] args)
    {
        final int calls = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        final int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        System.out.println("blocking Echo round trip, 1 call in flight, " + calls + " calls after " + warmUp +
            " warm-up calls; payload 'ping' (envelope + 4 bytes)");
        System.out.println("threads: driver (SHARED), server agent, client caller (polls its own answer), client agent;" +
            " idle strategy '" + System.getProperty(RpcConfiguration.IDLE_STRATEGY_PROP_NAME,
            RpcConfiguration.IDLE_STRATEGY_DEFAULT) + "' for all");

        try (RpcMediaDriver driver = RpcMediaDriver.launch())
        {
            for (final String channel : new String[]{"aeron:ipc", "aeron:udp?endpoint=localhost:0"})
            {
                try (RpcServer server = RpcServer.launch(new RpcServer.Context()
                        .aeronDirectoryName(driver.aeronDirectoryName())
                        .channel(channel)
                        .addService(new EchoStub(new EchoService())));
                    RpcClient client = RpcClient.connect(new RpcClient.Context()
                        .aeronDirectoryName(driver.aeronDirectoryName())
                        .requestChannel(server.channel())))
                {
                    final EchoClient echo = new EchoClient(client);
                    for (int i = 0; i < warmUp; i++)
                    {
                        echo.echo(echo.echoRequest().putText(PING, 0, PING.length));
                    }

                    final long[] rttNs = new long[calls];
                    for (int i = 0; i < calls; i++)
                    {
                        final long startNs = System.nanoTime();
                        echo.echo(echo.echoRequest().putText(PING, 0, PING.length));
                        rttNs[i] = System.nanoTime() - startNs;
                    }
                    Arrays.sort(rttNs);
                    // The request's text is put from bytes encoded once: a String would allocate on every call.
                    System.out.printf("%-32s p50 %8.1f us  p90 %8.1f us  p99 %8.1f us  p99.9 %8.1f us  max %8.1f us%n",
                        channel.startsWith("aeron:ipc") ? "IPC" : "UDP (loopback)",
                        at(rttNs, 0.5), at(rttNs, 0.9), at(rttNs, 0.99), at(rttNs, 0.999), rttNs[calls - 1] / 1000.0);
                }
            }
        }
    }

    private static double at(final long[] sorted, final double fraction)
    {
        return sorted[Math.min(sorted.length - 1, (int)(fraction * sorted.length))] / 1000.0;
    }
}
