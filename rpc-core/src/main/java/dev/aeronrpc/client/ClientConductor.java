package dev.aeronrpc.client;

import dev.aeronrpc.core.Delivery;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import io.aeron.Aeron;
import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The client's duty cycle: connects (and reconnects), polls the response subscription, completes pending calls,
 * sends heartbeats, runs the timer of deadlines and retries, and notices a dead server.
 * <p>
 * {@link #doWork()} runs only under the client's poll lock, on whichever thread holds it: the agent thread, a
 * caller waiting in a blocking call, or the caller of {@link RpcClient#poll()}.
 * <p>
 * A connection attempt subscribes for responses, adds an exclusive request publication, waits for it to reach
 * the server, sends Connect and waits for the answer. When an established connection is lost, calls that never
 * retry fail with UNAVAILABLE, calls that retry wait, and the client makes new attempts with growing pauses until
 * the server answers again; then the waiting calls are sent again on the new session.
 */
final class ClientConductor implements Agent
{
    private static final int FRAGMENT_LIMIT = 64;
    private static final long TIMER_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long FIRST_RECONNECT_PAUSE_NS = TimeUnit.MILLISECONDS.toNanos(50);

    enum State
    {
        /** A connection attempt is under way. */
        CONNECTING,
        /** A session is granted: calls flow. */
        CONNECTED,
        /** The connection was lost; the next attempt waits for its time. */
        BACKING_OFF,
        /** Given up: no more attempts (the first connect failed, or reconnection is off). */
        DISCONNECTED,
        /** Closed by the application. */
        CLOSED
    }

    private final RpcClient.Context ctx;
    private final Aeron aeron;
    private final PendingCalls pendingCalls;
    private final ClientProxy proxy;
    private final ClientCounters counters;
    private final FragmentAssembler fragmentAssembler = new FragmentAssembler(new ClientAdapter(this));
    private final boolean ipc;
    private Subscription subscription;
    private ExclusivePublication publication;
    private String responseChannel;

    private volatile State state = State.CONNECTING;
    private volatile long sessionId;
    private volatile String disconnectReason = "not connected yet";
    private volatile int serverMaxMessageLength = Integer.MAX_VALUE;
    private boolean everConnected;
    private boolean awaitingAnswer;
    private String failure;
    private Status refusal;
    private long connectCorrelationId;
    private long attemptDeadlineNs;
    private long nextReconnectNs;
    private int reconnectAttempts;
    private long nowNs;
    private long lastFrameNs;
    private long nextHeartbeatNs;
    private long nextTimerNs;

    ClientConductor(
        final RpcClient.Context ctx,
        final PendingCalls pendingCalls,
        final ClientProxy proxy,
        final ClientCounters counters)
    {
        this.ctx = ctx;
        this.aeron = ctx.aeron();
        this.pendingCalls = pendingCalls;
        this.proxy = proxy;
        this.counters = counters;
        this.ipc = CommonContext.IPC_MEDIA.equals(ChannelUri.parse(ctx.requestChannel()).media());
    }

    /**
     * The first connection, made on the thread that called {@link RpcClient#connect}: gives up, with the reason,
     * when the first attempt fails.
     */
    void connect()
    {
        final IdleStrategy idle = ctx.idleStrategy();
        startAttempt(System.nanoTime());
        while (State.CONNECTING == state)
        {
            idle.idle(doWork());
        }

        if (State.CONNECTED != state)
        {
            throw new RpcException(null != refusal ? refusal : Status.UNAVAILABLE, disconnectReason);
        }
    }

    @Override
    public int doWork()
    {
        if (State.CLOSED == state)
        {
            return 0;
        }

        nowNs = System.nanoTime();
        int workCount = null != subscription ? subscription.poll(fragmentAssembler, FRAGMENT_LIMIT) : 0;

        switch (this.state)
        {
            case CONNECTING:
                workCount += advanceAttempt();
                break;

            case CONNECTED:
                // A disconnect is acted on at once; the liveness checks and heartbeats wait for the timer's tick.
                if (null != failure || nowNs - nextTimerNs >= 0)
                {
                    workCount += checkConnection();
                }
                break;

            case BACKING_OFF:
                if (nowNs - nextReconnectNs >= 0)
                {
                    startAttempt(nowNs);
                    workCount++;
                }
                break;

            default:
                break;
        }

        if (nowNs - nextTimerNs >= 0)
        {
            nextTimerNs = nowNs + TIMER_INTERVAL_NS;
            workCount += pendingCalls.onTimer(nowNs);
        }

        return workCount;
    }

    @Override
    public String roleName()
    {
        return "rpc-client-" + ctx.clientId();
    }

    private void startAttempt(final long nowNs)
    {
        state = State.CONNECTING;
        awaitingAnswer = false;
        failure = null;
        refusal = null;
        attemptDeadlineNs = nowNs + ctx.connectTimeoutNs();
        responseChannel = null != ctx.responseChannel() ? ctx.responseChannel() :
            // IPC: every client shares the response stream; the server tags each client's publication with a
            // session-id the client picked (unique on this driver), and the subscription accepts only that tag.
            // UDP: each client has its own port, picked by the operating system.
            ipc ? "aeron:ipc?session-id=" + (int)aeron.nextCorrelationId() : "aeron:udp?endpoint=localhost:0";

        try
        {
            subscription = aeron.addSubscription(responseChannel, ctx.responseStreamId());
            publication = aeron.addExclusivePublication(ctx.requestChannel(), ctx.requestStreamId());
            proxy.attach(publication);
        }
        catch (final RuntimeException ex)
        {
            attemptFailed("could not set up the connection: " + ex.getMessage());
        }
    }

    private int advanceAttempt()
    {
        if (null != failure)
        {
            attemptFailed(failure);
            return 1;
        }

        if (nowNs - attemptDeadlineNs > 0)
        {
            attemptFailed((awaitingAnswer ?
                "the server at " + ctx.requestChannel() + " did not answer Connect" :
                "no server is listening on " + ctx.requestChannel() + " stream " + ctx.requestStreamId()) +
                " within " + TimeUnit.NANOSECONDS.toMillis(ctx.connectTimeoutNs()) + " ms");
            return 1;
        }

        if (awaitingAnswer)
        {
            return 0;
        }

        if (responseChannel.startsWith("aeron:udp"))
        {
            final String resolved = subscription.tryResolveChannelEndpointPort();
            if (null == resolved)
            {
                return 0;
            }
            responseChannel = resolved;
        }

        if (!publication.isConnected())
        {
            return 0;
        }

        connectCorrelationId = aeron.nextCorrelationId();
        if (Status.OK == proxy.connect(
            connectCorrelationId, ctx.clientId(), responseChannel, ctx.responseStreamId(), ctx.maxMessageLength()))
        {
            awaitingAnswer = true;
        }
        return 1;
    }

    private void attemptFailed(final String reason)
    {
        teardown();
        disconnectReason = reason;
        if (everConnected && ctx.reconnect())
        {
            final long pauseNs = Math.min(ctx.maxBackoffNs(), FIRST_RECONNECT_PAUSE_NS << Math.min(reconnectAttempts++, 20));
            nextReconnectNs = nowNs + (long)(pauseNs * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
            state = State.BACKING_OFF;
        }
        else
        {
            state = State.DISCONNECTED;
            pendingCalls.failAll(Status.UNAVAILABLE, reason);
        }
    }

    private int checkConnection()
    {
        if (null != failure)
        {
            onConnectionLost(failure);
            return 1;
        }
        if (nowNs - lastFrameNs > ctx.peerTimeoutNs())
        {
            onConnectionLost("no word from the server for " +
                TimeUnit.NANOSECONDS.toMillis(nowNs - lastFrameNs) + " ms");
            return 1;
        }
        if (!publication.isConnected() || 0 == subscription.imageCount())
        {
            onConnectionLost("the connection to the server is gone");
            return 1;
        }
        if (nowNs - nextHeartbeatNs >= 0)
        {
            nextHeartbeatNs = nowNs + ctx.heartbeatIntervalNs();
            proxy.heartbeat();
            return 1;
        }
        return 0;
    }

    private void onConnectionLost(final String reason)
    {
        // The state moves first: whoever sees a call fail must also see the client no longer connected, and a
        // call started from now on is not registered behind the sweep of doomed calls.
        reconnectAttempts = 0;
        attemptFailed(reason);
        if (ctx.reconnect())
        {
            pendingCalls.failDoomed(Status.UNAVAILABLE, reason);
        }
    }

    private void teardown()
    {
        proxy.detach();
        CloseHelper.closeAll(publication, subscription);
        publication = null;
        subscription = null;
    }

    void onFrame()
    {
        lastFrameNs = nowNs;
    }

    void onConnectAccepted(final long correlationId, final long sessionId, final int serverMaxMessageLength)
    {
        if (correlationId == connectCorrelationId && State.CONNECTING == state && awaitingAnswer)
        {
            this.sessionId = sessionId;
            this.serverMaxMessageLength = serverMaxMessageLength;
            lastFrameNs = nowNs;
            nextHeartbeatNs = nowNs + ctx.heartbeatIntervalNs();
            if (everConnected)
            {
                counters.onReconnect();
            }
            everConnected = true;
            reconnectAttempts = 0;
            proxy.connected(sessionId);
            state = State.CONNECTED;
        }
    }

    void onConnectRefused(final long correlationId, final Status status, final String message)
    {
        if (correlationId == connectCorrelationId && State.CONNECTING == state)
        {
            refusal = status;
            failure = "server refused the connection: " + message;
        }
    }

    void onResponse(final long requestId, final DirectBuffer buffer, final int offset, final int length)
    {
        final PendingCall call = pendingCalls.remove(requestId);
        if (null != call)
        {
            try
            {
                call.onResponse(buffer, offset, length);
            }
            catch (final RuntimeException ex)
            {
                call.onError(Status.INTERNAL, "unreadable response: " + ex);
            }
        }
    }

    void onStreamItem(
        final long requestId, final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        if (pendingCalls.get(requestId) instanceof ClientStream<?> stream)
        {
            stream.onItem(sequence, buffer, offset, length);
        }
    }

    void onCredit(final long requestId, final int credit)
    {
        final PendingCall call = pendingCalls.get(requestId);
        if (call instanceof ClientStreamCall<?, ?> upload)
        {
            upload.addCredit(credit);
        }
        else if (call instanceof ClientStream<?> stream)
        {
            stream.addCredit(credit);
        }
    }

    void onServerCancel(final long requestId)
    {
        final PendingCall call = pendingCalls.remove(requestId);
        if (null != call)
        {
            call.onError(Status.CANCELLED, "the server cancelled the stream");
        }
    }

    void onStreamEnd(final long requestId)
    {
        final PendingCall call = pendingCalls.get(requestId);
        if (call instanceof ClientStream<?> stream)
        {
            if (stream.isSending())
            {
                // A bidirectional stream whose server half ended: the client's half still needs its credit, so
                // the stream stays pending until that half ends too.
                stream.onEnd();
            }
            else if (pendingCalls.remove(requestId) == stream)
            {
                counters.onOutcome(Status.OK);
                stream.onEnd();
            }
        }
    }

    void onError(final long requestId, final Status status, final String message)
    {
        final PendingCall call = pendingCalls.remove(requestId);
        if (null != call)
        {
            call.onError(status, message);
        }
        else if (0 == requestId)
        {
            ctx.errorHandler().onError(new RpcException(status, "server reported: " + message));
        }
    }

    void onDisconnect(final long sessionId, final Status status, final String reason)
    {
        // Acted on after the poll: the subscription must not be closed while it is being polled.
        if (sessionId == this.sessionId && State.CONNECTED == state)
        {
            failure = "the server closed the session (" + status + "): " + reason;
        }
    }

    void onMalformedFrame(final String problem)
    {
        ctx.errorHandler().onError(new RpcException(Status.INTERNAL, "unreadable frame from the server: " + problem));
    }

    /**
     * Fails fast when a call cannot be made now: the client is closed or has given up, or it is reconnecting and
     * the call would not wait for that.
     *
     * @param delivery the call's guarantee.
     */
    void checkCanCall(final Delivery delivery)
    {
        final State state = this.state;
        if (State.CONNECTED == state)
        {
            return;
        }
        if (State.CLOSED == state)
        {
            throw new RpcException(Status.UNAVAILABLE, "the client is closed");
        }
        if (State.DISCONNECTED == state || !delivery.retries())
        {
            throw new RpcException(Status.UNAVAILABLE, disconnectReason);
        }
    }

    boolean isConnected()
    {
        return State.CONNECTED == state;
    }

    boolean isClosedOrGivenUp()
    {
        final State state = this.state;
        return State.CLOSED == state || State.DISCONNECTED == state;
    }

    State state()
    {
        return state;
    }

    long sessionId()
    {
        return sessionId;
    }

    int serverMaxMessageLength()
    {
        return serverMaxMessageLength;
    }

    ExclusivePublication publication()
    {
        return publication;
    }

    /**
     * Says goodbye to the server, fails what is still in flight and frees the Aeron resources. Runs under the
     * poll lock with the agent stopped.
     */
    void close()
    {
        if (State.CLOSED == state)
        {
            return;
        }

        if (State.CONNECTED == state)
        {
            proxy.disconnect(Status.OK, "client closed");
        }
        state = State.CLOSED;
        teardown();
        pendingCalls.failAll(Status.CANCELLED, "the client was closed");
    }
}
