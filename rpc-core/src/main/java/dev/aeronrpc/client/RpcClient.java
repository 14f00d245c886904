package dev.aeronrpc.client;

import dev.aeronrpc.core.Delivery;
import dev.aeronrpc.core.FrameSender;
import dev.aeronrpc.core.RpcConfiguration;
import dev.aeronrpc.core.RpcContext;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import io.aeron.Aeron;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.ManyToManyConcurrentArrayQueue;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import static dev.aeronrpc.core.RpcConfiguration.*;

/**
 * The client side: one session with one server, shared by every thread of the process that calls it.
 * <p>
 * Connect with {@link #connect(Context)}, wrap the client in a generated proxy ({@code new BankClient(client)}),
 * call, and close.
 * <p>
 * When the server goes (nothing heard for {@link Context#peerTimeoutNs()}, or the connection drops), calls that
 * never retry (at-most-once) fail with {@link dev.aeronrpc.core.Status#UNAVAILABLE}, and the client reconnects by
 * itself, with growing pauses, keeping its client id; calls that retry (at-least-once, exactly-once) wait and are
 * sent again, with the same request id, once a new session is granted. See {@link Delivery}.
 * <p>
 * Threading: calls may come from any number of threads at once. The duty cycle (poll responses, expire deadlines,
 * heartbeat, watch the server) runs under a lock, on the client's own agent thread, on a thread waiting in a
 * blocking call, or, in invoker mode, only on threads that call {@link #poll()}.
 */
public final class RpcClient implements AutoCloseable
{
    private final Context ctx;
    private final PendingCalls pendingCalls;
    private final ClientProxy proxy;
    private final ClientCounters counters;
    private final RetryBudget retryBudget;
    private final ClientConductor conductor;
    private final ReentrantLock pollLock = new ReentrantLock();
    // Request ids start from the clock, so a restarted client with the same client id never reuses one: a server
    // that remembers exactly-once outcomes by (client id, request id) tells old from new by their order.
    private final AtomicLong nextRequestId = new AtomicLong(System.currentTimeMillis() << 20);
    private final ManyToManyConcurrentArrayQueue<AsyncCall> asyncCallPool;
    private AgentRunner agentRunner;

    private RpcClient(final Context ctx)
    {
        this.ctx = ctx;
        this.pendingCalls = new PendingCalls(ctx.maxInflightCalls());
        this.asyncCallPool = new ManyToManyConcurrentArrayQueue<>(Math.max(2, ctx.maxInflightCalls()));
        this.proxy = new ClientProxy(new FrameSender(ctx.idleStrategy(), ctx.sendTimeoutNs()));
        this.counters = new ClientCounters(ctx.aeron(), ctx.clientId());
        this.retryBudget = new RetryBudget(ctx.retryBudgetMaxTokens(), ctx.retryBudgetTokenRatio());
        this.conductor = new ClientConductor(ctx, pendingCalls, proxy, counters);
    }

    /**
     * Connects to a server, blocking until the session is granted.
     *
     * @param ctx the settings; concluded here.
     * @return a connected client.
     * @throws dev.aeronrpc.core.RpcException UNAVAILABLE when no server answers within the connect timeout, or the
     *                                        server's status when it refuses.
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
            client.conductor.connect();
            if (!ctx.invokerMode())
            {
                client.agentRunner = new AgentRunner(
                    ctx.idleStrategy(), ctx.errorHandler(), null, new PollingAgent(client));
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
     * A new slot for one thread's calls; generated proxies keep one per thread.
     *
     * @return a new call slot.
     */
    public CallSlot newCallSlot()
    {
        return new CallSlot(this);
    }

    /**
     * The timeout of a call made without one.
     *
     * @return the default call timeout in nanoseconds.
     */
    public long callTimeoutNs()
    {
        return ctx.callTimeoutNs();
    }

    /**
     * Runs the duty cycle once, if no other thread is running it. In invoker mode, some thread must call this for
     * asynchronous calls to complete; blocking calls poll for themselves.
     *
     * @return the amount of work done, 0 when idle or another thread was polling.
     */
    public int poll()
    {
        checkNotPolling();
        return tryPoll();
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
     * @return the session id.
     */
    public long sessionId()
    {
        return conductor.sessionId();
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
     * Ends the session: tells the server, fails calls in flight with CANCELLED, and frees what the client opened
     * (its Aeron client and embedded driver when it made them).
     */
    @Override
    public void close()
    {
        if (pollLock.isHeldByCurrentThread())
        {
            throw new IllegalStateException("close() from a response listener: close the client from another thread");
        }
        CloseHelper.close(agentRunner);
        pollLock.lock();
        try
        {
            conductor.close();
        }
        finally
        {
            pollLock.unlock();
        }
        CloseHelper.quietClose(counters);
        ctx.close();
    }

    int tryPoll()
    {
        if (!pollLock.tryLock())
        {
            return 0;
        }
        try
        {
            return conductor.doWork();
        }
        finally
        {
            pollLock.unlock();
        }
    }

    void checkNotPolling()
    {
        if (pollLock.isHeldByCurrentThread())
        {
            throw new IllegalStateException("a blocking call or poll() from a response listener would deadlock");
        }
    }

    long nextRequestId()
    {
        return nextRequestId.getAndIncrement();
    }

    PendingCalls pendingCalls()
    {
        return pendingCalls;
    }

    ClientConductor conductor()
    {
        return conductor;
    }

    ClientProxy proxy()
    {
        return proxy;
    }

    ClientCounters clientCounters()
    {
        return counters;
    }

    RetryBudget retryBudget()
    {
        return retryBudget;
    }

    boolean isClosedOrGivenUp()
    {
        return conductor.isClosedOrGivenUp();
    }

    void checkCanCall(final Delivery delivery)
    {
        conductor.checkCanCall(delivery);
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
        return Math.min(ctx.maxMessageLength(), conductor.serverMaxMessageLength());
    }

    AsyncCall acquireAsyncCall()
    {
        final AsyncCall call = asyncCallPool.poll();
        return null != call ? call : new AsyncCall(asyncCallPool, this);
    }

    private static final class PollingAgent implements org.agrona.concurrent.Agent
    {
        private final RpcClient client;

        PollingAgent(final RpcClient client)
        {
            this.client = client;
        }

        @Override
        public int doWork()
        {
            return client.tryPoll();
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
        private String responseChannel = System.getProperty(RESPONSE_CHANNEL_PROP_NAME);
        private int responseStreamId = intProperty(RESPONSE_STREAM_ID_PROP_NAME, RESPONSE_STREAM_ID_DEFAULT);
        private long clientId = Long.getLong(CLIENT_ID_PROP_NAME, 0L);
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
            if (0 == clientId)
            {
                clientId = new SecureRandom().nextLong() & Long.MAX_VALUE;
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
         * The channel to receive responses on; derived from the request channel when not set. Across hosts, set
         * it to an address the server can reach, with port 0 to let the operating system pick one:
         * {@code aeron:udp?endpoint=192.168.1.20:0}.
         *
         * @param responseChannel an Aeron channel.
         * @return this.
         */
        public Context responseChannel(final String responseChannel)
        {
            this.responseChannel = responseChannel;
            return this;
        }

        /**
         * The channel responses arrive on, or null to derive it.
         *
         * @return the response channel.
         */
        public String responseChannel()
        {
            return responseChannel;
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
