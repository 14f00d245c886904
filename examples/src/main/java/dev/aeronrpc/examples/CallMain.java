package dev.aeronrpc.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aeronrpc.client.CallOptions;
import dev.aeronrpc.client.ClientStream;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.RawMessageDecoder;
import dev.aeronrpc.core.RawMessageEncoder;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.gateway.json.JsonConversionException;
import dev.aeronrpc.gateway.json.MessageType;
import dev.aeronrpc.gateway.json.JsonMethod;
import dev.aeronrpc.gateway.json.SchemaCatalog;
import org.agrona.ExpandableArrayBuffer;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Calls any method of a schema from the command line with JSON, in the spirit of grpcurl: no generated code, the
 * schema alone says how to encode the request and read the answer. It speaks Aeron directly, as an RPC client.
 * <pre>
 * call --list                                      the schema's services and methods
 * call Echo/echo '{"text":"hi"}'                   a unary call: prints the response as JSON
 * call Market/ticks '{"instrumentId":7}'           a server stream: prints each item, until it ends or Ctrl-C
 * options: --schema FILE (default: the example schema in the jar), --channel CHANNEL (the server's, default
 *          aeron.rpc.channel), --stream-id N, --aeron-dir DIR (a running media driver; default: an embedded one),
 *          --timeout-ms N (unary calls), --limit N (stop a stream after N items)
 * </pre>
 * Exit status: 0 on success, 1 when the call fails (the status is printed to standard error), 2 on bad usage.
 */
public final class CallMain
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE = "usage: call --list | call Service/method [JSON] [--schema FILE] " +
        "[--channel CHANNEL] [--stream-id N] [--aeron-dir DIR] [--timeout-ms N] [--limit N]";

    private CallMain()
    {
    }

    public static void main(final String[] args)
    {
        // Ctrl-C ends a followed stream: the hook cancels it, which wakes a reader waiting for its next item, the
        // loop stops, and this thread closes the client and its embedded driver before the hook lets the JVM go.
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicReference<ClientStream<?>> following = new AtomicReference<>();
        final CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            running.set(false);
            final ClientStream<?> stream = following.get();
            if (null != stream)
            {
                stream.cancel();
            }
            try
            {
                done.await(5, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ignore)
            {
                Thread.currentThread().interrupt();
            }
        }));
        final int status;
        try
        {
            status = run(args, System.out, System.err, running, following);
        }
        finally
        {
            done.countDown();
        }
        if (0 != status)
        {
            System.exit(status);
        }
    }

    /**
     * Runs one command.
     *
     * @param args    the command line, with or without the leading {@code call}.
     * @param out     where answers go, one JSON document per line.
     * @param err     where problems go.
     * @param running cleared to stop following a stream.
     * @return the exit status.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err, final AtomicBoolean running)
    {
        return run(args, out, err, running, new AtomicReference<>());
    }

    /**
     * Runs one command, publishing the stream it follows so that another thread can cancel it.
     *
     * @param args      the command line, with or without the leading {@code call}.
     * @param out       where answers go, one JSON document per line.
     * @param err       where problems go.
     * @param running   cleared to stop following a stream.
     * @param following holds the stream while it is followed; cancelling it ends the command.
     * @return the exit status.
     */
    public static int run(
        final String[] args,
        final PrintStream out,
        final PrintStream err,
        final AtomicBoolean running,
        final AtomicReference<ClientStream<?>> following)
    {
        final Options options;
        final SchemaCatalog catalog;
        try
        {
            options = Options.parse(args);
            catalog = SchemaCatalog.loadFileOrResource(options.schema);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println(ex.getMessage());
            err.println(USAGE);
            return 2;
        }

        if (options.list)
        {
            for (final JsonMethod method : catalog.methods())
            {
                out.printf("%-24s %-14s %s -> %s%n    %s%n", method.fullName(), method.kind().xmlName(),
                    method.request().name(), null == method.response() ? "-" : method.response().name(),
                    method.description());
            }
            return 0;
        }

        final int slash = options.method.indexOf('/');
        final JsonMethod method = slash < 0 ? null :
            catalog.method(options.method.substring(0, slash), options.method.substring(slash + 1));
        if (null == method)
        {
            err.println("no method " + options.method + " in the schema; call --list shows them");
            return 2;
        }

        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final RawMessageEncoder request = method.request().newEncoder();
        try
        {
            request.wrap(buffer, 0, method.request().encode(JSON.readTree(options.json), buffer, 0));
        }
        catch (final JsonConversionException ex)
        {
            err.println(method.request().name() + ": " + ex.getMessage());
            return 2;
        }
        catch (final Exception ex)
        {
            err.println("invalid JSON: " + ex.getMessage());
            return 2;
        }

        final RpcClient.Context ctx = new RpcClient.Context();
        options.apply(ctx);
        try (RpcClient client = RpcClient.connect(ctx))
        {
            switch (method.kind())
            {
                case UNARY ->
                {
                    final CallOptions callOptions = 0 < options.timeoutMs ?
                        CallOptions.DEFAULT.withTimeoutNs(TimeUnit.MILLISECONDS.toNanos(options.timeoutMs)) :
                        CallOptions.DEFAULT;
                    final RawMessageDecoder response = client.call(method.rpcMethod(), request, callOptions);
                    out.println(method.response().decode(response));
                }
                case SERVER_STREAM -> follow(client, method, request, options.limit, out, running, following);
                default ->
                {
                    err.println("UNIMPLEMENTED: " + method.fullName() + " is a " + method.kind().xmlName() +
                        " method; this command makes unary calls and follows server streams");
                    return 1;
                }
            }
            return 0;
        }
        catch (final RpcException ex)
        {
            err.println(ex.status() + ": " + ex.description());
            return 1;
        }
    }

    private static void follow(
        final RpcClient client,
        final JsonMethod method,
        final RawMessageEncoder request,
        final long limit,
        final PrintStream out,
        final AtomicBoolean running,
        final AtomicReference<ClientStream<?>> following)
    {
        final MessageType itemType = method.response();
        try (ClientStream<RawMessageDecoder> stream =
            client.serverStream(method.rpcMethod(), request, null, CallOptions.DEFAULT))
        {
            following.set(stream);
            if (!running.get())
            {
                stream.cancel();
            }
            long items = 0;
            while (running.get() && items < limit && stream.hasNext())
            {
                final JsonNode item = itemType.decode(stream.next());
                out.println(item);
                items++;
            }
        }
        catch (final RpcException ex)
        {
            if (running.get() || Status.CANCELLED != ex.status())
            {
                throw ex;
            }
        }
        finally
        {
            following.set(null);
        }
    }

    private static final class Options
    {
        boolean list;
        String method;
        String json = "{}";
        String schema = WebDemo.SCHEMA_RESOURCE;
        String channel;
        Integer streamId;
        String aeronDir;
        long timeoutMs;
        long limit = Long.MAX_VALUE;

        static Options parse(final String[] args)
        {
            final Options options = new Options();
            int i = args.length > 0 && "call".equals(args[0]) ? 1 : 0;
            while (i < args.length)
            {
                final String arg = args[i++];
                switch (arg)
                {
                    case "--list" -> options.list = true;
                    case "--schema" -> options.schema = value(args, i++, arg);
                    case "--channel" -> options.channel = value(args, i++, arg);
                    case "--stream-id" -> options.streamId = Integer.parseInt(value(args, i++, arg));
                    case "--aeron-dir" -> options.aeronDir = value(args, i++, arg);
                    case "--timeout-ms" -> options.timeoutMs = Long.parseLong(value(args, i++, arg));
                    case "--limit" -> options.limit = Long.parseLong(value(args, i++, arg));
                    default ->
                    {
                        if (arg.startsWith("--"))
                        {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        else if (null == options.method)
                        {
                            options.method = arg;
                        }
                        else
                        {
                            options.json = arg;
                        }
                    }
                }
            }
            if (!options.list && null == options.method)
            {
                throw new IllegalArgumentException("name a method, or --list");
            }
            return options;
        }

        private static String value(final String[] args, final int index, final String option)
        {
            if (index >= args.length)
            {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        void apply(final RpcClient.Context ctx)
        {
            if (null != channel)
            {
                ctx.requestChannel(channel);
            }
            if (null != streamId)
            {
                ctx.requestStreamId(streamId);
            }
            if (null != aeronDir)
            {
                ctx.aeronDirectoryName(aeronDir);
            }
        }
    }
}
