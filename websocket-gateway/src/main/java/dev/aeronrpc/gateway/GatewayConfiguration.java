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

    /** Longest frame from a browser, in characters: {@value}. */
    public static final String MAX_FRAME_LENGTH_PROP_NAME = "aeron.rpc.gateway.max.frame.length";
    /** Default longest frame: 64 Ki characters. */
    public static final int MAX_FRAME_LENGTH_DEFAULT = 64 * 1024;

    /** Most stream items a browser may have granted and not yet received, per stream: {@value}. */
    public static final String MAX_STREAM_CREDIT_PROP_NAME = "aeron.rpc.gateway.max.stream.credit";
    /** Default most outstanding items per stream. */
    public static final int MAX_STREAM_CREDIT_DEFAULT = 256;

    /** Calls and streams one connection may have open at once: {@value}. */
    public static final String MAX_CALLS_PROP_NAME = "aeron.rpc.gateway.max.calls.per.connection";
    /** Default most calls per connection. */
    public static final int MAX_CALLS_DEFAULT = 64;

    /** Bytes of frames waiting to be written to one connection before it is closed as too slow: {@value}. */
    public static final String MAX_QUEUED_BYTES_PROP_NAME = "aeron.rpc.gateway.max.queued.bytes";
    /** Default most queued bytes per connection: 1 MiB. */
    public static final int MAX_QUEUED_BYTES_DEFAULT = 1024 * 1024;

    /** The path browsers open the WebSocket on. */
    public static final String WEBSOCKET_PATH = "/rpc";

    private GatewayConfiguration()
    {
    }
}
