package dev.aeronrpc.benchmarks.large;

import dev.aeronrpc.benchmarks.Transport;
import dev.aeronrpc.benchmarks.aeron.AeronLargeEcho;
import dev.aeronrpc.benchmarks.api.BenchClient;
import dev.aeronrpc.benchmarks.api.BenchStub;
import dev.aeronrpc.benchmarks.grpc.GrpcLargeEcho;
import dev.aeronrpc.benchmarks.rpc.BenchService;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.RpcConfiguration;
import dev.aeronrpc.core.RpcMediaDriver;
import dev.aeronrpc.server.RpcServer;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;

import java.time.Duration;
import java.util.Locale;

/**
 * Large unary calls: 1 MiB and 16 MiB echoes and a 64 MiB echo (in chunks, as every frame above 512 KiB is with the
 * default 4 MiB terms), one call in flight, in MB/s of payload each way; beside plain Aeron sending the same bytes
 * and gRPC-java echoing them over loopback TCP. Everything runs on one embedded SHARED driver per pair with the
 * configured idle strategy.
 * <p>
 * {@code java -jar benchmarks/target/aeron-rpc-benchmarks.jar large [--quick]}
 */
public final class LargeMessages
{
    private static final int MIB = 1024 * 1024;
    private static final int[] SIZES = {MIB, 16 * MIB, 64 * MIB - 1024};

    private LargeMessages()
    {
    }

    /**
     * Runs the measurements and prints a table.
     *
     * @param args {@code --quick} for fewer calls.
     */
    public static void main(final String[] args)
    {
        final boolean quick = args.length > 0 && "--quick".equals(args[0]);
        System.out.printf("large unary echoes, one call in flight, MB/s of payload each way; idle strategy %s, " +
            "embedded SHARED drivers, term length %d%n",
            System.getProperty(RpcConfiguration.IDLE_STRATEGY_PROP_NAME, RpcConfiguration.IDLE_STRATEGY_DEFAULT),
            RpcConfiguration.intProperty(RpcConfiguration.TERM_LENGTH_PROP_NAME, RpcConfiguration.TERM_LENGTH_DEFAULT));
        System.out.println();
        System.out.println("| payload | transport | rpc MB/s | aeron MB/s | rpc / aeron | grpc MB/s | rpc / grpc |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|");
        for (final int size : SIZES)
        {
            final int calls = Math.max(2, (quick ? 64 : 256) * MIB / size);
            for (final Transport transport : Transport.values())
            {
                final double rpc = rpc(transport, size, calls);
                final double aeron = aeron(transport, size, calls);
                final double grpc = Transport.IPC == transport ? Double.NaN : grpc(size, calls);
                System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.2f | %s | %s |%n",
                    size >= 64 * MIB - 1024 ? "64 MiB" : (size / MIB) + " MiB", transport.name().toLowerCase(Locale.ROOT),
                    rpc, aeron, rpc / aeron,
                    Double.isNaN(grpc) ? "—" : String.format(Locale.ROOT, "%.0f", grpc),
                    Double.isNaN(grpc) ? "—" : String.format(Locale.ROOT, "%.2f", rpc / grpc));
            }
        }
    }

    private static double rpc(final Transport transport, final int size, final int calls)
    {
        RpcMediaDriver driver = null;
        RpcServer server = null;
        RpcClient client = null;
        try
        {
            driver = RpcMediaDriver.launch();
            server = RpcServer.launch(new RpcServer.Context()
                .aeronDirectoryName(driver.aeronDirectoryName())
                .channel(Transport.IPC == transport ? "aeron:ipc" : "aeron:udp?endpoint=localhost:0")
                .addService(new BenchStub(new BenchService())));
            client = RpcClient.connect(new RpcClient.Context()
                .aeronDirectoryName(driver.aeronDirectoryName())
                .requestChannel(server.channel()));
            final BenchClient bench = new BenchClient(client).withTimeout(Duration.ofMinutes(2));
            final UnsafeBuffer bytes = new UnsafeBuffer(new byte[size]);
            bench.echo(bench.echoRequest().putData(bytes, 0, size));
            final long startNs = System.nanoTime();
            for (int i = 0; i < calls; i++)
            {
                if (bench.echo(bench.echoRequest().putData(bytes, 0, size)).dataLength() != size)
                {
                    throw new IllegalStateException("short answer");
                }
            }
            return megabytesPerSecond(size, calls, System.nanoTime() - startNs);
        }
        finally
        {
            CloseHelper.closeAll(client, server, driver);
        }
    }

    private static double aeron(final Transport transport, final int size, final int calls)
    {
        try (AeronLargeEcho echo = new AeronLargeEcho(transport))
        {
            final UnsafeBuffer bytes = new UnsafeBuffer(new byte[size]);
            echo.echo(bytes);
            final long startNs = System.nanoTime();
            for (int i = 0; i < calls; i++)
            {
                echo.echo(bytes);
            }
            return megabytesPerSecond(size, calls, System.nanoTime() - startNs);
        }
    }

    private static double grpc(final int size, final int calls)
    {
        try (GrpcLargeEcho echo = new GrpcLargeEcho())
        {
            final byte[] bytes = new byte[size];
            echo.echo(bytes);
            final long startNs = System.nanoTime();
            for (int i = 0; i < calls; i++)
            {
                echo.echo(bytes);
            }
            return megabytesPerSecond(size, calls, System.nanoTime() - startNs);
        }
    }

    private static double megabytesPerSecond(final int size, final int calls, final long elapsedNs)
    {
        return (double)size * calls / 1e6 / (elapsedNs / 1e9);
    }
}
