package dev.aeronrpc.benchmarks.scale;

import dev.aeronrpc.benchmarks.api.BenchClient;
import dev.aeronrpc.benchmarks.api.BenchStub;
import dev.aeronrpc.benchmarks.rpc.BenchService;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.RpcConfiguration;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.RpcMediaDriver;
import dev.aeronrpc.server.RpcServer;
import dev.aeronrpc.server.SessionListener;
import dev.aeronrpc.core.Status;
import io.aeron.Aeron;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Many clients against one server, in one process: how long they take to connect, what each costs in memory and in
 * the drivers' shared memory, what they cost in CPU while idle, and one call from each with all of them connected.
 * <p>
 * The server runs on a driver of its own; over UDP the clients share a second driver (as clients on another host
 * would share theirs), over IPC they share the server's. Each client has its own Aeron client and its own thread,
 * as a client process would; {@code --shared-aeron} gives them one Aeron client instead, as many clients in one
 * process should; {@code --pollers N} also runs them in invoker mode, driven by N threads between them, instead of a
 * thread each (a thousand threads that each wake for their timers cost two cores more than the clients do). Both
 * drivers are SHARED-threaded with the configured idle strategy.
 * <p>
 * {@code java -jar benchmarks/target/aeron-rpc-benchmarks.jar clients [--clients N] [--transport udp|ipc]
 * [--term-length BYTES] [--connect-threads N] [--shared-aeron] [--pollers N]}
 */
public final class ManyClients
{
    private final int clients;
    private final boolean ipc;
    private final int termLength;
    private final int connectThreads;
    private final boolean sharedAeron;
    private final ClientPollers pollers;

    private ManyClients(
        final int clients,
        final boolean ipc,
        final int termLength,
        final int connectThreads,
        final boolean sharedAeron,
        final int pollerThreads)
    {
        this.pollers = pollerThreads > 0 ? new ClientPollers(pollerThreads) : null;
        this.clients = clients;
        this.ipc = ipc;
        this.termLength = termLength;
        this.connectThreads = connectThreads;
        this.sharedAeron = sharedAeron;
    }

    /**
     * Runs the scenario.
     *
     * @param args the options above.
     * @throws Exception when the run fails.
     */
    public static void main(final String[] args) throws Exception
    {
        int clients = 1000;
        boolean ipc = false;
        int termLength = 64 * 1024;
        int connectThreads = 8;
        boolean sharedAeron = false;
        int pollers = 0;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--transport" -> ipc = "ipc".equals(args[++i]);
                case "--term-length" -> termLength = Integer.parseInt(args[++i]);
                case "--connect-threads" -> connectThreads = Integer.parseInt(args[++i]);
                case "--shared-aeron" -> sharedAeron = true;
                case "--pollers" -> pollers = Integer.parseInt(args[++i]);
                default ->
                {
                    System.err.println("unknown option " + args[i] + "; use --clients N, --transport udp|ipc, " +
                        "--term-length BYTES, --connect-threads N, --shared-aeron, --pollers N");
                    System.exit(2);
                }
            }
        }
        new ManyClients(clients, ipc, termLength, connectThreads, sharedAeron, pollers).run();
    }

    private final Map<String, AtomicInteger> closedSessions = new ConcurrentHashMap<>();

    private void run() throws Exception
    {
        System.out.printf("%d clients over %s, term length %d, %s, %s, idle strategy %s%n", clients,
            ipc ? "IPC" : "UDP", termLength, sharedAeron ? "one shared Aeron client" : "an Aeron client each",
            null == pollers ? "a thread each" : "invoker mode, " + pollers.threads() + " polling threads",
            System.getProperty(RpcConfiguration.IDLE_STRATEGY_PROP_NAME, RpcConfiguration.IDLE_STRATEGY_DEFAULT));
        RpcMediaDriver serverDriver = null;
        RpcMediaDriver clientDriver = null;
        RpcServer server = null;
        Aeron shared = null;
        final List<RpcClient> connected = new ArrayList<>();
        try
        {
            serverDriver = RpcMediaDriver.launch(RpcMediaDriver.defaultContext(termLength));
            clientDriver = ipc ? serverDriver : RpcMediaDriver.launch(RpcMediaDriver.defaultContext(termLength));
            server = RpcServer.launch(new RpcServer.Context()
                .aeronDirectoryName(serverDriver.aeronDirectoryName())
                .channel(ipc ? "aeron:ipc" : "aeron:udp?endpoint=localhost:0")
                .termLength(termLength)
                .maxSessions(clients + 16)
                .sessionListener(new SessionListener()
                {
                    public void onSessionClosed(
                        final long sessionId, final long clientId, final Status status, final String reason)
                    {
                        closedSessions.computeIfAbsent(status + ": " + (null == reason ? "disconnected" :
                            reason.replaceAll("[0-9]+", "N")), k -> new AtomicInteger()).incrementAndGet();
                    }
                })
                .addService(new BenchStub(new BenchService())));
            if (sharedAeron)
            {
                shared = Aeron.connect(new Aeron.Context().aeronDirectoryName(clientDriver.aeronDirectoryName()));
            }
            final long heapBefore = usedHeap();
            final long shmBefore = shmBytes(clientDriver, serverDriver, false);

            connect(server.channel(), clientDriver.aeronDirectoryName(), shared, connected);
            final int connectedCount = connected.size();
            final RpcServer s = server;
            awaitSessions(s, connectedCount);
            if (!closedSessions.isEmpty())
            {
                System.out.println("sessions the server ended meanwhile: " + closedSessions);
            }

            final long heapAfter = usedHeap();
            final long shmActual = shmBytes(clientDriver, serverDriver, false) - shmBefore;
            final long shmApparent = shmBytes(clientDriver, serverDriver, true);
            System.out.printf("memory: heap %+.1f MB (%.1f KB per client); shared memory %.1f MB in use " +
                "(%.1f KB per client), %.1f MB apparent%n",
                (heapAfter - heapBefore) / 1e6, (heapAfter - heapBefore) / 1e3 / Math.max(1, connectedCount),
                shmActual / 1e6, shmActual / 1e3 / Math.max(1, connectedCount), shmApparent / 1e6);

            // Let the connect burst settle (and the JIT finish) before measuring what idle clients cost.
            Thread.sleep(3_000);
            idleCpu(Duration.ofSeconds(5));
            oneCallEach(connected);
        }
        finally
        {
            CloseHelper.quietClose(pollers);
            final ExecutorService closer = Executors.newFixedThreadPool(connectThreads);
            try
            {
                for (final RpcClient client : connected)
                {
                    closer.submit(() -> CloseHelper.quietClose(client));
                }
            }
            finally
            {
                closer.shutdown();
                awaitQuietly(closer);
            }
            CloseHelper.quietCloseAll(shared, server);
            if (clientDriver != serverDriver)
            {
                CloseHelper.quietClose(clientDriver);
            }
            CloseHelper.quietClose(serverDriver);
        }
    }

    private void connect(
        final String channel, final String clientDir, final Aeron shared, final List<RpcClient> connected)
        throws Exception
    {
        final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        final long startNs = System.nanoTime();
        final List<Future<RpcClient>> futures = new ArrayList<>();
        final ExecutorService pool = Executors.newFixedThreadPool(connectThreads);
        try
        {
            for (int i = 0; i < clients; i++)
            {
                futures.add(pool.submit(() ->
                {
                    final RpcClient.Context ctx = new RpcClient.Context()
                        .requestChannel(channel)
                        .termLength(termLength)
                        .connectTimeoutNs(TimeUnit.SECONDS.toNanos(60))
                        .invokerMode(null != pollers);
                    if (null != shared)
                    {
                        ctx.aeron(shared);
                    }
                    else
                    {
                        ctx.aeronDirectoryName(clientDir);
                    }
                    try
                    {
                        final RpcClient client = RpcClient.connect(ctx);
                        if (null != pollers)
                        {
                            pollers.add(client);
                        }
                        return client;
                    }
                    catch (final RpcException ex)
                    {
                        failures.computeIfAbsent(ex.status() + ": " + ex.description(), k -> new AtomicInteger())
                            .incrementAndGet();
                        return null;
                    }
                }));
            }
            for (final Future<RpcClient> future : futures)
            {
                final RpcClient client = future.get();
                if (null != client)
                {
                    connected.add(client);
                }
            }
        }
        finally
        {
            pool.shutdown();
            awaitQuietly(pool);
        }
        final long elapsedNs = System.nanoTime() - startNs;
        System.out.printf("connect: %d of %d clients in %.2f s (%d threads connecting)%s%n", connected.size(), clients,
            elapsedNs / 1e9, connectThreads, failures.isEmpty() ? "" : "; failures " + failures);
    }

    private static void awaitSessions(final RpcServer server, final int count)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.sessionCount() < count && System.nanoTime() - deadlineNs < 0)
        {
            Thread.onSpinWait();
        }
        System.out.printf("server sessions: %d%n", server.sessionCount());
    }

    /**
     * CPU time each group of threads used while every client sat idle, as a share of one core.
     */
    private static void idleCpu(final Duration period) throws InterruptedException
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final Map<Long, String> groups = new TreeMap<>();
        final Map<Long, Long> before = new TreeMap<>();
        for (final ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds()))
        {
            if (null != info)
            {
                groups.put(info.getThreadId(), group(info.getThreadName()));
                before.put(info.getThreadId(), threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        final long startNs = System.nanoTime();
        Thread.sleep(period.toMillis());
        final long elapsedNs = System.nanoTime() - startNs;
        final Map<String, Long> byGroup = new TreeMap<>();
        final Map<String, Long> byName = new TreeMap<>();
        for (final Map.Entry<Long, Long> entry : before.entrySet())
        {
            final long after = threads.getThreadCpuTime(entry.getKey());
            if (after >= 0 && entry.getValue() >= 0)
            {
                byGroup.merge(groups.get(entry.getKey()), after - entry.getValue(), Long::sum);
                final ThreadInfo info = threads.getThreadInfo(entry.getKey());
                if (null != info)
                {
                    byName.merge(info.getThreadName().replaceAll("[-0-9]+$", ""), after - entry.getValue(), Long::sum);
                }
            }
        }
        if (Boolean.getBoolean("clients.threads"))
        {
            byName.forEach((name, ns) -> System.out.printf("  %s %.1f%%%n", name, 100.0 * ns / elapsedNs));
        }
        final StringBuilder line = new StringBuilder("idle CPU over " + period.toSeconds() + " s (% of a core):");
        long total = 0;
        for (final Map.Entry<String, Long> entry : byGroup.entrySet())
        {
            total += entry.getValue();
            line.append(String.format(" %s %.1f%%,", entry.getKey(), 100.0 * entry.getValue() / elapsedNs));
        }
        line.append(String.format(" total %.1f%%", 100.0 * total / elapsedNs));
        System.out.println(line);
    }

    private static String group(final String threadName)
    {
        if (threadName.startsWith("rpc-client")) return "client threads";
        if (threadName.startsWith("rpc-server")) return "server thread";
        if (threadName.startsWith("aeron-client-conductor")) return "Aeron client conductors";
        if (threadName.startsWith("driver") || threadName.contains("shared") || threadName.contains("sender") ||
            threadName.contains("receiver") || threadName.contains("conductor")) return "media drivers";
        return "other";
    }

    private void oneCallEach(final List<RpcClient> connected) throws Exception
    {
        final long[] latencies = new long[connected.size()];
        final AtomicInteger ok = new AtomicInteger();
        final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        final long startNs = System.nanoTime();
        final ExecutorService pool = Executors.newFixedThreadPool(connectThreads);
        try
        {
            final List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < connected.size(); i++)
            {
                final int index = i;
                futures.add(pool.submit(() ->
                {
                    final BenchClient bench = new BenchClient(connected.get(index));
                    final UnsafeBuffer data = new UnsafeBuffer(new byte[32]);
                    final long callStartNs = System.nanoTime();
                    try
                    {
                        bench.echo(bench.echoRequest().putData(data, 0, data.capacity()));
                        latencies[index] = System.nanoTime() - callStartNs;
                        ok.incrementAndGet();
                    }
                    catch (final RpcException ex)
                    {
                        latencies[index] = Long.MAX_VALUE;
                        failures.computeIfAbsent(ex.status().name(), k -> new AtomicInteger()).incrementAndGet();
                    }
                }));
            }
            for (final Future<?> future : futures)
            {
                future.get();
            }
        }
        finally
        {
            pool.shutdown();
            awaitQuietly(pool);
        }
        final long elapsedNs = System.nanoTime() - startNs;
        Arrays.sort(latencies);
        final int n = latencies.length;
        System.out.printf("one call each: %d OK of %d in %.2f s%s; latency p50 %.0f us, p99 %.0f us, max %.0f us " +
            "(the first call after an idle spell wakes the client's thread)%n",
            ok.get(), n, elapsedNs / 1e9, failures.isEmpty() ? "" : ", failures " + failures,
            micros(latencies, n / 2), micros(latencies, (int)(n * 0.99)), micros(latencies, n - 1));
    }

    private static double micros(final long[] sorted, final int index)
    {
        if (0 == sorted.length)
        {
            return 0;
        }
        final long value = sorted[Math.min(index, sorted.length - 1)];
        return Long.MAX_VALUE == value ? Double.NaN : value / 1e3;
    }

    private static void awaitQuietly(final ExecutorService pool)
    {
        try
        {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static long usedHeap()
    {
        System.gc();
        final Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /**
     * Bytes the drivers' files take: apparent (their lengths) or in use (blocks allocated, from {@code du}).
     */
    private static long shmBytes(final RpcMediaDriver a, final RpcMediaDriver b, final boolean apparent)
    {
        long total = bytes(Path.of(a.aeronDirectoryName()), apparent);
        if (a != b)
        {
            total += bytes(Path.of(b.aeronDirectoryName()), apparent);
        }
        return total;
    }

    private static long bytes(final Path dir, final boolean apparent)
    {
        if (apparent)
        {
            try (Stream<Path> files = Files.walk(dir))
            {
                return files.filter(Files::isRegularFile).mapToLong(p ->
                {
                    try
                    {
                        return Files.size(p);
                    }
                    catch (final IOException ex)
                    {
                        return 0;
                    }
                }).sum();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        try
        {
            final Process du = new ProcessBuilder("du", "-sk", dir.toString()).redirectErrorStream(true).start();
            final String out = new String(du.getInputStream().readAllBytes()).trim();
            du.waitFor();
            return Long.parseLong(out.split("\\s+")[0]) * 1024;
        }
        catch (final IOException | InterruptedException | NumberFormatException ex)
        {
            return -1;
        }
    }
}
