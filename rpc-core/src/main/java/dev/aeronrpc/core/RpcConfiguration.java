package dev.aeronrpc.core;

import io.aeron.driver.Configuration;
import org.agrona.SystemUtil;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * The system properties clients, servers and the embedded driver read their defaults from, with those defaults.
 * <p>
 * Durations accept a unit suffix as Aeron's do: {@code 500ms}, {@code 3s}, {@code 250us}; a bare number is
 * nanoseconds. Every default fits a 2-core machine: nothing spins without backing off.
 */
public final class RpcConfiguration
{
    /** The channel a server listens on and clients send requests to. */
    public static final String CHANNEL_PROP_NAME = "aeron.rpc.channel";
    /** Default channel: UDP on the loopback interface, port 40123. */
    public static final String CHANNEL_DEFAULT = "aeron:udp?endpoint=localhost:40123";

    /** Stream id of requests on {@link #CHANNEL_PROP_NAME}. */
    public static final String STREAM_ID_PROP_NAME = "aeron.rpc.stream.id";
    /** Default request stream id. */
    public static final int STREAM_ID_DEFAULT = 1001;

    /** Stream id of the responses a server sends to each client. */
    public static final String RESPONSE_STREAM_ID_PROP_NAME = "aeron.rpc.response.stream.id";
    /** Default response stream id. */
    public static final int RESPONSE_STREAM_ID_DEFAULT = 1002;

    /** Extra Aeron channel parameters of a client's request publication, such as {@code term-length=1m}. */
    public static final String CLIENT_REQUEST_CHANNEL_PARAMS_PROP_NAME = "aeron.rpc.client.request.channel.params";

    /** Extra Aeron channel parameters of a server's response publications, such as {@code term-length=1m}. */
    public static final String SERVER_RESPONSE_CHANNEL_PARAMS_PROP_NAME = "aeron.rpc.server.response.channel.params";

    /** Extra Aeron channel parameters of a client's response subscription. */
    public static final String CLIENT_RESPONSE_CHANNEL_PARAMS_PROP_NAME = "aeron.rpc.client.response.channel.params";

    /** A client's identity, stable across reconnections; random when unset. */
    public static final String CLIENT_ID_PROP_NAME = "aeron.rpc.client.id";

    /** The secret that proves a client's identity to a server that knows it; random when unset. */
    public static final String CLIENT_SECRET_PROP_NAME = "aeron.rpc.client.secret";

    /** Default time a call may take before it ends with DEADLINE_EXCEEDED. */
    public static final String CALL_TIMEOUT_PROP_NAME = "aeron.rpc.call.timeout";
    /** Default call timeout. */
    public static final long CALL_TIMEOUT_DEFAULT_NS = TimeUnit.SECONDS.toNanos(5);

    /** Time a client may take to connect to a server. */
    public static final String CONNECT_TIMEOUT_PROP_NAME = "aeron.rpc.connect.timeout";
    /** Default connect timeout. */
    public static final long CONNECT_TIMEOUT_DEFAULT_NS = TimeUnit.SECONDS.toNanos(5);

    /** How often each side of a session speaks when it has nothing else to say. */
    public static final String HEARTBEAT_INTERVAL_PROP_NAME = "aeron.rpc.heartbeat.interval";
    /** Default heartbeat interval. */
    public static final long HEARTBEAT_INTERVAL_DEFAULT_NS = TimeUnit.MILLISECONDS.toNanos(500);

    /**
     * How long a side waits without a word from its peer before it declares the peer dead: a client then fails its
     * pending calls with UNAVAILABLE, a server frees the session.
     */
    public static final String PEER_TIMEOUT_PROP_NAME = "aeron.rpc.peer.timeout";
    /** Default peer timeout. */
    public static final long PEER_TIMEOUT_DEFAULT_NS = TimeUnit.SECONDS.toNanos(3);

    /** How long a send retries while the peer is back-pressured before the frame is given up. */
    public static final String SEND_TIMEOUT_PROP_NAME = "aeron.rpc.send.timeout";
    /** Default send timeout. */
    public static final long SEND_TIMEOUT_DEFAULT_NS = TimeUnit.MILLISECONDS.toNanos(200);

    /**
     * Largest frame (a request, a response, a stream item, envelope included) a side sends or accepts. A frame
     * longer than one Aeron message on the route (an eighth of the term length) travels in chunks.
     */
    public static final String MAX_MESSAGE_LENGTH_PROP_NAME = "aeron.rpc.max.message.length";
    /** Default largest frame: 64 MiB, sixteen times gRPC's default limit. */
    public static final int MAX_MESSAGE_LENGTH_DEFAULT = 64 * 1024 * 1024;

    /**
     * Bytes of chunked frames one peer may have in the making at once on the other side: being reassembled from
     * its chunks, or waiting to be sent to it in chunks.
     */
    public static final String MAX_CHUNKED_BYTES_PER_PEER_PROP_NAME = "aeron.rpc.max.chunked.bytes.per.peer";
    /** Default: two frames of the largest size. */
    public static final long MAX_CHUNKED_BYTES_PER_PEER_DEFAULT = 128L * 1024 * 1024;

    /** Bytes of chunked frames a server (or a client) holds at once for all its peers together. */
    public static final String MAX_CHUNKED_BYTES_PROP_NAME = "aeron.rpc.max.chunked.bytes";
    /** Default: 1 GiB. */
    public static final long MAX_CHUNKED_BYTES_DEFAULT = 1024L * 1024 * 1024;

    /**
     * Term length of the publications the framework creates (a client's requests, a server's answers to each
     * client) and of the embedded driver's defaults. A publication's log holds three terms; Aeron carries a message
     * of at most an eighth of a term in one piece, and the framework sends larger ones in chunks.
     */
    public static final String TERM_LENGTH_PROP_NAME = "aeron.rpc.term.length";
    /**
     * Default term length: 4 MiB, so a frame of up to 512 KiB travels in one piece and is read where it lies, and a
     * connection's two logs take 24 MiB of the driver's memory on each side; set 64k to 256k for a server with a
     * thousand clients (their frames above 8 to 32 KiB then travel in chunks).
     */
    public static final int TERM_LENGTH_DEFAULT = 4 * 1024 * 1024;

    /**
     * Largest term length a server accepts for a client's request publication: a larger one, which would make the
     * server's driver map three such terms for its image, has its image rejected.
     */
    public static final String MAX_CLIENT_TERM_LENGTH_PROP_NAME = "aeron.rpc.server.max.client.term.length";
    /** Default largest client term length. */
    public static final int MAX_CLIENT_TERM_LENGTH_DEFAULT = 16 * 1024 * 1024;

    /** Calls one client may have in flight at once. */
    public static final String MAX_INFLIGHT_CALLS_PROP_NAME = "aeron.rpc.client.max.inflight.calls";
    /** Default calls in flight. */
    public static final int MAX_INFLIGHT_CALLS_DEFAULT = 4096;

    /** Whether a client reconnects by itself when its server goes away. */
    public static final String RECONNECT_PROP_NAME = "aeron.rpc.client.reconnect";

    /** How long a retrying call waits for an answer before it is first sent again. */
    public static final String ATTEMPT_TIMEOUT_PROP_NAME = "aeron.rpc.client.attempt.timeout";
    /** Default attempt timeout. */
    public static final long ATTEMPT_TIMEOUT_DEFAULT_NS = TimeUnit.SECONDS.toNanos(1);

    /** The most times a retrying call is sent, the first included. */
    public static final String MAX_ATTEMPTS_PROP_NAME = "aeron.rpc.client.max.attempts";
    /** Default attempts. */
    public static final int MAX_ATTEMPTS_DEFAULT = 5;

    /** The longest pause between two attempts of a call, or of reconnecting. */
    public static final String MAX_BACKOFF_PROP_NAME = "aeron.rpc.client.max.backoff";
    /** Default longest pause. */
    public static final long MAX_BACKOFF_DEFAULT_NS = TimeUnit.SECONDS.toNanos(5);

    /** Tokens in a client's retry budget (gRFC A6 throttling). */
    public static final String RETRY_BUDGET_MAX_TOKENS_PROP_NAME = "aeron.rpc.client.retry.budget.tokens";
    /** Default tokens, as gRPC's example policy. */
    public static final double RETRY_BUDGET_MAX_TOKENS_DEFAULT = 10;

    /** Tokens a successful call returns to the retry budget. */
    public static final String RETRY_BUDGET_TOKEN_RATIO_PROP_NAME = "aeron.rpc.client.retry.budget.ratio";
    /** Default ratio, as gRPC's example policy. */
    public static final double RETRY_BUDGET_TOKEN_RATIO_DEFAULT = 0.1;

    /** How many exactly-once outcomes a server remembers at most. */
    public static final String EXACTLY_ONCE_MAX_ENTRIES_PROP_NAME = "aeron.rpc.server.exactly.once.max.entries";
    /** Default outcomes remembered. */
    public static final int EXACTLY_ONCE_MAX_ENTRIES_DEFAULT = 100_000;

    /** How long a server remembers an exactly-once outcome. */
    public static final String EXACTLY_ONCE_EXPIRY_PROP_NAME = "aeron.rpc.server.exactly.once.expiry";
    /** Default time an outcome is remembered: longer than a client's default call timeout and retries. */
    public static final long EXACTLY_ONCE_EXPIRY_DEFAULT_NS = TimeUnit.SECONDS.toNanos(60);

    /** Bytes of answers the exactly-once outcomes a server remembers may hold together. */
    public static final String EXACTLY_ONCE_MAX_BYTES_PROP_NAME = "aeron.rpc.server.exactly.once.max.bytes";
    /** Default: 256 MiB; the oldest outcomes are forgotten first beyond it. */
    public static final long EXACTLY_ONCE_MAX_BYTES_DEFAULT = 256L * 1024 * 1024;

    /** Sessions one server accepts at once. */
    public static final String MAX_SESSIONS_PROP_NAME = "aeron.rpc.server.max.sessions";
    /** Default sessions. */
    public static final int MAX_SESSIONS_DEFAULT = 1024;

    /** Calls one server may have queued or running on executors at once. */
    public static final String MAX_CONCURRENT_CALLS_PROP_NAME = "aeron.rpc.server.max.concurrent.calls";
    /** Default concurrent calls. */
    public static final int MAX_CONCURRENT_CALLS_DEFAULT = 256;

    /**
     * Connects a server handles at once while their response publications are being set up; more wait in the
     * driver's queue unread, and are refused at once if they would exceed the session limit.
     */
    public static final String MAX_PENDING_CONNECTS_PROP_NAME = "aeron.rpc.server.max.pending.connects";
    /** Default pending connects: enough to admit hundreds of clients a second without a burst of publications. */
    public static final int MAX_PENDING_CONNECTS_DEFAULT = 64;

    /** Streams (server, client and bidirectional together) one session may have open at once. */
    public static final String MAX_STREAMS_PER_SESSION_PROP_NAME = "aeron.rpc.server.max.streams.per.session";
    /** Default open streams per session. */
    public static final int MAX_STREAMS_PER_SESSION_DEFAULT = 256;

    /** Calls of one session that may be queued or running on executors at once. */
    public static final String MAX_CALLS_PER_SESSION_PROP_NAME = "aeron.rpc.server.max.calls.per.session";
    /** Default executor calls per session: a quarter of the server's default, so four clients cannot take it all. */
    public static final int MAX_CALLS_PER_SESSION_DEFAULT = 64;

    /** Bytes a server keeps for one client while its publication is back-pressured, before it drops the session. */
    public static final String MAX_QUEUED_BYTES_PER_SESSION_PROP_NAME = "aeron.rpc.server.max.queued.bytes.per.session";
    /**
     * Default queued bytes per session: 16 MiB. The server stops reading a session's requests once a quarter of it
     * waits, so only answers already being made can fill the rest.
     */
    public static final int MAX_QUEUED_BYTES_PER_SESSION_DEFAULT = 16 * 1024 * 1024;

    /** How long a client may leave its answers unread (its queue not moving) before the server drops its session. */
    public static final String SLOW_CLIENT_TIMEOUT_PROP_NAME = "aeron.rpc.server.slow.client.timeout";
    /** Default slow-client timeout. */
    public static final long SLOW_CLIENT_TIMEOUT_DEFAULT_NS = TimeUnit.SECONDS.toNanos(5);

    /** Items one server stream may send from the poll thread per duty cycle. */
    public static final String ITEMS_PER_STREAM_PER_CYCLE_PROP_NAME = "aeron.rpc.server.items.per.stream.per.cycle";
    /** Default items per stream per cycle. */
    public static final int ITEMS_PER_STREAM_PER_CYCLE_DEFAULT = 256;

    /** Items one session's streams together may send from the poll thread per duty cycle. */
    public static final String ITEMS_PER_SESSION_PER_CYCLE_PROP_NAME = "aeron.rpc.server.items.per.session.per.cycle";
    /** Default items per session per cycle. */
    public static final int ITEMS_PER_SESSION_PER_CYCLE_DEFAULT = 1024;

    /**
     * Malformed frames one session may send per second before the server closes it and rejects its image; frames
     * from no session count against the server as a whole, and only their logging is limited.
     */
    public static final String MAX_MALFORMED_FRAMES_PROP_NAME = "aeron.rpc.server.max.malformed.frames.per.second";
    /** Default malformed frames per session per second. */
    public static final int MAX_MALFORMED_FRAMES_DEFAULT = 100;

    /** Client identities (id and secret) a server remembers, for sessions open now and exactly-once outcomes kept. */
    public static final String MAX_CLIENT_IDENTITIES_PROP_NAME = "aeron.rpc.server.max.client.identities";
    /** Default identities remembered. */
    public static final int MAX_CLIENT_IDENTITIES_DEFAULT = 100_000;

    /**
     * How far ahead of the server's clock a request id's time part may be (request ids are a millisecond clock
     * shifted left 20 bits plus a count); a request further ahead is refused, so that no request id can move a
     * client's exactly-once window into the future.
     */
    public static final String MAX_REQUEST_ID_AHEAD_PROP_NAME = "aeron.rpc.server.max.request.id.ahead";
    /** Default: a day, for clocks that disagree. */
    public static final long MAX_REQUEST_ID_AHEAD_DEFAULT_NS = TimeUnit.DAYS.toNanos(1);

    /**
     * Idle strategy of every thread the framework runs, named as Aeron names them: {@code backoff},
     * {@code sleep-ns}, {@code yield}, {@code spin}, {@code noop}, or a class name.
     */
    public static final String IDLE_STRATEGY_PROP_NAME = "aeron.rpc.idle.strategy";
    /**
     * Default idle strategy: spin a little, yield a little, then park up to a millisecond, so an idle process does
     * not hold a core on a small machine.
     */
    public static final String IDLE_STRATEGY_DEFAULT = "backoff";

    private RpcConfiguration()
    {
    }

    /**
     * A new idle strategy of the configured kind.
     *
     * @return a new idle strategy, not shared with any other thread.
     */
    public static IdleStrategy idleStrategy()
    {
        return Configuration.agentIdleStrategy(
            System.getProperty(IDLE_STRATEGY_PROP_NAME, IDLE_STRATEGY_DEFAULT), null);
    }

    /**
     * The request channel.
     *
     * @return the configured channel or {@link #CHANNEL_DEFAULT}.
     */
    public static String channel()
    {
        return System.getProperty(CHANNEL_PROP_NAME, CHANNEL_DEFAULT);
    }

    /**
     * Reads an int property.
     *
     * @param name         the property.
     * @param defaultValue when unset.
     * @return its value.
     */
    public static int intProperty(final String name, final int defaultValue)
    {
        return Integer.getInteger(name, defaultValue);
    }

    /**
     * Reads a floating-point property.
     *
     * @param name         the property.
     * @param defaultValue when unset.
     * @return its value.
     */
    public static double doubleProperty(final String name, final double defaultValue)
    {
        final String value = System.getProperty(name);
        return null == value ? defaultValue : Double.parseDouble(value);
    }

    /**
     * Reads a duration property.
     *
     * @param name           the property.
     * @param defaultValueNs when unset.
     * @return its value in nanoseconds.
     */
    public static long durationProperty(final String name, final long defaultValueNs)
    {
        return SystemUtil.getDurationInNanos(name, defaultValueNs);
    }
}
