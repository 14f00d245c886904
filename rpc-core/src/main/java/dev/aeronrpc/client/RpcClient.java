package dev.aeronrpc.client;

import dev.aeronrpc.core.Delivery;
import dev.aeronrpc.core.MethodDescriptor;
import dev.aeronrpc.core.RpcConfiguration;
import dev.aeronrpc.core.RpcContext;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.core.StreamObserver;
import io.aeron.Aeron;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.ManyToManyConcurrentArrayQueue;
import org.agrona.sbe.MessageDecoderFlyweight;
import org.agrona.sbe.MessageEncoderFlyweight;

import java.security.SecureRandom;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static dev.aeronrpc.core.RpcConfiguration.*;

/**
 * The client side: one session with one server, shared by every thread of the process that calls it.
 * <p>
 * Connect with {@link #connect(Context)}, wrap the client in a generated proxy ({@code new BankClient(client)}),
 * call, and close. The proxy's {@code with...} views set call options ({@link CallOptions}); this class's call
 * methods, which the proxies use, take a {@link MethodDescriptor} and also serve code that learns its methods at
 * run time.
 * <p>
 * <b>Threads.</b> One thread owns the session ({@link ClientConductor}): the client's own agent thread, named
 * {@code rpc-client-<clientId>}, which polls answers, runs the timers and heartbeats, and runs every listener and
 * observer that has no executor of its own (see {@link CallOptions#withExecutor} and
 * {@link Context#callbackExecutor}). Any number of other threads may call at once: each encodes into buffers of its
 * own and offers its request itself, holding no lock, and a blocking call waits for its own answer only, running
 * nobody else's listeners. In invoker mode there is no agent thread: the application drives the session by calling
 * {@link #poll()} (listeners run there), and a blocking call drives it while it waits when no other thread is, with
 * other calls' listeners held for the next {@code poll()}.
 * <p>
 * <b>Failures.</b> When the server goes (nothing heard for {@link Context#peerTimeoutNs()}, or the connection
 * drops), calls that never retry (at-most-once) fail with {@link Status#UNAVAILABLE}, and the client reconnects by
 * itself, with growing pauses, keeping its client id; calls that retry (at-least-once, exactly-once) wait and are
 * sent again, with the same request id, once a new session is granted. See {@link Delivery}. When Aeron itself is
 * closed under the client (a process paused past Aeron's timeouts, a driver that went away), a client that made its
 * own Aeron client makes a new one and reconnects; one given an Aeron client fails every call with UNAVAILABLE.
 */
public final class RpcClient implements AutoCloseable
{
    private final Context ctx;
    private final PendingCalls pendingCalls;
    private final ClientCounters counters;
    private final RetryBudget retryBudget;
    private final ClientConductor conductor;
    // Request ids start from the clock, so a restarted client with the same client id never reuses one: a server
    // that remembers exactly-once outcomes by (client id, request id) tells old from new by their order.
    private final AtomicLong nextRequestId = new AtomicLong(System.currentTimeMillis() << 20);
    private final ManyToManyConcurrentArrayQueue<AsyncCall> asyncCallPool;
    private final ThreadLocal<SlotRef> slots = new ThreadLocal<>();
    private final ConcurrentLinkedQueue<SlotRef> slotRefs = new ConcurrentLinkedQueue<>();
    // The thread running the conductor's duty cycle now: the agent thread for good, or in invoker mode whoever polls.
    private final AtomicReference<Thread> driver = new AtomicReference<>();
    private volatile boolean closed;
    private AgentRunner agentRunner;

    private RpcClient(final Context ctx)
    {
        this.ctx = ctx;
        this.pendingCalls = new PendingCalls(ctx.maxInflightCalls());
        this.asyncCallPool = new ManyToManyConcurrentArrayQueue<>(Math.max(2, ctx.maxInflightCalls()));
        this.counters = new ClientCounters(ctx.aeron(), ctx.clientId());
        this.retryBudget = new RetryBudget(ctx.retryBudgetMaxTokens(), ctx.retryBudgetTokenRatio());
        this.conductor = new ClientConductor(this, pendingCalls, counters);
    }

    /**
     * Connects to a server, blocking until the session is granted.
     *
     * @param ctx the settings; concluded here.
     * @return a connected client.
     * @throws RpcException UNAVAILABLE when no server answers within the connect timeout, or the server's status
     *                      when it refuses.
     */
    public static RpcClient connect(final Context ctx)
    {
        ctx.conclude();
        final RpcClient client;
        try
        {
            client = new RpcClient(ctx);
        }
        catch (final RuntimeException ex)
        {
            ctx.close();
            throw ex;
        }
        try
        {
            client.driver.set(Thread.currentThread());
            try
            {
                client.conductor.connect();
            }
            finally
            {
                client.driver.set(null);
            }
            if (!ctx.invokerMode())
            {
                final ClientIdleStrategy idle = new ClientIdleStrategy(ctx.idleStrategy(), client.conductor, ctx.heartbeatIntervalNs());
                client.pendingCalls.idleStrategy(idle);
                client.conductor.idleStrategy(idle);
                client.agentRunner = new AgentRunner(idle, ctx.errorHandler(), null, new ConductorAgent(client));
                AgentRunner.startOnThread(client.agentRunner);
            }
            return client;
        }
        catch (final RuntimeException ex)
        {
            client.close();
            throw ex;
        }
    }

    /**
     * This thread's request encoder of a method, wrapped over this thread's frame behind room for the envelope,
     * so that the request is sent without a copy. Fill it, then pass it to the next call made on this thread: a
     * request built after it on this thread overwrites it, and such a call is refused.
     *
     * @param method the method.
     * @param <Q>    the request encoder type.
     * @return the encoder, ready to fill.
     */
    public <Q extends MessageEncoderFlyweight> Q request(final MethodDescriptor<Q, ?> method)
    {
        return slot().request(method);
    }

    /**
     * A unary call that blocks until its answer comes.
     *
     * @param method  the method, unary.
     * @param request the request, best from {@link #request}; an encoder over a buffer of the caller's is copied.
     * @param options the call's options.
     * @param <R>     the response decoder type.
     * @return the response, valid until this thread's next call through this client.
     * @throws RpcException with the call's status when it fails: DEADLINE_EXCEEDED when no answer comes in time.
     * @throws IllegalStateException when made from a listener or observer running on the client's thread, where
     *                               waiting would stop the client; or when the request was overwritten.
     */
    public <R extends MessageDecoderFlyweight> R call(
        final MethodDescriptor<?, R> method, final MessageEncoderFlyweight request, final CallOptions options)
    {
        return slot().call(method, request, options);
    }

    /**
     * A unary call that returns at once; the listener hears the outcome, once, on the client's thread or the
     * options' executor.
     *
     * @param method   the method, unary.
     * @param request  the request.
     * @param listener hears the outcome.
     * @param options  the call's options.
     * @param <R>      the response decoder type.
     */
    public <R extends MessageDecoderFlyweight> void callAsync(
        final MethodDescriptor<?, R> method,
        final MessageEncoderFlyweight request,
        final ResponseListener<R> listener,
        final CallOptions options)
    {
        if (closed)
        {
            listener.onError(Status.UNAVAILABLE, "the client is closed");
            return;
        }
        slot().callAsync(method, request, listener, options);
    }

    /**
     * Opens a server stream (or the server's half of a bidirectional one is opened by {@link #bidiStream}).
     *
     * @param method   the method, a server stream.
     * @param request  the request.
     * @param observer receives the items, on the client's thread or the options' executor; or null to read them
     *                 with the stream's iterator.
     * @param options  the call's options.
     * @param <R>      the item decoder type.
     * @return the stream.
     */
    public <R extends MessageDecoderFlyweight> ClientStream<R> serverStream(
        final MethodDescriptor<?, R> method,
        final MessageEncoderFlyweight request,
        final StreamObserver<R> observer,
        final CallOptions options)
    {
        return slot().openServerStream(method.requireKind(MethodDescriptor.Kind.SERVER_STREAM), request, observer,
            options);
    }

    /**
     * Opens a client stream.
     *
     * @param method   the method, a client stream.
     * @param listener hears the answer; or null to wait for it with {@link ClientStreamCall#complete()}.
     * @param options  the call's options.
     * @param <Q>      the item encoder type.
     * @param <R>      the response decoder type.
     * @return the call.
     */
    public <Q extends MessageEncoderFlyweight, R extends MessageDecoderFlyweight> ClientStreamCall<Q, R> clientStream(
        final MethodDescriptor<Q, R> method, final ResponseListener<R> listener, final CallOptions options)
    {
        return slot().openClientStream(method.requireKind(MethodDescriptor.Kind.CLIENT_STREAM), listener, options);
    }

    /**
     * Opens a bidirectional stream.
     *
     * @param method   the method, a bidirectional stream.
     * @param observer receives the server's items; or null to read them with the stream's iterator.
     * @param options  the call's options.
     * @param <Q>      the client's item encoder type.
     * @param <R>      the server's item decoder type.
     * @return the stream.
     */
    public <Q extends MessageEncoderFlyweight, R extends MessageDecoderFlyweight> BidiStream<Q, R> bidiStream(
        final MethodDescriptor<Q, R> method, final StreamObserver<R> observer, final CallOptions options)
    {
        return slot().openBidiStream(method.requireKind(MethodDescriptor.Kind.BIDI_STREAM), observer, options);
    }

    /**
     * Sends a one-way message: no answer, no retry.
     *
     * @param method  the method, one-way.
     * @param request the message.
     * @return true when handed to Aeron; false when dropped (no connection, back pressure past the send timeout,
     * too large), which the counters record.
     */
    public boolean send(final MethodDescriptor<?, ?> method, final MessageEncoderFlyweight request)
    {
        return slot().send(method.requireKind(MethodDescriptor.Kind.ONE_WAY), request);
    }

    /**
     * Runs the duty cycle once, in invoker mode: polls answers, runs timers, and runs the listeners and observers
     * of calls that completed. Call it in a loop from the application's thread.
     *
     * @return the amount of work done; 0 when idle or another thread was driving the client.
     * @throws IllegalStateException when the client runs its own thread, or from a listener this poll is running.
     */
    public int poll()
    {
        if (!ctx.invokerMode())
        {
            throw new IllegalStateException("the client runs its own thread; poll() is for invoker mode");
        }
        final Thread current = Thread.currentThread();
        if (driver.get() == current)
        {
            throw new IllegalStateException("poll() from a listener running inside poll(): return from it instead");
        }
        if (!driver.compareAndSet(null, current))
        {
            return 0;
        }
        try
        {
            return conductor.doWork();
        }
        finally
        {
            driver.set(null);
        }
    }

    /**
     * Whether the session is up.
     *
     * @return true while connected to the server.
     */
    public boolean isConnected()
    {
        return conductor.isConnected();
    }

    /**
     * This client's identity, which the server sees in Connect.
     *
     * @return the client id.
     */
    public long clientId()
    {
        return ctx.clientId();
    }

    /**
     * The session the server assigned.
     *
     * @return the session id, or 0 when not connected.
     */
    public long sessionId()
    {
        return conductor.connection().sessionId;
    }

    /**
     * The timeout of a unary call or client stream made without one.
     *
     * @return the default call timeout in nanoseconds.
     */
    public long callTimeoutNs()
    {
        return ctx.callTimeoutNs();
    }

    /**
     * What this client has done: calls, retries, timeouts, failures, reconnects.
     *
     * @return the counters now.
     */
    public ClientCounters.Snapshot counters()
    {
        return counters.snapshot();
    }

    /**
     * The number of calls in flight.
     *
     * @return calls sent and not yet completed.
     */
    public int inflightCalls()
    {
        return pendingCalls.size();
    }

    /**
     * The settings this client runs with.
     *
     * @return the concluded context.
     */
    public Context context()
    {
        return ctx;
    }

    /**
     * Ends the session: tells the server, fails calls in flight with CANCELLED (their listeners hear it on this
     * thread or their executors), and frees what the client opened (its Aeron client and embedded driver when it
     * made them). Afterwards no thread keeps anything of the client, and calls fail with UNAVAILABLE.
     *
     * @throws IllegalStateException from a listener or observer running on the client's thread.
     */
    @Override
    public void close()
    {
        if (isConductorThread())
        {
            throw new IllegalStateException("close() from a listener on the client's thread: close it from another");
        }
        if (closed)
        {
            return;
        }
        closed = true;
        CloseHelper.close(agentRunner);
        final Thread current = Thread.currentThread();
        while (!driver.compareAndSet(null, current))
        {
            Thread.onSpinWait();
        }
        try
        {
            conductor.close();
        }
        finally
        {
            for (final SlotRef ref : slotRefs)
            {
                ref.slot = null;
            }
            slotRefs.clear();
            CloseHelper.quietClose(counters);
            ctx.close();
        }
    }

    /**
     * This thread's call slot, made on its first call.
     */
    CallSlot slot()
    {
        final SlotRef ref = slots.get();
        if (null != ref)
        {
            final CallSlot slot = ref.slot;
            if (null != slot)
            {
                return slot;
            }
        }
        return newSlot();
    }

    private CallSlot newSlot()
    {
        if (closed)
        {
            throw new RpcException(Status.UNAVAILABLE, "the client is closed");
        }
        final Thread thread = Thread.currentThread();
        final CallSlot slot = new CallSlot(this, thread);
        final SlotRef ref = new SlotRef(thread, slot);
        // Threads that have ended keep nothing here.
        for (final Iterator<SlotRef> it = slotRefs.iterator(); it.hasNext(); )
        {
            if (!it.next().thread.isAlive())
            {
                it.remove();
            }
        }
        slotRefs.add(ref);
        slots.set(ref);
        return slot;
    }

    /**
     * This thread's sender, for control frames sent from whichever thread reads or cancels a stream.
     */
    ClientProxy currentProxy()
    {
        return isConductorThread() ? conductor.proxy() : slot().proxy();
    }

    /**
     * Tells the server to stop a call: offered once from this thread, and by the conductor until it goes when
     * refused.
     */
    void sendCancel(final long requestId)
    {
        final Connection connection = conductor.connection();
        if (connection.isUp() && !closed && Status.RESOURCE_EXHAUSTED == currentProxy().cancel(connection, requestId))
        {
            conductor.queueControl(ControlQueue.CANCEL, requestId, 0, connection.epoch);
        }
    }

    /**
     * Grants a stream's producer more items: offered once from this thread, and by the conductor until it goes
     * when refused.
     *
     * @return false when the connection is down, or the conductor's queue is full.
     */
    boolean sendCredit(final long requestId, final int items)
    {
        final Connection connection = conductor.connection();
        if (!connection.isUp() || closed)
        {
            return false;
        }
        final Status sent = currentProxy().credit(connection, requestId, items);
        return Status.OK == sent ||
            Status.RESOURCE_EXHAUSTED == sent &&
            conductor.queueControl(ControlQueue.CREDIT, requestId, items, connection.epoch);
    }

    /**
     * Ends the client's half of a stream: offered once from this thread, and by the conductor until it goes.
     */
    void sendStreamEnd(final long requestId, final long items)
    {
        final Connection connection = conductor.connection();
        if (connection.isUp() && !closed &&
            Status.RESOURCE_EXHAUSTED == currentProxy().streamEnd(connection, requestId, items))
        {
            conductor.queueControl(ControlQueue.STREAM_END, requestId, items, connection.epoch);
        }
    }

    /**
     * In invoker mode, runs the duty cycle for a caller that waits, when no other thread is running it; the
     * listeners of other calls wait for the next {@link #poll()}.
     *
     * @return the work done.
     */
    int driveWhileWaiting()
    {
        if (!ctx.invokerMode())
        {
            return 0;
        }
        final Thread current = Thread.currentThread();
        if (!driver.compareAndSet(null, current))
        {
            return 0;
        }
        try
        {
            return conductor.doWorkDeferringCallbacks();
        }
        finally
        {
            driver.set(null);
        }
    }

    /**
     * Whether this thread runs the conductor now (the agent thread, or a thread inside {@link #poll()}).
     */
    boolean isConductorThread()
    {
        return driver.get() == Thread.currentThread();
    }

    void checkMayBlock()
    {
        if (isConductorThread())
        {
            throw new IllegalStateException(
                "a blocking call from a listener or observer on the client's thread would stop the client: " +
                "make an asynchronous call, or give the listener an executor");
        }
    }

    Connection connection()
    {
        return conductor.connection();
    }

    void checkCanCall(final Connection connection, final Delivery delivery)
    {
        conductor.checkCanCall(connection, delivery);
    }

    long nextRequestId()
    {
        return nextRequestId.getAndIncrement();
    }

    long lastHeardNs()
    {
        return conductor.lastHeardNs();
    }

    /**
     * How long without a word makes the server silent: two of its heartbeat intervals.
     */
    long silenceNs()
    {
        return 2 * conductor.serverHeartbeatIntervalNs();
    }

    PendingCalls pendingCalls()
    {
        return pendingCalls;
    }

    ClientConductor conductor()
    {
        return conductor;
    }

    ClientCounters clientCounters()
    {
        return counters;
    }

    RetryBudget retryBudget()
    {
        return retryBudget;
    }

    boolean isClosed()
    {
        return closed;
    }

    boolean isClosedOrGivenUp()
    {
        return closed || conductor.isClosedOrGivenUp();
    }

    void onOutcome(final Status status)
    {
        if (Status.OK == status)
        {
            retryBudget.onSuccess();
        }
        counters.onOutcome(status);
    }

    RpcException tooManyCalls()
    {
        return new RpcException(Status.RESOURCE_EXHAUSTED,
            "too many calls in flight: the limit is " + ctx.maxInflightCalls());
    }

    int maxMessageLength()
    {
        final Connection connection = conductor.connection();
        return connection.isUp() ? connection.maxMessageLength :
            Math.min(ctx.maxMessageLength(), conductor.serverMaxMessageLength());
    }

    AsyncCall acquireAsyncCall()
    {
        final AsyncCall call = asyncCallPool.poll();
        return null != call ? call : new AsyncCall(asyncCallPool, this);
    }

    /**
     * One thread's call slot, as that thread's {@link ThreadLocal} holds it: the client empties it on close, so no
     * thread keeps the client alive afterwards.
     */
    private static final class SlotRef
    {
        private final Thread thread;
        private volatile CallSlot slot;

        SlotRef(final Thread thread, final CallSlot slot)
        {
            this.thread = thread;
            this.slot = slot;
        }
    }

    private static final class ConductorAgent implements Agent
    {
        private final RpcClient client;

        ConductorAgent(final RpcClient client)
        {
            this.client = client;
        }

        @Override
        public void onStart()
        {
            client.driver.set(Thread.currentThread());
        }

        @Override
        public int doWork()
        {
            return client.conductor.doWork();
        }

        @Override
        public void onClose()
        {
            client.driver.set(null);
        }

        @Override
        public String roleName()
        {
            return client.conductor.roleName();
        }
    }

    /**
     * A client's settings, with defaults from system properties ({@link RpcConfiguration}). Fluent setters;
     * {@link #conclude()} fills what was left unset and checks the rest.
     */
    public static final class Context extends RpcContext<Context>
    {
        private String requestChannel = RpcConfiguration.channel();
        private int requestStreamId = intProperty(STREAM_ID_PROP_NAME, STREAM_ID_DEFAULT);
        private String requestChannelParams = System.getProperty(CLIENT_REQUEST_CHANNEL_PARAMS_PROP_NAME);
        private String responseChannelParams = System.getProperty(CLIENT_RESPONSE_CHANNEL_PARAMS_PROP_NAME);
        private int responseStreamId = intProperty(RESPONSE_STREAM_ID_PROP_NAME, RESPONSE_STREAM_ID_DEFAULT);
        private long clientId = Long.getLong(CLIENT_ID_PROP_NAME, 0L);
        private long clientSecret = Long.getLong(CLIENT_SECRET_PROP_NAME, 0L);
        private Executor callbackExecutor;
        private long callTimeoutNs = durationProperty(CALL_TIMEOUT_PROP_NAME, CALL_TIMEOUT_DEFAULT_NS);
        private long connectTimeoutNs = durationProperty(CONNECT_TIMEOUT_PROP_NAME, CONNECT_TIMEOUT_DEFAULT_NS);
        private int maxInflightCalls = intProperty(MAX_INFLIGHT_CALLS_PROP_NAME, MAX_INFLIGHT_CALLS_DEFAULT);
        private boolean reconnect = Boolean.parseBoolean(System.getProperty(RECONNECT_PROP_NAME, "true"));
        private long attemptTimeoutNs = durationProperty(ATTEMPT_TIMEOUT_PROP_NAME, ATTEMPT_TIMEOUT_DEFAULT_NS);
        private int maxAttempts = intProperty(MAX_ATTEMPTS_PROP_NAME, MAX_ATTEMPTS_DEFAULT);
        private long maxBackoffNs = durationProperty(MAX_BACKOFF_PROP_NAME, MAX_BACKOFF_DEFAULT_NS);
        private double retryBudgetMaxTokens = doubleProperty(RETRY_BUDGET_MAX_TOKENS_PROP_NAME, RETRY_BUDGET_MAX_TOKENS_DEFAULT);
        private double retryBudgetTokenRatio = doubleProperty(RETRY_BUDGET_TOKEN_RATIO_PROP_NAME, RETRY_BUDGET_TOKEN_RATIO_DEFAULT);

        /**
         * Fills defaults and checks the settings. When no {@link Aeron} and no directory is given and
         * {@code aeron.dir} is not set, launches an embedded media driver that the client closes with itself.
         *
         * @return this.
         */
        public Context conclude()
        {
            final SecureRandom random = new SecureRandom();
            while (0 == clientId)
            {
                clientId = random.nextLong() & Long.MAX_VALUE;
            }
            while (0 == clientSecret)
            {
                clientSecret = random.nextLong();
            }
            requirePositive(callTimeoutNs, "callTimeoutNs");
            requirePositive(connectTimeoutNs, "connectTimeoutNs");
            requirePositive(maxInflightCalls, "maxInflightCalls");
            requirePositive(attemptTimeoutNs, "attemptTimeoutNs");
            requirePositive(maxAttempts, "maxAttempts");
            requirePositive(maxBackoffNs, "maxBackoffNs");
            if (retryBudgetMaxTokens <= 0 || retryBudgetTokenRatio <= 0)
            {
                throw new IllegalArgumentException("the retry budget's tokens and ratio must be positive");
            }
            concludeShared();
            return this;
        }

        /**
         * The channel to send requests on: the server's channel.
         *
         * @param requestChannel an Aeron channel such as {@code aeron:udp?endpoint=host:40123} or {@code aeron:ipc}.
         * @return this.
         */
        public Context requestChannel(final String requestChannel)
        {
            this.requestChannel = requestChannel;
            return this;
        }

        /**
         * The channel requests are sent on.
         *
         * @return the request channel.
         */
        public String requestChannel()
        {
            return requestChannel;
        }

        /**
         * The stream id of requests.
         *
         * @param requestStreamId the server's stream id.
         * @return this.
         */
        public Context requestStreamId(final int requestStreamId)
        {
            this.requestStreamId = requestStreamId;
            return this;
        }

        /**
         * The stream id of requests.
         *
         * @return the request stream id.
         */
        public int requestStreamId()
        {
            return requestStreamId;
        }

        /**
         * Extra Aeron channel parameters for the request publication, such as {@code term-length=1m|sparse=true}.
         *
         * @param requestChannelParams {@code name=value} pairs joined by {@code |}, or null for none.
         * @return this.
         */
        public Context requestChannelParams(final String requestChannelParams)
        {
            this.requestChannelParams = requestChannelParams;
            return this;
        }

        /**
         * Extra Aeron channel parameters for the request publication.
         *
         * @return the parameters, or null.
         */
        public String requestChannelParams()
        {
            return requestChannelParams;
        }

        /**
         * Extra Aeron channel parameters for the response subscription. Answers come back on Aeron's response
         * channels, routed by the driver to this client's subscription, so there is no address to configure: across
         * hosts the server needs no route to the client's address, and no client can make the server send anywhere
         * else.
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
         * Extra Aeron channel parameters for the response subscription.
         *
         * @return the parameters, or null.
         */
        public String responseChannelParams()
        {
            return responseChannelParams;
        }

        /**
         * The stream id of responses.
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
         * The stream id of responses.
         *
         * @return the response stream id.
         */
        public int responseStreamId()
        {
            return responseStreamId;
        }

        /**
         * This client's identity; set it to keep one identity across restarts of the process.
         *
         * @param clientId a positive number unique among the server's clients.
         * @return this.
         */
        public Context clientId(final long clientId)
        {
            this.clientId = clientId;
            return this;
        }

        /**
         * This client's identity.
         *
         * @return the client id.
         */
        public long clientId()
        {
            return clientId;
        }

        /**
         * The secret that goes with the client id: a server that knows the client id from an earlier session
         * grants it again only to the client that proves the same secret, so no other client can take over its
         * exactly-once outcomes. Random unless set; set it, with the client id, for an identity that outlives the
         * process.
         *
         * @param clientSecret any number but 0.
         * @return this.
         */
        public Context clientSecret(final long clientSecret)
        {
            this.clientSecret = clientSecret;
            return this;
        }

        /**
         * The secret that goes with the client id.
         *
         * @return the secret, 0 until concluded when unset.
         */
        public long clientSecret()
        {
            return clientSecret;
        }

        /**
         * Where listeners and observers run when a call names no executor of its own: by default (null) on the
         * client's own thread, where they must not block.
         *
         * @param callbackExecutor the executor, or null.
         * @return this.
         */
        public Context callbackExecutor(final Executor callbackExecutor)
        {
            this.callbackExecutor = callbackExecutor;
            return this;
        }

        /**
         * Where listeners and observers run when a call names no executor.
         *
         * @return the executor, or null for the client's own thread.
         */
        public Executor callbackExecutor()
        {
            return callbackExecutor;
        }

        /**
         * Timeout of calls made without one.
         *
         * @param callTimeoutNs nanoseconds.
         * @return this.
         */
        public Context callTimeoutNs(final long callTimeoutNs)
        {
            this.callTimeoutNs = callTimeoutNs;
            return this;
        }

        /**
         * Timeout of calls made without one.
         *
         * @return nanoseconds.
         */
        public long callTimeoutNs()
        {
            return callTimeoutNs;
        }

        /**
         * How long {@link RpcClient#connect} waits for a server.
         *
         * @param connectTimeoutNs nanoseconds.
         * @return this.
         */
        public Context connectTimeoutNs(final long connectTimeoutNs)
        {
            this.connectTimeoutNs = connectTimeoutNs;
            return this;
        }

        /**
         * How long {@link RpcClient#connect} waits for a server.
         *
         * @return nanoseconds.
         */
        public long connectTimeoutNs()
        {
            return connectTimeoutNs;
        }

        /**
         * Calls in flight at once before new ones fail with RESOURCE_EXHAUSTED.
         *
         * @param maxInflightCalls a positive count.
         * @return this.
         */
        public Context maxInflightCalls(final int maxInflightCalls)
        {
            this.maxInflightCalls = maxInflightCalls;
            return this;
        }

        /**
         * Calls in flight at once.
         *
         * @return the limit.
         */
        public int maxInflightCalls()
        {
            return maxInflightCalls;
        }

        /**
         * Whether the client reconnects by itself when its server goes away (default true).
         *
         * @param reconnect false to give up on the first loss and fail every call with UNAVAILABLE.
         * @return this.
         */
        public Context reconnect(final boolean reconnect)
        {
            this.reconnect = reconnect;
            return this;
        }

        /**
         * Whether the client reconnects by itself.
         *
         * @return true when it does.
         */
        public boolean reconnect()
        {
            return reconnect;
        }

        /**
         * How long a retrying call waits for an answer before its first retry; each later retry waits twice as long
         * as the one before, up to {@link #maxBackoffNs()}, with a fifth of random jitter.
         *
         * @param attemptTimeoutNs nanoseconds.
         * @return this.
         */
        public Context attemptTimeoutNs(final long attemptTimeoutNs)
        {
            this.attemptTimeoutNs = attemptTimeoutNs;
            return this;
        }

        /**
         * How long a retrying call waits before its first retry.
         *
         * @return nanoseconds.
         */
        public long attemptTimeoutNs()
        {
            return attemptTimeoutNs;
        }

        /**
         * The most times a retrying call is sent, the first time included.
         *
         * @param maxAttempts a positive count.
         * @return this.
         */
        public Context maxAttempts(final int maxAttempts)
        {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * The most times a retrying call is sent.
         *
         * @return the count.
         */
        public int maxAttempts()
        {
            return maxAttempts;
        }

        /**
         * The longest pause between two attempts of a call, or two attempts to reconnect.
         *
         * @param maxBackoffNs nanoseconds.
         * @return this.
         */
        public Context maxBackoffNs(final long maxBackoffNs)
        {
            this.maxBackoffNs = maxBackoffNs;
            return this;
        }

        /**
         * The longest pause between two attempts.
         *
         * @return nanoseconds.
         */
        public long maxBackoffNs()
        {
            return maxBackoffNs;
        }

        /**
         * Size of the retry budget (gRFC A6): each attempt that gets no answer takes a token, and retries stop
         * while half the tokens or fewer are left.
         *
         * @param retryBudgetMaxTokens tokens.
         * @return this.
         */
        public Context retryBudgetMaxTokens(final double retryBudgetMaxTokens)
        {
            this.retryBudgetMaxTokens = retryBudgetMaxTokens;
            return this;
        }

        /**
         * Size of the retry budget.
         *
         * @return tokens.
         */
        public double retryBudgetMaxTokens()
        {
            return retryBudgetMaxTokens;
        }

        /**
         * Tokens a successful call gives back to the retry budget.
         *
         * @param retryBudgetTokenRatio a fraction of a token.
         * @return this.
         */
        public Context retryBudgetTokenRatio(final double retryBudgetTokenRatio)
        {
            this.retryBudgetTokenRatio = retryBudgetTokenRatio;
            return this;
        }

        /**
         * Tokens a successful call gives back.
         *
         * @return a fraction of a token.
         */
        public double retryBudgetTokenRatio()
        {
            return retryBudgetTokenRatio;
        }

    }
}
