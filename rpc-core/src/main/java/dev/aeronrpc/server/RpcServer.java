package dev.aeronrpc.server;

import dev.aeronrpc.core.RpcConfiguration;
import dev.aeronrpc.core.RpcContext;
import io.aeron.Aeron;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

import static dev.aeronrpc.core.RpcConfiguration.*;

/**
 * The server side: listens on one channel, gives each client a session and a publication of its own, and
 * dispatches calls to the registered services.
 * <p>
 * Register generated stubs ({@code new BankStub(new MyBank())}) on the {@link Context}, then {@link #launch}.
 * <p>
 * Threading: one poll thread (the server's agent thread, or in invoker mode the caller of {@link #poll()}) reads
 * every request. A service registered without an executor runs its handlers on that thread: fastest, but a handler
 * that blocks stalls every client. Register a service that may block with an executor; its calls are copied and
 * run there, and answered from there.
 */
public final class RpcServer implements AutoCloseable
{
    private final Context ctx;
    private final ServerConductor conductor;
    private AgentRunner agentRunner;

    private RpcServer(final Context ctx)
    {
        this.ctx = ctx;
        this.conductor = new ServerConductor(ctx);
    }

    /**
     * Starts a server.
     *
     * @param ctx the settings, with services; concluded here.
     * @return the running server.
     */
    public static RpcServer launch(final Context ctx)
    {
        ctx.conclude();
        final RpcServer server;
        try
        {
            server = new RpcServer(ctx);
        }
        catch (final RuntimeException ex)
        {
            ctx.close();
            throw ex;
        }

        if (!ctx.invokerMode())
        {
            server.agentRunner = new AgentRunner(ctx.idleStrategy(), ctx.errorHandler(), null, server.conductor);
            AgentRunner.startOnThread(server.agentRunner);
        }
        return server;
    }

    /**
     * Runs the duty cycle once; in invoker mode some thread must call this in a loop.
     *
     * @return the amount of work done.
     */
    public int poll()
    {
        if (!ctx.invokerMode())
        {
            throw new IllegalStateException("the server runs its own thread; poll() is for invoker mode");
        }
        try
        {
            return conductor.doWork();
        }
        catch (final org.agrona.concurrent.AgentTerminationException ex)
        {
            throw new dev.aeronrpc.core.RpcException(dev.aeronrpc.core.Status.INTERNAL,
                "the server failed and serves no more: " + conductor.failure());
        }
    }

    /**
     * What stopped this server, if anything did: an error that escaped its duty cycle (an
     * {@link OutOfMemoryError}, say). The server then reported it to the error handler, told its clients it was
     * going away (UNAVAILABLE), freed their sessions and stopped serving; only {@link #close()} is left to do.
     *
     * @return the error, or null while the server serves.
     */
    public Throwable failure()
    {
        return conductor.failure();
    }

    /**
     * Whether this server still serves: false once {@link #failure()} is set.
     *
     * @return true while healthy.
     */
    public boolean isHealthy()
    {
        return null == conductor.failure();
    }

    /**
     * The channel clients connect to, with the port the operating system picked when the channel asked for 0.
     *
     * @return the channel clients should use.
     */
    public String channel()
    {
        return conductor.boundChannel();
    }

    /**
     * What this server has done: requests, handler runs, duplicates answered from memory, and more.
     *
     * @return the counters now.
     */
    public ServerCounters.Snapshot counters()
    {
        return conductor.counters().snapshot();
    }

    /**
     * Malformed frames this server refused, by cause.
     *
     * @return a count per cause.
     */
    public java.util.Map<FrameFault, Long> malformedFramesByCause()
    {
        return conductor.counters().malformedByCause();
    }

    /**
     * The number of sessions serving calls.
     *
     * @return clients connected now.
     */
    public int sessionCount()
    {
        return conductor.activeSessionCount();
    }

    /**
     * The settings this server runs with.
     *
     * @return the concluded context.
     */
    public Context context()
    {
        return ctx;
    }

    /**
     * Tells each client the server is going away, frees every session, and closes what the server opened.
     * Executors given to {@link Context#addService(ServiceStub, Executor)} belong to the caller and stay open; calls
     * still running on them get a bounded time to finish first. In invoker mode, call this on the polling thread or
     * after polling has stopped.
     */
    @Override
    public void close()
    {
        CloseHelper.close(agentRunner);
        conductor.close();
        ctx.close();
    }

    /**
     * A server's settings, with defaults from system properties ({@link RpcConfiguration}). Fluent setters;
     * {@link #conclude()} fills what was left unset and checks the rest.
     */
    public static final class Context extends RpcContext<Context>
    {
        private final List<ServiceBinding> services = new ArrayList<>();
        private String channel = RpcConfiguration.channel();
        private int streamId = intProperty(STREAM_ID_PROP_NAME, STREAM_ID_DEFAULT);
        private int responseStreamId = intProperty(RESPONSE_STREAM_ID_PROP_NAME, RESPONSE_STREAM_ID_DEFAULT);
        private String responseChannelParams = System.getProperty(SERVER_RESPONSE_CHANNEL_PARAMS_PROP_NAME);
        private int maxSessions = intProperty(MAX_SESSIONS_PROP_NAME, MAX_SESSIONS_DEFAULT);
        private int maxConcurrentCalls = intProperty(MAX_CONCURRENT_CALLS_PROP_NAME, MAX_CONCURRENT_CALLS_DEFAULT);
        private int maxPendingConnects = intProperty(MAX_PENDING_CONNECTS_PROP_NAME, MAX_PENDING_CONNECTS_DEFAULT);
        private int maxStreamsPerSession = intProperty(MAX_STREAMS_PER_SESSION_PROP_NAME, MAX_STREAMS_PER_SESSION_DEFAULT);
        private int maxCallsPerSession = intProperty(MAX_CALLS_PER_SESSION_PROP_NAME, MAX_CALLS_PER_SESSION_DEFAULT);
        private int maxQueuedBytesPerSession =
            intProperty(MAX_QUEUED_BYTES_PER_SESSION_PROP_NAME, MAX_QUEUED_BYTES_PER_SESSION_DEFAULT);
        private long slowClientTimeoutNs = durationProperty(SLOW_CLIENT_TIMEOUT_PROP_NAME, SLOW_CLIENT_TIMEOUT_DEFAULT_NS);
        private int itemsPerStreamPerCycle =
            intProperty(ITEMS_PER_STREAM_PER_CYCLE_PROP_NAME, ITEMS_PER_STREAM_PER_CYCLE_DEFAULT);
        private int itemsPerSessionPerCycle =
            intProperty(ITEMS_PER_SESSION_PER_CYCLE_PROP_NAME, ITEMS_PER_SESSION_PER_CYCLE_DEFAULT);
        private int maxMalformedFramesPerSecond = intProperty(MAX_MALFORMED_FRAMES_PROP_NAME, MAX_MALFORMED_FRAMES_DEFAULT);
        private int maxClientIdentities = intProperty(MAX_CLIENT_IDENTITIES_PROP_NAME, MAX_CLIENT_IDENTITIES_DEFAULT);
        private long maxRequestIdAheadNs = durationProperty(MAX_REQUEST_ID_AHEAD_PROP_NAME, MAX_REQUEST_ID_AHEAD_DEFAULT_NS);
        private int maxClientTermLength = intProperty(MAX_CLIENT_TERM_LENGTH_PROP_NAME, MAX_CLIENT_TERM_LENGTH_DEFAULT);
        private SessionListener sessionListener = SessionListener.NO_OP;
        private ResponseFilter responseFilter = ResponseFilter.NONE;
        private int exactlyOnceMaxEntries = intProperty(EXACTLY_ONCE_MAX_ENTRIES_PROP_NAME, EXACTLY_ONCE_MAX_ENTRIES_DEFAULT);
        private long exactlyOnceExpiryNs = durationProperty(EXACTLY_ONCE_EXPIRY_PROP_NAME, EXACTLY_ONCE_EXPIRY_DEFAULT_NS);
        private long exactlyOnceMaxBytes = Long.getLong(EXACTLY_ONCE_MAX_BYTES_PROP_NAME, EXACTLY_ONCE_MAX_BYTES_DEFAULT);

        /**
         * Fills defaults and checks the settings. When no {@link Aeron} and no directory is given and
         * {@code aeron.dir} is not set, launches an embedded media driver that the server closes with itself.
         *
         * @return this.
         */
        public Context conclude()
        {
            if (services.isEmpty())
            {
                throw new IllegalStateException("no services: add at least one with addService");
            }
            requirePositive(maxSessions, "maxSessions");
            requirePositive(maxConcurrentCalls, "maxConcurrentCalls");
            requirePositive(exactlyOnceMaxEntries, "exactlyOnceMaxEntries");
            requirePositive(exactlyOnceExpiryNs, "exactlyOnceExpiryNs");
            requirePositive(exactlyOnceMaxBytes, "exactlyOnceMaxBytes");
            requirePositive(maxPendingConnects, "maxPendingConnects");
            requirePositive(maxClientTermLength, "maxClientTermLength");
            requirePositive(maxStreamsPerSession, "maxStreamsPerSession");
            requirePositive(maxCallsPerSession, "maxCallsPerSession");
            requirePositive(maxQueuedBytesPerSession, "maxQueuedBytesPerSession");
            requirePositive(slowClientTimeoutNs, "slowClientTimeoutNs");
            requirePositive(itemsPerStreamPerCycle, "itemsPerStreamPerCycle");
            requirePositive(itemsPerSessionPerCycle, "itemsPerSessionPerCycle");
            requirePositive(maxMalformedFramesPerSecond, "maxMalformedFramesPerSecond");
            requirePositive(maxClientIdentities, "maxClientIdentities");
            requirePositive(maxRequestIdAheadNs, "maxRequestIdAheadNs");
            concludeShared();
            return this;
        }

        /**
         * Serves a service on the poll thread: for handlers that never block.
         *
         * @param stub the generated stub wrapping the implementation.
         * @return this.
         */
        public Context addService(final ServiceStub stub)
        {
            services.add(new ServiceBinding(Objects.requireNonNull(stub, "stub"), null));
            return this;
        }

        /**
         * Serves a service on an executor: for handlers that may block. The poll thread copies each request and
         * hands it over; at most {@link #maxConcurrentCalls()} calls are queued or running at once.
         *
         * @param stub     the generated stub wrapping the implementation.
         * @param executor runs the handlers; owned by the caller.
         * @return this.
         */
        public Context addService(final ServiceStub stub, final Executor executor)
        {
            services.add(new ServiceBinding(
                Objects.requireNonNull(stub, "stub"), Objects.requireNonNull(executor, "executor")));
            return this;
        }

        List<ServiceBinding> services()
        {
            return services;
        }

        /**
         * The channel to listen on.
         *
         * @param channel {@code aeron:udp?endpoint=host:port} (port 0 lets the system pick) or {@code aeron:ipc}.
         * @return this.
         */
        public Context channel(final String channel)
        {
            this.channel = channel;
            return this;
        }

        /**
         * The channel to listen on.
         *
         * @return the channel.
         */
        public String channel()
        {
            return channel;
        }

        /**
         * The stream id of requests.
         *
         * @param streamId a stream id.
         * @return this.
         */
        public Context streamId(final int streamId)
        {
            this.streamId = streamId;
            return this;
        }

        /**
         * The stream id of requests.
         *
         * @return the stream id.
         */
        public int streamId()
        {
            return streamId;
        }

        /**
         * The stream id of the server's response endpoint; each client names the stream it answers on in Connect.
         *
         * @param responseStreamId a stream id.
         * @return this.
         */
        public Context responseStreamId(final int responseStreamId)
        {
            this.responseStreamId = responseStreamId;
            return this;
        }

        /**
         * The stream id of the server's response endpoint.
         *
         * @return the stream id.
         */
        public int responseStreamId()
        {
            return responseStreamId;
        }

        /**
         * Extra Aeron channel parameters for every response publication, such as {@code term-length=1m}: the server
         * chooses them, never the client.
         *
         * @param responseChannelParams {@code name=value} pairs joined by {@code |}, or null for none.
         * @return this.
         */
        public Context responseChannelParams(final String responseChannelParams)
        {
            this.responseChannelParams = responseChannelParams;
            return this;
        }

        /**
         * Extra Aeron channel parameters for every response publication.
         *
         * @return the parameters, or null.
         */
        public String responseChannelParams()
        {
            return responseChannelParams;
        }

        /**
         * Sessions at once before new clients are refused with RESOURCE_EXHAUSTED.
         *
         * @param maxSessions a positive count.
         * @return this.
         */
        public Context maxSessions(final int maxSessions)
        {
            this.maxSessions = maxSessions;
            return this;
        }

        /**
         * Sessions at once.
         *
         * @return the limit.
         */
        public int maxSessions()
        {
            return maxSessions;
        }

        /**
         * Calls queued or running on executors at once before new ones fail with RESOURCE_EXHAUSTED.
         *
         * @param maxConcurrentCalls a positive count.
         * @return this.
         */
        public Context maxConcurrentCalls(final int maxConcurrentCalls)
        {
            this.maxConcurrentCalls = maxConcurrentCalls;
            return this;
        }

        /**
         * Calls queued or running on executors at once.
         *
         * @return the limit.
         */
        public int maxConcurrentCalls()
        {
            return maxConcurrentCalls;
        }

        /**
         * Largest term length accepted for a client's request publication; the image of a larger one is rejected
         * with RESOURCE_EXHAUSTED before any of its frames is read.
         *
         * @param maxClientTermLength bytes.
         * @return this.
         */
        public Context maxClientTermLength(final int maxClientTermLength)
        {
            this.maxClientTermLength = maxClientTermLength;
            return this;
        }

        /**
         * Largest term length accepted for a client's request publication.
         *
         * @return bytes.
         */
        public int maxClientTermLength()
        {
            return maxClientTermLength;
        }

        /**
         * Connects admitted at once while their response publications are set up; a Connect beyond this is left for
         * the client to send again (it does, with backoff), so that hundreds connecting at once cost the driver a
         * bounded number of publications in the making.
         *
         * @param maxPendingConnects a positive count.
         * @return this.
         */
        public Context maxPendingConnects(final int maxPendingConnects)
        {
            this.maxPendingConnects = maxPendingConnects;
            return this;
        }

        /**
         * Connects admitted at once.
         *
         * @return the limit.
         */
        public int maxPendingConnects()
        {
            return maxPendingConnects;
        }

        /**
         * Streams one session may have open at once (server, client and bidirectional together); one more is
         * refused with RESOURCE_EXHAUSTED.
         *
         * @param maxStreamsPerSession a positive count.
         * @return this.
         */
        public Context maxStreamsPerSession(final int maxStreamsPerSession)
        {
            this.maxStreamsPerSession = maxStreamsPerSession;
            return this;
        }

        /**
         * Streams one session may have open at once.
         *
         * @return the limit.
         */
        public int maxStreamsPerSession()
        {
            return maxStreamsPerSession;
        }

        /**
         * Calls of one session queued or running on executors at once; one more is refused with RESOURCE_EXHAUSTED,
         * so that one client cannot take the whole of {@link #maxConcurrentCalls()}.
         *
         * @param maxCallsPerSession a positive count.
         * @return this.
         */
        public Context maxCallsPerSession(final int maxCallsPerSession)
        {
            this.maxCallsPerSession = maxCallsPerSession;
            return this;
        }

        /**
         * Calls of one session queued or running on executors at once.
         *
         * @return the limit.
         */
        public int maxCallsPerSession()
        {
            return maxCallsPerSession;
        }

        /**
         * Bytes kept for one client while its connection is back-pressured; beyond them the client is not reading,
         * and its session is dropped.
         *
         * @param maxQueuedBytesPerSession a positive count of bytes.
         * @return this.
         */
        public Context maxQueuedBytesPerSession(final int maxQueuedBytesPerSession)
        {
            this.maxQueuedBytesPerSession = maxQueuedBytesPerSession;
            return this;
        }

        /**
         * Bytes kept for one client while its connection is back-pressured.
         *
         * @return the limit.
         */
        public int maxQueuedBytesPerSession()
        {
            return maxQueuedBytesPerSession;
        }

        /**
         * How long a client's queued answers may stand unread before its session is dropped.
         *
         * @param slowClientTimeoutNs nanoseconds.
         * @return this.
         */
        public Context slowClientTimeoutNs(final long slowClientTimeoutNs)
        {
            this.slowClientTimeoutNs = slowClientTimeoutNs;
            return this;
        }

        /**
         * How long a client's queued answers may stand unread.
         *
         * @return nanoseconds.
         */
        public long slowClientTimeoutNs()
        {
            return slowClientTimeoutNs;
        }

        /**
         * Items one stream may send from the poll thread in one duty cycle, before it waits for the next.
         *
         * @param itemsPerStreamPerCycle a positive count.
         * @return this.
         */
        public Context itemsPerStreamPerCycle(final int itemsPerStreamPerCycle)
        {
            this.itemsPerStreamPerCycle = itemsPerStreamPerCycle;
            return this;
        }

        /**
         * Items one stream may send from the poll thread in one duty cycle.
         *
         * @return the share.
         */
        public int itemsPerStreamPerCycle()
        {
            return itemsPerStreamPerCycle;
        }

        /**
         * Items one session's streams together may send from the poll thread in one duty cycle.
         *
         * @param itemsPerSessionPerCycle a positive count.
         * @return this.
         */
        public Context itemsPerSessionPerCycle(final int itemsPerSessionPerCycle)
        {
            this.itemsPerSessionPerCycle = itemsPerSessionPerCycle;
            return this;
        }

        /**
         * Items one session's streams together may send from the poll thread in one duty cycle.
         *
         * @return the share.
         */
        public int itemsPerSessionPerCycle()
        {
            return itemsPerSessionPerCycle;
        }

        /**
         * Malformed frames a source may send in a second before it is cut off: its session dropped and its image
         * rejected.
         *
         * @param maxMalformedFramesPerSecond a positive count.
         * @return this.
         */
        public Context maxMalformedFramesPerSecond(final int maxMalformedFramesPerSecond)
        {
            this.maxMalformedFramesPerSecond = maxMalformedFramesPerSecond;
            return this;
        }

        /**
         * Malformed frames a source may send in a second.
         *
         * @return the limit.
         */
        public int maxMalformedFramesPerSecond()
        {
            return maxMalformedFramesPerSecond;
        }

        /**
         * Client identities (an id and the secret that proved it) the server remembers at once; a Connect with a new
         * id beyond them is refused with RESOURCE_EXHAUSTED.
         *
         * @param maxClientIdentities a positive count.
         * @return this.
         */
        public Context maxClientIdentities(final int maxClientIdentities)
        {
            this.maxClientIdentities = maxClientIdentities;
            return this;
        }

        /**
         * Client identities the server remembers at once.
         *
         * @return the limit.
         */
        public int maxClientIdentities()
        {
            return maxClientIdentities;
        }

        /**
         * How far a request id's clock may run ahead of the server's before the request is refused with
         * INVALID_ARGUMENT.
         *
         * @param maxRequestIdAheadNs nanoseconds.
         * @return this.
         */
        public Context maxRequestIdAheadNs(final long maxRequestIdAheadNs)
        {
            this.maxRequestIdAheadNs = maxRequestIdAheadNs;
            return this;
        }

        /**
         * How far a request id's clock may run ahead of the server's.
         *
         * @return nanoseconds.
         */
        public long maxRequestIdAheadNs()
        {
            return maxRequestIdAheadNs;
        }

        /**
         * Fault injection: loses answers after their handler ran, as a crash between work and reply would.
         *
         * @param responseFilter decides per answer; {@link ResponseFilter#NONE} (the default) loses nothing.
         * @return this.
         */
        public Context responseFilter(final ResponseFilter responseFilter)
        {
            this.responseFilter = Objects.requireNonNull(responseFilter, "responseFilter");
            return this;
        }

        /**
         * Decides which answers are lost on purpose.
         *
         * @return the response filter.
         */
        public ResponseFilter responseFilter()
        {
            return responseFilter;
        }

        /**
         * How many exactly-once outcomes the server remembers at most; the oldest are forgotten first.
         *
         * @param exactlyOnceMaxEntries a positive count.
         * @return this.
         */
        public Context exactlyOnceMaxEntries(final int exactlyOnceMaxEntries)
        {
            this.exactlyOnceMaxEntries = exactlyOnceMaxEntries;
            return this;
        }

        /**
         * How many exactly-once outcomes the server remembers at most.
         *
         * @return the count.
         */
        public int exactlyOnceMaxEntries()
        {
            return exactlyOnceMaxEntries;
        }

        /**
         * Bytes of answers the remembered exactly-once outcomes may hold together; the oldest are forgotten first.
         *
         * @param exactlyOnceMaxBytes bytes.
         * @return this.
         */
        public Context exactlyOnceMaxBytes(final long exactlyOnceMaxBytes)
        {
            this.exactlyOnceMaxBytes = exactlyOnceMaxBytes;
            return this;
        }

        /**
         * Bytes of answers the remembered exactly-once outcomes may hold together.
         *
         * @return bytes.
         */
        public long exactlyOnceMaxBytes()
        {
            return exactlyOnceMaxBytes;
        }

        /**
         * How long the server remembers an exactly-once outcome. A client retrying for longer than this gets
         * FAILED_PRECONDITION, never a second run.
         *
         * @param exactlyOnceExpiryNs nanoseconds.
         * @return this.
         */
        public Context exactlyOnceExpiryNs(final long exactlyOnceExpiryNs)
        {
            this.exactlyOnceExpiryNs = exactlyOnceExpiryNs;
            return this;
        }

        /**
         * How long the server remembers an exactly-once outcome.
         *
         * @return nanoseconds.
         */
        public long exactlyOnceExpiryNs()
        {
            return exactlyOnceExpiryNs;
        }

        /**
         * Hears sessions open and close.
         *
         * @param sessionListener called on the poll thread.
         * @return this.
         */
        public Context sessionListener(final SessionListener sessionListener)
        {
            this.sessionListener = Objects.requireNonNull(sessionListener, "sessionListener");
            return this;
        }

        /**
         * Hears sessions open and close.
         *
         * @return the session listener.
         */
        public SessionListener sessionListener()
        {
            return sessionListener;
        }
    }
}
