package dev.aeronrpc.gateway;

import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.gateway.json.SchemaCatalog;
import dev.aeronrpc.server.ServerCounters;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import static dev.aeronrpc.gateway.GatewayConfiguration.*;

/**
 * Lets browsers call services: a WebSocket server (Jetty 12) on {@value GatewayConfiguration#WEBSOCKET_PATH} that
 * turns JSON frames into calls through an {@link RpcClient} and answers back as JSON, driven by the schema alone,
 * and optionally a static file server for the page that uses it. The frame protocol is in
 * docs/websocket-gateway.md.
 * <p>
 * Launch with {@link #launch(Context)}, close to stop. The client and catalog are the caller's and stay open.
 */
public final class WebSocketGateway implements AutoCloseable
{
    private final Context ctx;
    private final Server server;
    private final ServerConnector connector;
    private static final String CONSOLE_RESOURCES = "dev/aeronrpc/gateway/console";
    private static final String ASSETS_RESOURCES = "dev/aeronrpc/gateway/assets";

    private final GatewayCounters counters = new GatewayCounters();

    private WebSocketGateway(final Context ctx)
    {
        this.ctx = ctx;
        // Small on purpose: a 2-core machine, and sends never block a thread.
        final QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("gateway");
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost(ctx.host());
        connector.setPort(ctx.port());
        server.addConnector(connector);

        final OriginCheck originCheck = new OriginCheck(ctx.allowedOrigins(), ctx.host(), ctx.allowedHosts());
        final ContextHandler context = new ContextHandler("/");
        final WebSocketUpgradeHandler upgradeHandler = WebSocketUpgradeHandler.from(server, context, container ->
        {
            container.setIdleTimeout(Duration.ofMinutes(10));
            container.addMapping(WEBSOCKET_PATH, (request, response, callback) ->
            {
                final String origin = request.getHeaders().get(HttpHeader.ORIGIN);
                final String host = request.getHeaders().get(HttpHeader.HOST);
                if (!originCheck.allows(origin, host, request.isSecure()))
                {
                    Response.writeError(request, response, callback, 403, "origin not allowed: " + origin);
                    return null;
                }
                if (counters.connections() >= ctx.maxConnections())
                {
                    Response.writeError(request, response, callback, 503,
                        "too many connections: the limit is " + ctx.maxConnections());
                    return null;
                }
                return new GatewayConnection(ctx, counters);
            });
        });
        context.setHandler(upgradeHandler);
        final List<Handler> handlers = new ArrayList<>();
        handlers.add(new GatewayApi(ctx, counters, originCheck));
        handlers.add(under(ASSETS_PATH, staticFiles(ASSETS_RESOURCES)));
        if (ctx.console())
        {
            handlers.add(under(CONSOLE_PATH, staticFiles(CONSOLE_RESOURCES)));
        }
        if (null != ctx.staticResources())
        {
            handlers.add(staticFiles(ctx.staticResources()));
        }
        upgradeHandler.setHandler(new Handler.Sequence(handlers));
        server.setHandler(context);
    }

    private static Handler under(final String path, final Handler handler)
    {
        final ContextHandler context = new ContextHandler(path.substring(0, path.length() - 1));
        context.setHandler(handler);
        return context;
    }

    private Handler staticFiles(final String classPathDirectory)
    {
        final Resource base = ResourceFactory.of(server).newClassLoaderResource(classPathDirectory);
        if (null == base)
        {
            throw new IllegalArgumentException("no such class path directory: " + classPathDirectory);
        }
        final ResourceHandler files = new ResourceHandler();
        files.setBaseResource(base);
        files.setDirAllowed(false);
        files.setWelcomeFiles("index.html");
        return files;
    }

    /**
     * Starts a gateway.
     *
     * @param ctx the settings; concluded here.
     * @return the running gateway.
     */
    public static WebSocketGateway launch(final Context ctx)
    {
        ctx.conclude();
        final WebSocketGateway gateway = new WebSocketGateway(ctx);
        try
        {
            gateway.server.start();
        }
        catch (final Exception ex)
        {
            gateway.close();
            throw new IllegalStateException("gateway did not start on " + ctx.host() + ":" + ctx.port(), ex);
        }
        return gateway;
    }

    /**
     * The port the gateway listens on, the one chosen when the context asked for 0.
     *
     * @return the TCP port.
     */
    public int port()
    {
        return connector.getLocalPort();
    }

    /**
     * Where a browser finds the page: {@code http://host:port/}.
     *
     * @return the gateway's HTTP address.
     */
    public URI httpUri()
    {
        return URI.create("http://" + ctx.host() + ":" + port() + "/");
    }

    /**
     * Where a browser finds the console: {@code http://host:port/console/}.
     *
     * @return the console's address, served unless the context turned it off.
     */
    public URI consoleUri()
    {
        return httpUri().resolve(CONSOLE_PATH.substring(1));
    }

    /**
     * Where a WebSocket client connects: {@code ws://host:port/rpc}.
     *
     * @return the WebSocket address.
     */
    public URI webSocketUri()
    {
        return URI.create("ws://" + ctx.host() + ":" + port() + WEBSOCKET_PATH);
    }

    /**
     * What the gateway has done and holds now.
     *
     * @return the live counters.
     */
    public GatewayCounters counters()
    {
        return counters;
    }

    /**
     * The settings in use.
     *
     * @return the concluded context.
     */
    public Context context()
    {
        return ctx;
    }

    /**
     * Stops accepting connections, closes those open (cancelling their streams) and stops Jetty.
     */
    @Override
    public void close()
    {
        try
        {
            server.stop();
        }
        catch (final Exception ex)
        {
            ctx.client().context().errorHandler().onError(ex);
        }
    }

    /**
     * The gateway's settings, with defaults from system properties ({@link GatewayConfiguration}). Fluent setters;
     * {@link #conclude()} fills what was left unset and checks the rest.
     */
    public static final class Context
    {
        private RpcClient client;
        private SchemaCatalog catalog;
        private String host = System.getProperty(HOST_PROP_NAME, HOST_DEFAULT);
        private int port = Integer.getInteger(PORT_PROP_NAME, PORT_DEFAULT);
        private List<String> allowedOrigins = listProperty(ALLOWED_ORIGINS_PROP_NAME);
        private List<String> allowedHosts = listProperty(ALLOWED_HOSTS_PROP_NAME);
        private int maxConnections = Integer.getInteger(MAX_CONNECTIONS_PROP_NAME, MAX_CONNECTIONS_DEFAULT);
        private int maxCallsInFlight = Integer.getInteger(MAX_CALLS_IN_FLIGHT_PROP_NAME, MAX_CALLS_IN_FLIGHT_DEFAULT);
        private long maxCallTimeoutMs = Long.getLong(MAX_CALL_TIMEOUT_MS_PROP_NAME, MAX_CALL_TIMEOUT_MS_DEFAULT);
        private int maxFrameLength = Integer.getInteger(MAX_FRAME_LENGTH_PROP_NAME, MAX_FRAME_LENGTH_DEFAULT);
        private int maxStreamCredit = Integer.getInteger(MAX_STREAM_CREDIT_PROP_NAME, MAX_STREAM_CREDIT_DEFAULT);
        private int initialStreamCredit = 16;
        private int maxCallsPerConnection = Integer.getInteger(MAX_CALLS_PROP_NAME, MAX_CALLS_DEFAULT);
        private int maxQueuedBytes = Integer.getInteger(MAX_QUEUED_BYTES_PROP_NAME, MAX_QUEUED_BYTES_DEFAULT);
        private String staticResources;
        private boolean console = Boolean.parseBoolean(System.getProperty(CONSOLE_PROP_NAME, String.valueOf(CONSOLE_DEFAULT)));
        private ServiceListing listing;
        private Supplier<ServerCounters.Snapshot> serverCounters;
        private List<String> notices = List.of();

        private static List<String> listProperty(final String name)
        {
            final String value = System.getProperty(name, "").trim();
            return value.isEmpty() ? List.of() : Arrays.stream(value.split(",")).map(String::trim).toList();
        }

        /**
         * Checks the settings.
         *
         * @return this.
         */
        public Context conclude()
        {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(catalog, "catalog");
            requirePositive(maxFrameLength, "maxFrameLength");
            requirePositive(maxStreamCredit, "maxStreamCredit");
            requirePositive(maxCallsPerConnection, "maxCallsPerConnection");
            requirePositive(maxQueuedBytes, "maxQueuedBytes");
            requirePositive(initialStreamCredit, "initialStreamCredit");
            requirePositive(maxConnections, "maxConnections");
            requirePositive(maxCallTimeoutMs, "maxCallTimeoutMs");
            final int clientMaxInflightCalls = client.context().maxInflightCalls();
            if (0 == maxCallsInFlight)
            {
                maxCallsInFlight = Math.max(1, clientMaxInflightCalls - clientMaxInflightCalls / 4);
            }
            requirePositive(maxCallsInFlight, "maxCallsInFlight");
            if (maxCallsInFlight > clientMaxInflightCalls)
            {
                throw new IllegalArgumentException("maxCallsInFlight " + maxCallsInFlight +
                    " exceeds the client's maxInflightCalls " + clientMaxInflightCalls);
            }
            if (port < 0 || port > 65535)
            {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            initialStreamCredit = Math.min(initialStreamCredit, maxStreamCredit);
            if (null == listing)
            {
                listing = catalog::describe;
            }
            return this;
        }

        /**
         * Whether to serve the console page at {@value GatewayConfiguration#CONSOLE_PATH}.
         *
         * @param console true to serve it (the default).
         * @return this.
         */
        public Context console(final boolean console)
        {
            this.console = console;
            return this;
        }

        /**
         * Whether the console page is served.
         *
         * @return true when it is.
         */
        public boolean console()
        {
            return console;
        }

        /**
         * Where the console learns the services: by default the catalog's schema.
         *
         * @param listing the source of {@code /api/describe}.
         * @return this.
         */
        public Context listing(final ServiceListing listing)
        {
            this.listing = listing;
            return this;
        }

        /**
         * Where the console learns the services.
         *
         * @return the listing, once concluded.
         */
        public ServiceListing listing()
        {
            return listing;
        }

        /**
         * The server's counters, for a gateway that runs in the server's process: the console shows them beside
         * the client's (duplicates suppressed, handler runs), which is where delivery guarantees become visible.
         *
         * @param serverCounters reads the server's counters, such as {@code server::counters}; null for none.
         * @return this.
         */
        public Context serverCounters(final Supplier<ServerCounters.Snapshot> serverCounters)
        {
            this.serverCounters = serverCounters;
            return this;
        }

        /**
         * The server's counters, if the gateway was given them.
         *
         * @return the supplier, or null.
         */
        public Supplier<ServerCounters.Snapshot> serverCounters()
        {
            return serverCounters;
        }

        /**
         * Lines the console shows its user above everything else, such as that answers are being lost on purpose.
         *
         * @param notices short sentences.
         * @return this.
         */
        public Context notices(final List<String> notices)
        {
            this.notices = List.copyOf(notices);
            return this;
        }

        /**
         * Lines the console shows its user.
         *
         * @return the notices.
         */
        public List<String> notices()
        {
            return notices;
        }

        private static void requirePositive(final long value, final String name)
        {
            if (value <= 0)
            {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
        }

        /**
         * The client calls go through; the caller keeps it open while the gateway runs, and closes it.
         *
         * @param client a connected client.
         * @return this.
         */
        public Context client(final RpcClient client)
        {
            this.client = client;
            return this;
        }

        /**
         * The client calls go through.
         *
         * @return the client.
         */
        public RpcClient client()
        {
            return client;
        }

        /**
         * The schema whose services browsers may call.
         *
         * @param catalog the services and messages.
         * @return this.
         */
        public Context catalog(final SchemaCatalog catalog)
        {
            this.catalog = catalog;
            return this;
        }

        /**
         * The schema whose services browsers may call.
         *
         * @return the catalog.
         */
        public SchemaCatalog catalog()
        {
            return catalog;
        }

        /**
         * The interface to listen on.
         *
         * @param host a host name or address; {@code 0.0.0.0} for every interface.
         * @return this.
         */
        public Context host(final String host)
        {
            this.host = host;
            return this;
        }

        /**
         * The interface to listen on.
         *
         * @return the host.
         */
        public String host()
        {
            return host;
        }

        /**
         * The TCP port to listen on.
         *
         * @param port a port, or 0 for any free one.
         * @return this.
         */
        public Context port(final int port)
        {
            this.port = port;
            return this;
        }

        /**
         * The TCP port to listen on.
         *
         * @return the port.
         */
        public int port()
        {
            return port;
        }

        /**
         * Origins whose pages may connect; empty for the gateway's own pages only, {@code *} for any.
         *
         * @param allowedOrigins origins such as {@code https://app.example.com}.
         * @return this.
         */
        public Context allowedOrigins(final List<String> allowedOrigins)
        {
            this.allowedOrigins = List.copyOf(allowedOrigins);
            return this;
        }

        /**
         * Origins whose pages may connect.
         *
         * @return the origins.
         */
        public List<String> allowedOrigins()
        {
            return allowedOrigins;
        }

        /**
         * Host names a page's Host header may name when no origins are configured, besides the gateway's host,
         * {@code localhost}, {@code 127.0.0.1} and {@code [::1]}: what a gateway listening on every interface is
         * reached as, such as {@code rpc.example.com} or a LAN address.
         *
         * @param allowedHosts host names, without ports.
         * @return this.
         */
        public Context allowedHosts(final List<String> allowedHosts)
        {
            this.allowedHosts = List.copyOf(allowedHosts);
            return this;
        }

        /**
         * Host names a page's Host header may name besides the built-in ones.
         *
         * @return the host names.
         */
        public List<String> allowedHosts()
        {
            return allowedHosts;
        }

        /**
         * Browsers connected at once; a further handshake is refused with HTTP 503.
         *
         * @param maxConnections a positive count.
         * @return this.
         */
        public Context maxConnections(final int maxConnections)
        {
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * Browsers connected at once.
         *
         * @return the limit.
         */
        public int maxConnections()
        {
            return maxConnections;
        }

        /**
         * Calls and streams in flight through the gateway at once, over every connection, beyond which calls are
         * answered RESOURCE_EXHAUSTED; at most the client's {@code maxInflightCalls}, so that browsers cannot take
         * every place in the client's table. 0 (the default) for three quarters of the client's.
         *
         * @param maxCallsInFlight a positive count, or 0.
         * @return this.
         */
        public Context maxCallsInFlight(final int maxCallsInFlight)
        {
            this.maxCallsInFlight = maxCallsInFlight;
            return this;
        }

        /**
         * Calls and streams in flight through the gateway at once.
         *
         * @return the limit, once concluded.
         */
        public int maxCallsInFlight()
        {
            return maxCallsInFlight;
        }

        /**
         * The longest deadline a browser's call may have: a unary call's {@code timeoutMs}, or the client's
         * default when it names none, and a stream's {@code timeoutMs}, are cut to it. A stream that names no
         * deadline has none; it ends when the browser cancels it or goes away.
         *
         * @param maxCallTimeoutMs milliseconds.
         * @return this.
         */
        public Context maxCallTimeoutMs(final long maxCallTimeoutMs)
        {
            this.maxCallTimeoutMs = maxCallTimeoutMs;
            return this;
        }

        /**
         * The longest deadline a browser's call may have.
         *
         * @return milliseconds.
         */
        public long maxCallTimeoutMs()
        {
            return maxCallTimeoutMs;
        }

        /**
         * The longest frame a browser may send; a longer one is discarded as it arrives and answered with
         * RESOURCE_EXHAUSTED.
         *
         * @param maxFrameLength characters.
         * @return this.
         */
        public Context maxFrameLength(final int maxFrameLength)
        {
            this.maxFrameLength = maxFrameLength;
            return this;
        }

        /**
         * The longest frame a browser may send.
         *
         * @return characters.
         */
        public int maxFrameLength()
        {
            return maxFrameLength;
        }

        /**
         * The most items of one stream a browser may have asked for and not yet received: the most the gateway
         * ever holds for a stream.
         *
         * @param maxStreamCredit items.
         * @return this.
         */
        public Context maxStreamCredit(final int maxStreamCredit)
        {
            this.maxStreamCredit = maxStreamCredit;
            return this;
        }

        /**
         * The most items of one stream a browser may have outstanding.
         *
         * @return items.
         */
        public int maxStreamCredit()
        {
            return maxStreamCredit;
        }

        /**
         * The credit a stream opens with when the browser's call names none.
         *
         * @param initialStreamCredit items.
         * @return this.
         */
        public Context initialStreamCredit(final int initialStreamCredit)
        {
            this.initialStreamCredit = initialStreamCredit;
            return this;
        }

        /**
         * The credit a stream opens with when the browser's call names none.
         *
         * @return items.
         */
        public int initialStreamCredit()
        {
            return initialStreamCredit;
        }

        /**
         * Calls and streams one connection may have in flight at once; a unary call the browser cancelled counts
         * until its answer or deadline.
         *
         * @param maxCallsPerConnection a positive count.
         * @return this.
         */
        public Context maxCallsPerConnection(final int maxCallsPerConnection)
        {
            this.maxCallsPerConnection = maxCallsPerConnection;
            return this;
        }

        /**
         * Calls and streams one connection may have open at once.
         *
         * @return the limit.
         */
        public int maxCallsPerConnection()
        {
            return maxCallsPerConnection;
        }

        /**
         * Bytes of frames waiting to be written to one connection before the gateway closes it as too slow.
         *
         * @param maxQueuedBytes bytes.
         * @return this.
         */
        public Context maxQueuedBytes(final int maxQueuedBytes)
        {
            this.maxQueuedBytes = maxQueuedBytes;
            return this;
        }

        /**
         * Bytes of frames waiting to be written to one connection before it is closed.
         *
         * @return bytes.
         */
        public int maxQueuedBytes()
        {
            return maxQueuedBytes;
        }

        /**
         * A class path directory whose files the gateway serves over HTTP, such as {@code web}; null for none.
         *
         * @param staticResources the directory.
         * @return this.
         */
        public Context staticResources(final String staticResources)
        {
            this.staticResources = staticResources;
            return this;
        }

        /**
         * The class path directory of static files, or null.
         *
         * @return the directory.
         */
        public String staticResources()
        {
            return staticResources;
        }
    }
}
