package dev.aeronrpc.client;

import dev.aeronrpc.core.FrameSender;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import io.aeron.Aeron;
import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import io.aeron.FragmentAssembler;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client's duty cycle: polls the response subscription, completes pending calls, sends heartbeats, expires
 * deadlines and notices a dead server.
 * <p>
 * {@link #doWork()} runs only under the client's poll lock, on whichever thread holds it: the agent thread, a
 * caller waiting in a blocking call, or the caller of {@link RpcClient#poll()}.
 */
final class ClientConductor implements Agent
{
    private static final int FRAGMENT_LIMIT = 16;

    enum State
    {
        CONNECTING, CONNECTED, DISCONNECTED, CLOSED
    }

    private final RpcClient.Context ctx;
    private final Aeron aeron;
    private final PendingCalls pendingCalls;
    private final FragmentAssembler fragmentAssembler = new FragmentAssembler(new ClientAdapter(this));
    private Subscription subscription;
    private final ReentrantLock publicationLock = new ReentrantLock();
    private ExclusivePublication publication;
    private ClientProxy controlProxy;

    private volatile State state = State.CONNECTING;
    private volatile long sessionId;
    private volatile String disconnectReason = "not connected yet";
    private long connectCorrelationId;
    private Status refusedStatus;
    private String refusedMessage;
    private int serverMaxMessageLength;
    private long lastFrameNs;
    private long nextHeartbeatNs;

    ClientConductor(final RpcClient.Context ctx, final PendingCalls pendingCalls)
    {
        this.ctx = ctx;
        this.aeron = ctx.aeron();
        this.pendingCalls = pendingCalls;
    }

    /**
     * Connects to the server: subscribes for responses, waits for the request publication to reach a server,
     * sends Connect and waits for the answer. Runs on the thread that called {@link RpcClient#connect}.
     */
    void connect()
    {
        final long deadlineNs = System.nanoTime() + ctx.connectTimeoutNs();
        final IdleStrategy idle = ctx.idleStrategy();
        final String requestChannel = ctx.requestChannel();

        String responseChannel = ctx.responseChannel();
        int responseStreamId = ctx.responseStreamId();
        final boolean ipc = CommonContext.IPC_MEDIA.equals(ChannelUri.parse(requestChannel).media());
        if (null == responseChannel)
        {
            // IPC: every client shares the response stream; the server tags each client's publication with a
            // session-id the client picked (unique on this driver), and the subscription accepts only that tag.
            // UDP: each client has its own port, picked by the operating system.
            responseChannel = ipc ?
                "aeron:ipc?session-id=" + (int)aeron.nextCorrelationId() : "aeron:udp?endpoint=localhost:0";
        }

        subscription = aeron.addSubscription(responseChannel, responseStreamId);
        if (responseChannel.startsWith("aeron:udp"))
        {
            String resolved;
            while (null == (resolved = subscription.tryResolveChannelEndpointPort()))
            {
                checkDeadline(deadlineNs, "the response channel " + responseChannel + " did not bind");
                idle.idle();
            }
            responseChannel = resolved;
        }

        publication = aeron.addExclusivePublication(requestChannel, ctx.requestStreamId());
        controlProxy = newProxy();
        idle.reset();
        while (!publication.isConnected())
        {
            checkDeadline(deadlineNs, "no server is listening on " + requestChannel +
                " stream " + ctx.requestStreamId());
            idle.idle();
        }

        connectCorrelationId = aeron.nextCorrelationId();
        idle.reset();
        while (Status.OK != controlProxy.connect(
            connectCorrelationId, ctx.clientId(), responseChannel, responseStreamId, ctx.maxMessageLength()))
        {
            checkDeadline(deadlineNs, "could not send Connect: " + controlProxy.lastFailure());
            idle.idle();
        }

        idle.reset();
        while (State.CONNECTING == state)
        {
            checkDeadline(deadlineNs, "the server at " + requestChannel + " did not answer Connect");
            idle.idle(subscription.poll(fragmentAssembler, FRAGMENT_LIMIT));
        }

        if (null != refusedStatus)
        {
            throw new RpcException(refusedStatus, "server refused the connection: " + refusedMessage);
        }

        final long nowNs = System.nanoTime();
        lastFrameNs = nowNs;
        nextHeartbeatNs = nowNs + ctx.heartbeatIntervalNs();
    }

    private void checkDeadline(final long deadlineNs, final String what)
    {
        if (System.nanoTime() - deadlineNs > 0)
        {
            throw new RpcException(Status.UNAVAILABLE, what + " within " +
                TimeUnit.NANOSECONDS.toMillis(ctx.connectTimeoutNs()) + " ms");
        }
    }

    @Override
    public int doWork()
    {
        if (State.CLOSED == state)
        {
            return 0;
        }

        int workCount = subscription.poll(fragmentAssembler, FRAGMENT_LIMIT);
        final long nowNs = System.nanoTime();
        workCount += pendingCalls.expire(nowNs);

        if (State.CONNECTED == state)
        {
            if (nowNs - lastFrameNs > ctx.peerTimeoutNs())
            {
                onServerLost("no word from the server for " +
                    TimeUnit.NANOSECONDS.toMillis(nowNs - lastFrameNs) + " ms");
                workCount++;
            }
            else if (!publication.isConnected() || 0 == subscription.imageCount())
            {
                onServerLost("the connection to the server is gone");
                workCount++;
            }
            else if (nowNs - nextHeartbeatNs >= 0)
            {
                nextHeartbeatNs = nowNs + ctx.heartbeatIntervalNs();
                controlProxy.heartbeat(sessionId);
                workCount++;
            }
        }

        return workCount;
    }

    @Override
    public String roleName()
    {
        return "rpc-client-" + ctx.clientId();
    }

    void onFrame()
    {
        lastFrameNs = System.nanoTime();
    }

    void onConnectAccepted(final long correlationId, final long sessionId, final int serverMaxMessageLength)
    {
        if (correlationId == connectCorrelationId && State.CONNECTING == state)
        {
            this.sessionId = sessionId;
            this.serverMaxMessageLength = serverMaxMessageLength;
            state = State.CONNECTED;
        }
    }

    void onConnectRefused(final long correlationId, final Status status, final String message)
    {
        if (correlationId == connectCorrelationId && State.CONNECTING == state)
        {
            refusedStatus = status;
            refusedMessage = message;
            disconnectReason = "server refused the connection: " + message;
            state = State.DISCONNECTED;
        }
    }

    void onResponse(final long requestId, final DirectBuffer buffer, final int offset, final int length)
    {
        final PendingCall call = pendingCalls.remove(requestId);
        if (null != call)
        {
            call.onResponse(buffer, offset, length);
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
        if (sessionId == this.sessionId && State.CONNECTED == state)
        {
            onServerLost("the server closed the session (" + status + "): " + reason);
        }
    }

    void onMalformedFrame(final String problem)
    {
        ctx.errorHandler().onError(new RpcException(Status.INTERNAL, "unreadable frame from the server: " + problem));
    }

    private void onServerLost(final String reason)
    {
        disconnectReason = reason;
        state = State.DISCONNECTED;
        pendingCalls.failAll(Status.UNAVAILABLE, reason);
    }

    /**
     * Fails fast when no call can be sent.
     *
     * @return the session id to put in requests.
     */
    long checkConnected()
    {
        final State state = this.state;
        if (State.CONNECTED != state)
        {
            throw new RpcException(
                Status.UNAVAILABLE, State.CLOSED == state ? "the client is closed" : disconnectReason);
        }
        return sessionId;
    }

    boolean isConnected()
    {
        return State.CONNECTED == state;
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

    ClientProxy newProxy()
    {
        return new ClientProxy(
            publication,
            publicationLock,
            new ExpandableArrayBuffer(1024),
            new FrameSender(ctx.idleStrategy(), ctx.sendTimeoutNs()));
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
            controlProxy.disconnect(sessionId, Status.OK, "client closed");
        }
        state = State.CLOSED;
        pendingCalls.failAll(Status.CANCELLED, "the client was closed");
        CloseHelper.closeAll(publication, subscription);
    }
}
