package dev.aeronrpc.gateway;

/**
 * System property names and defaults of the gateway's settings; {@link WebSocketGateway.Context} reads them.
 */
public final class GatewayConfiguration
{
    /** Interface to listen on: {@value}. */
    public static final String HOST_PROP_NAME = "aeron.rpc.gateway.host";
    /** Listens on the loopback interface unless told otherwise. */
    public static final String HOST_DEFAULT = "localhost";

    /** TCP port to listen on, 0 for any free one: {@value}. */
    public static final String PORT_PROP_NAME = "aeron.rpc.gateway.port";
    /** Default port. */
    public static final int PORT_DEFAULT = 8080;

    /** Comma-separated origins (such as {@code https://app.example.com}) allowed to connect, or {@code *}: {@value}. */
    public static final String ALLOWED_ORIGINS_PROP_NAME = "aeron.rpc.gateway.allowed.origins";

    /**
     * Comma-separated host names, besides the gateway's own host, {@code localhost}, {@code 127.0.0.1} and
     * {@code [::1]}, that a page's Host header may name when no origins are configured: {@value}.
     */
    public static final String ALLOWED_HOSTS_PROP_NAME = "aeron.rpc.gateway.allowed.hosts";

    /** Browsers connected at once: {@value}. */
    public static final String MAX_CONNECTIONS_PROP_NAME = "aeron.rpc.gateway.max.connections";
    /** Default most connections. */
    public static final int MAX_CONNECTIONS_DEFAULT = 256;

    /**
     * Calls and streams in flight through the gateway at once, over every connection; at most the client's
     * {@code maxInflightCalls}: {@value}.
     */
    public static final String MAX_CALLS_IN_FLIGHT_PROP_NAME = "aeron.rpc.gateway.max.calls.in.flight";
    /** Default: 0, which means three quarters of the client's {@code maxInflightCalls}. */
    public static final int MAX_CALLS_IN_FLIGHT_DEFAULT = 0;

    /** Longest deadline a browser's call may ask for, in milliseconds; longer ones are cut to it: {@value}. */
    public static final String MAX_CALL_TIMEOUT_MS_PROP_NAME = "aeron.rpc.gateway.max.call.timeout.ms";
    /** Default longest deadline: 60 seconds. */
    public static final long MAX_CALL_TIMEOUT_MS_DEFAULT = 60_000;

    /** Longest frame from a browser, in characters: {@value}. */
    public static final String MAX_FRAME_LENGTH_PROP_NAME = "aeron.rpc.gateway.max.frame.length";
    /** Default longest frame: 64 Ki characters. */
    public static final int MAX_FRAME_LENGTH_DEFAULT = 64 * 1024;

    /** Most stream items a browser may have granted and not yet received, per stream: {@value}. */
    public static final String MAX_STREAM_CREDIT_PROP_NAME = "aeron.rpc.gateway.max.stream.credit";
    /** Default most outstanding items per stream. */
    public static final int MAX_STREAM_CREDIT_DEFAULT = 256;

    /**
     * Calls and streams one connection may have in flight at once (a cancelled unary call counts until its answer
     * or deadline): {@value}.
     */
    public static final String MAX_CALLS_PROP_NAME = "aeron.rpc.gateway.max.calls.per.connection";
    /** Default most calls per connection. */
    public static final int MAX_CALLS_DEFAULT = 64;

    /** Bytes of frames waiting to be written to one connection before it is closed as too slow: {@value}. */
    public static final String MAX_QUEUED_BYTES_PROP_NAME = "aeron.rpc.gateway.max.queued.bytes";
    /** Default most queued bytes per connection: 1 MiB. */
    public static final int MAX_QUEUED_BYTES_DEFAULT = 1024 * 1024;

    /** Whether the gateway serves its console page at {@link #CONSOLE_PATH}: {@value}. */
    public static final String CONSOLE_PROP_NAME = "aeron.rpc.gateway.console";
    /** The console is served unless told otherwise: it can do only what the WebSocket already allows. */
    public static final boolean CONSOLE_DEFAULT = true;

    /** Where the console page is served. */
    public static final String CONSOLE_PATH = "/console/";

    /** Where the gateway's shared page assets (stylesheet, icon, the browser client rpc.js) are served. */
    public static final String ASSETS_PATH = "/assets/";

    /** The path browsers open the WebSocket on. */
    public static final String WEBSOCKET_PATH = "/rpc";

    private GatewayConfiguration()
    {
    }
}
