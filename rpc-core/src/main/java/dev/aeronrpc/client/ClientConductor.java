package dev.aeronrpc.client;

import dev.aeronrpc.core.Delivery;
import dev.aeronrpc.core.ResponseChannels;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The client's session with its server, driven by one thread at a time: it connects (and reconnects), polls the
 * response subscription, completes calls, heartbeats, runs the timer of deadlines and asynchronous retries, sends
 * the control frames other threads could not, notices a dead server, and rebuilds what Aeron closed.
 * <p>
 * Not thread-safe, and takes no lock: like Aeron's own {@code AeronCluster} and {@code AeronArchive} clients it has
 * one owner, the client's agent thread (or, in invoker mode, the thread that is driving it), and the
 * {@link RpcClient} adds thread safety around it: callers send their requests themselves on the concurrent request
 * publication and read the session from the {@link Connection} this conductor publishes. It never waits for back
 * pressure: everything it sends is offered once and offered again on a later duty cycle when refused.
 * <p>
 * A connection attempt subscribes for answers in Aeron's response mode, adds a request publication naming that
 * subscription, waits for it to reach the server, sends Connect (again, with backoff, until answered) and waits for
 * ConnectAccepted. When an established connection is lost, calls that never retry fail with UNAVAILABLE, calls
 * that retry wait, and the client makes new attempts with growing pauses until the server answers again; then the
 * waiting calls are sent again on the new session.
 */
final class ClientConductor implements Agent
{
    private static final int FRAGMENT_LIMIT = 64;
    private static final long TIMER_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long FIRST_RECONNECT_PAUSE_NS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long FIRST_CONNECT_RESEND_NS = TimeUnit.MILLISECONDS.toNanos(250);

    enum State
    {
        /** A connection attempt is under way. */
        CONNECTING,
        /** A session is granted: calls flow. */
        CONNECTED,
        /** The connection was lost; the next attempt waits for its time. */
        BACKING_OFF,
        /** Given up: no more attempts (the first connect failed, reconnection is off, or Aeron is gone). */
        DISCONNECTED,
        /** Closed by the application. */
        CLOSED
    }

    private final RpcClient client;
    private final RpcClient.Context ctx;
    private final PendingCalls pendingCalls;
    private final ClientCounters counters;
    private final ClientProxy proxy;
    private final ClientAdapter adapter = new ClientAdapter(this);
    private final FragmentAssembler fragmentAssembler = new FragmentAssembler(adapter);
    private final dev.aeronrpc.core.Reassembly reassembly;
    private final java.util.function.LongConsumer onReassemblyExpired = this::onReassemblyExpired;
    private final ControlQueue controlQueue = new ControlQueue();
    private volatile ClientIdleStrategy idle;
    private final ManyToOneConcurrentArrayQueue<Runnable> deferred;
    private final SecureRandom random = new SecureRandom();
    private final dev.aeronrpc.core.RpcLog.RateLimited malformedLog =
        new dev.aeronrpc.core.RpcLog.RateLimited("rpc-client", 5, TimeUnit.SECONDS.toNanos(10));
    private final long clientSecret;
    private Aeron aeron;
    private Subscription subscription;
    private Publication publication;

    private volatile Connection connection = Connection.DOWN;
    private volatile State state = State.CONNECTING;
    private volatile String disconnectReason = "not connected yet";
    private volatile long lastHeardNs;
    private volatile int serverMaxMessageLength = Integer.MAX_VALUE;
    private volatile long serverHeartbeatIntervalNs;
    private boolean deferring;
    private boolean everConnected;
    private boolean connectSent;
    private int imageSessionId;
    private boolean imageBound;
    private long epoch;
    private String failure;
    private Status refusal;
    private long connectCorrelationId;
    private long attemptDeadlineNs;
    private long nextConnectNs;
    private long connectResendNs;
    private long nextReconnectNs;
    private int reconnectAttempts;
    private long nowNs;
    private long lastFrameNs;
    private long nextHeartbeatNs;
    private long nextTimerNs;
    private long nextAeronRebuildNs;

    ClientConductor(final RpcClient client, final PendingCalls pendingCalls, final ClientCounters counters)
    {
        this.client = client;
        this.ctx = client.context();
        this.aeron = ctx.aeron();
        this.pendingCalls = pendingCalls;
        this.reassembly = new dev.aeronrpc.core.Reassembly(ctx.maxMessageLength(), ctx.maxChunkedBytesPerPeer(),
            new dev.aeronrpc.core.Reassembly.Budget(ctx.maxChunkedBytes()));
        this.counters = counters;
        this.proxy = new ClientProxy(ctx.idleStrategy(), 0);
        this.deferred = new ManyToOneConcurrentArrayQueue<>(2 * ctx.maxInflightCalls() + 1024);
        this.clientSecret = 0 != ctx.clientSecret() ? ctx.clientSecret() : random.nextLong();
        this.serverHeartbeatIntervalNs = ctx.heartbeatIntervalNs();
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
        int workCount = 0;
        if (null != subscription)
        {
            final long heardBefore = lastFrameNs;
            workCount += subscription.poll(fragmentAssembler, FRAGMENT_LIMIT);
            if (lastFrameNs != heardBefore)
            {
                lastHeardNs = lastFrameNs;
            }
        }

        switch (state)
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
                workCount += controlQueue.drain(connection, proxy);
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
            workCount += checkAeron() + pendingCalls.onTimer(nowNs);
            if (reassembly.heldBytes() > 0)
            {
                workCount += reassembly.expire(nowNs, ctx.peerTimeoutNs(), onReassemblyExpired);
            }
        }

        if (!deferring)
        {
            workCount += runDeferred();
        }
        return workCount;
    }

    /**
     * Runs the duty cycle without running listeners or observers: those of the calls that complete meanwhile wait
     * for the next {@link #doWork()}. For a blocking call that drives the client while it waits (invoker mode), so
     * that it never runs other calls' callbacks.
     *
     * @return the amount of work done.
     */
    int doWorkDeferringCallbacks()
    {
        deferring = true;
        try
        {
            return doWork();
        }
        finally
        {
            deferring = false;
        }
    }

    @Override
    public String roleName()
    {
        return "rpc-client-" + ctx.clientId();
    }

    boolean isDeferring()
    {
        return deferring;
    }

    /**
     * Runs a callback on the conductor at its next duty cycle. Any thread.
     *
     * @param task the callback.
     */
    void defer(final Runnable task)
    {
        if (!deferred.offer(task))
        {
            // Cannot happen while each call defers at most one task at a time; run it rather than lose it.
            task.run();
        }
        wake();
    }

    /**
     * Whether the client has nothing in flight and nothing queued, so that its thread may sleep deeply.
     *
     * @return true when connected and quiet.
     */
    boolean isQuiet()
    {
        return State.CONNECTED == state && 0 == pendingCalls.size() && deferred.isEmpty() && controlQueue.isEmpty();
    }

    /**
     * The idle strategy of the client's own thread.
     *
     * @param idle the strategy it wakes and sleeps with.
     */
    void idleStrategy(final ClientIdleStrategy idle)
    {
        this.idle = idle;
    }

    /**
     * Wakes the client's thread from a deep sleep, after work was put in front of it. Any thread.
     */
    void wake()
    {
        final ClientIdleStrategy idle = this.idle;
        if (null != idle)
        {
            idle.wake();
        }
    }

    /**
     * Hands a call whose outcome is already known to its listener, from the conductor. Any thread.
     *
     * @param call the call, not pending.
     */
    void completeLater(final AsyncCall call)
    {
        defer(call::dispatch);
    }

    private int runDeferred()
    {
        int workCount = 0;
        Runnable task;
        while (null != (task = deferred.poll()))
        {
            try
            {
                task.run();
            }
            catch (final RuntimeException ex)
            {
                ctx.errorHandler().onError(ex);
            }
            workCount++;
        }
        return workCount;
    }

    ClientProxy proxy()
    {
        return proxy;
    }

    boolean queueControl(final int type, final long requestId, final long value, final long epoch)
    {
        final boolean queued = controlQueue.offer(type, requestId, value, epoch);
        wake();
        return queued;
    }

    private void startAttempt(final long nowNs)
    {
        state = State.CONNECTING;
        connectSent = false;
        imageBound = false;
        failure = null;
        refusal = null;
        attemptDeadlineNs = nowNs + ctx.connectTimeoutNs();
        connectResendNs = FIRST_CONNECT_RESEND_NS;
        try
        {
            subscription = aeron.addSubscription(
                ResponseChannels.clientResponseChannel(ctx.requestChannel(), ctx.responseChannelParams()),
                ctx.responseStreamId());
            publication = aeron.addPublication(
                ResponseChannels.clientRequestChannel(
                    ctx.requestChannel(), subscription.registrationId(),
                    ResponseChannels.withTermLength(ctx.requestChannelParams(), ctx.termLength())),
                ctx.requestStreamId());
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
            attemptFailed((connectSent ?
                "the server at " + ctx.requestChannel() + " did not answer Connect" :
                "no server is listening on " + ctx.requestChannel() + " stream " + ctx.requestStreamId()) +
                " within " + TimeUnit.NANOSECONDS.toMillis(ctx.connectTimeoutNs()) + " ms");
            return 1;
        }

        if (null != publication)
        {
            final String rejection = ctx.publicationRejections().reasonFor(publication);
            if (null != rejection)
            {
                refusal = dev.aeronrpc.core.PublicationRejections.statusOf(rejection);
                attemptFailed("server refused the connection: " +
                    dev.aeronrpc.core.PublicationRejections.messageOf(rejection));
                return 1;
            }
        }

        if (null == publication || !publication.isConnected())
        {
            return 0;
        }

        if (connectSent && nowNs - nextConnectNs < 0)
        {
            return 0;
        }

        // Sent again, with backoff, until answered: a server admitting many clients at once may drop some Connects.
        if (!connectSent)
        {
            connectCorrelationId = random.nextLong();
        }
        if (Status.OK == proxy.connect(publication, connectCorrelationId, ctx.clientId(), clientSecret,
            ctx.responseStreamId(), ctx.maxMessageLength()))
        {
            connectSent = true;
            nextConnectNs = nowNs + connectResendNs;
            connectResendNs = Math.min(connectResendNs * 2, ctx.maxBackoffNs());
        }
        return 1;
    }

    private void attemptFailed(final String reason)
    {
        teardown();
        disconnectReason = reason;
        if (everConnected && ctx.reconnect())
        {
            final long pauseNs = Math.min(
                ctx.maxBackoffNs(), FIRST_RECONNECT_PAUSE_NS << Math.min(reconnectAttempts++, 20));
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
        final String rejection = ctx.publicationRejections().reasonFor(publication);
        if (null != rejection)
        {
            onConnectionLost("the server rejected the connection: " + rejection);
            return 1;
        }
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
        if (!publication.isConnected() || !subscription.isConnected())
        {
            onConnectionLost("the connection to the server is gone");
            return 1;
        }
        if (nowNs - nextHeartbeatNs >= 0 && Status.OK == proxy.heartbeat(connection))
        {
            // A refused heartbeat is offered again on the next tick.
            nextHeartbeatNs = nowNs + ctx.heartbeatIntervalNs();
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

    /**
     * Notices what Aeron closed under the client (its conductor timed out after the process was paused, or the
     * media driver went away) and rebuilds it when the client owns its Aeron client; otherwise every call fails,
     * at once, with the reason.
     */
    private int checkAeron()
    {
        if (State.DISCONNECTED == state || !aeronLost())
        {
            return 0;
        }
        final String reason = "the Aeron client was closed under this client (its conductor stalled, or the " +
            "media driver went away)";
        final boolean wasUp = connection.isUp() || State.CONNECTING == state;
        abandonAeron();
        if (!ctx.ownsAeron() || !ctx.reconnect())
        {
            disconnectReason = reason + (ctx.ownsAeron() ? "; reconnection is off" :
                "; the application's Aeron client cannot be rebuilt here");
            state = State.DISCONNECTED;
            pendingCalls.failAll(Status.UNAVAILABLE, disconnectReason);
            return 1;
        }
        if (wasUp || State.BACKING_OFF != state)
        {
            state = State.BACKING_OFF;
            nextReconnectNs = nowNs;
            disconnectReason = reason;
            pendingCalls.failDoomed(Status.UNAVAILABLE, reason);
        }
        if (nowNs - nextAeronRebuildNs < 0)
        {
            return 1;
        }
        try
        {
            aeron = ctx.reconnectAeron();
            counters.reattach(aeron);
            everConnected = true;
            reconnectAttempts = 0;
            nextReconnectNs = nowNs;
        }
        catch (final RuntimeException ex)
        {
            nextAeronRebuildNs = nowNs + ctx.maxBackoffNs();
            ctx.errorHandler().onError(new RpcException(Status.UNAVAILABLE, reason + "; rebuilding it failed", ex));
        }
        return 1;
    }

    private boolean aeronLost()
    {
        return aeron.isClosed() ||
            null != publication && publication.isClosed() ||
            null != subscription && subscription.isClosed();
    }

    private void abandonAeron()
    {
        connection = Connection.DOWN;
        publication = null;
        subscription = null;
    }

    private void teardown()
    {
        connection = Connection.DOWN;
        reassembly.clear();
        CloseHelper.quietCloseAll(publication, subscription);
        publication = null;
        subscription = null;
        imageBound = false;
    }

    boolean acceptsFrom(final int sessionId, final int templateId)
    {
        if (imageBound)
        {
            if (sessionId == imageSessionId)
            {
                return true;
            }
            counters.onForeignFrame();
            return false;
        }
        // Before the session is granted only its answer counts, and that is matched by its random correlation id.
        return dev.aeronrpc.protocol.ConnectAcceptedDecoder.TEMPLATE_ID == templateId ||
            dev.aeronrpc.protocol.ConnectRefusedDecoder.TEMPLATE_ID == templateId;
    }

    void onFrame()
    {
        lastFrameNs = nowNs;
    }

    void onConnectAccepted(
        final int imageSessionId,
        final long correlationId,
        final long sessionId,
        final int serverMaxMessageLength,
        final long serverHeartbeatIntervalNs)
    {
        if (correlationId == connectCorrelationId && State.CONNECTING == state && connectSent)
        {
            this.serverHeartbeatIntervalNs = serverHeartbeatIntervalNs > 0 ?
                serverHeartbeatIntervalNs : ctx.heartbeatIntervalNs();
            this.imageSessionId = imageSessionId;
            this.imageBound = true;
            this.serverMaxMessageLength = serverMaxMessageLength;
            lastFrameNs = nowNs;
            lastHeardNs = nowNs;
            nextHeartbeatNs = nowNs + ctx.heartbeatIntervalNs();
            if (everConnected)
            {
                counters.onReconnect();
            }
            everConnected = true;
            reconnectAttempts = 0;
            connection = new Connection(publication, sessionId, ++epoch,
                Math.min(ctx.maxMessageLength(), serverMaxMessageLength));
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

    void onChunk(
        final long requestId,
        final int totalLength,
        final int position,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        switch (reassembly.onChunk(requestId, totalLength, position, buffer, offset, length, nowNs))
        {
            case dev.aeronrpc.core.Reassembly.COMPLETE:
            {
                final DirectBuffer frame = reassembly.completed();
                try
                {
                    adapter.onReassembled(frame, frame.capacity());
                }
                finally
                {
                    reassembly.release(requestId);
                }
                break;
            }

            case dev.aeronrpc.core.Reassembly.TOO_LARGE:
                failCall(requestId, Status.RESOURCE_EXHAUSTED, "the server sent a frame of " + totalLength +
                    " bytes, above this client's maximum message length of " + ctx.maxMessageLength());
                break;

            case dev.aeronrpc.core.Reassembly.OVER_BUDGET:
                failCall(requestId, Status.RESOURCE_EXHAUSTED, "a frame of " + totalLength + " bytes would exceed " +
                    "the bytes of chunked frames this client keeps (" + ctx.maxChunkedBytesPerPeer() + ")");
                break;

            case dev.aeronrpc.core.Reassembly.OUT_OF_ORDER:
                failCall(requestId, Status.DATA_LOSS, "the chunk at " + position + " is not the next one of its frame");
                break;

            default:
                break;
        }
    }

    private void onReassemblyExpired(final long requestId)
    {
        failCall(requestId, Status.DATA_LOSS, "the answer's chunks stopped coming before it was whole");
    }

    private void failCall(final long requestId, final Status status, final String message)
    {
        final PendingCall call = pendingCalls.remove(requestId);
        if (null != call)
        {
            call.onError(status, message);
        }
    }

    ClientStream<?> streamOf(final long requestId)
    {
        return pendingCalls.get(requestId) instanceof ClientStream<?> stream ? stream : null;
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

    void onStreamEnd(final long requestId, final long items)
    {
        final PendingCall call = pendingCalls.get(requestId);
        if (call instanceof ClientStream<?> stream && stream.onEnd(items) && pendingCalls.remove(requestId) == stream)
        {
            client.onOutcome(Status.OK);
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
        if (State.CONNECTED == state && sessionId == connection.sessionId)
        {
            failure = "the server closed the session (" + status + "): " + reason;
        }
    }

    void onMalformedFrame(final String problem)
    {
        counters.onMalformedFrame();
        malformedLog.log("unreadable frame from the server: " + problem, nowNs);
    }

    /**
     * Fails fast when a call cannot be made now: the client is closed or has given up, or it is reconnecting and
     * the call would not wait for that. Any thread.
     *
     * @param connection the connection the caller read.
     * @param delivery   the call's guarantee.
     */
    void checkCanCall(final Connection connection, final Delivery delivery)
    {
        if (connection.isUp())
        {
            return;
        }
        final State state = this.state;
        if (State.CLOSED == state)
        {
            throw new RpcException(Status.UNAVAILABLE, "the client is closed");
        }
        if (State.DISCONNECTED == state || !delivery.retries())
        {
            throw new RpcException(Status.UNAVAILABLE, disconnectReason);
        }
    }

    Connection connection()
    {
        return connection;
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

    long lastHeardNs()
    {
        return lastHeardNs;
    }

    long serverHeartbeatIntervalNs()
    {
        return serverHeartbeatIntervalNs;
    }

    int serverMaxMessageLength()
    {
        return serverMaxMessageLength;
    }

    /**
     * Says goodbye to the server, fails what is still in flight and frees the Aeron resources. Runs on the thread
     * closing the client, once the conductor has no other owner.
     */
    void close()
    {
        if (State.CLOSED == state)
        {
            return;
        }

        if (State.CONNECTED == state)
        {
            proxy.disconnect(connection, Status.OK, "client closed");
        }
        state = State.CLOSED;
        teardown();
        pendingCalls.failAll(Status.CANCELLED, "the client was closed");
        runDeferred();
    }
}
