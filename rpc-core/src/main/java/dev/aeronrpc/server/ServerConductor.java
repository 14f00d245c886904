package dev.aeronrpc.server;

import dev.aeronrpc.core.Delivery;
import dev.aeronrpc.core.FrameSender;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.protocol.ConnectDecoder;
import dev.aeronrpc.core.ResponseChannels;
import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Subscription;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ManyToManyConcurrentArrayQueue;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's duty cycle: polls requests from every client, manages sessions (connect, heartbeat, timeout,
 * lost connection), and dispatches calls to service stubs, inline or on their executors.
 * <p>
 * Runs on one thread at a time: the server's agent thread, or the caller of {@link RpcServer#poll()}.
 */
final class ServerConductor implements Agent
{
    private static final int FRAGMENT_LIMIT = 16;
    private static final long TIMER_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final RpcServer.Context ctx;
    private final Aeron aeron;
    private final Subscription subscription;
    private final FragmentAssembler fragmentAssembler = new FragmentAssembler(new ServerAdapter(this));
    private final Int2ObjectHashMap<ServiceBinding> servicesById = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<Session> sessionByImage = new Int2ObjectHashMap<>();
    private final ArrayList<Session> sessions = new ArrayList<>();
    private final ManyToOneConcurrentLinkedQueue<Image> lostImages = new ManyToOneConcurrentLinkedQueue<>();
    private final ManyToManyConcurrentArrayQueue<ServerCall> callPool;
    private final AtomicInteger callsOnExecutors = new AtomicInteger();
    private final ServerProxy controlProxy;
    // Sends again, once per timer tick and without waiting, stream ends that back pressure refused.
    private final ServerProxy retryProxy;
    private final ServerCall inlineCall;
    private final ServerCounters counters;
    private final ExactlyOnceTable exactlyOnceTable;
    private final String boundChannel;
    private ExclusivePublication prototypePublication;
    private String responseEndpoint;
    private long responseTag;
    private long nextSessionId = 1 + (new SecureRandom().nextInt() & 0x3FFF_FFFF);
    private int pooledCallsCreated;
    private long nowNs;
    private long nextTimerNs;
    private boolean caughtUp = true;
    private volatile int activeSessionCount;

    ServerConductor(final RpcServer.Context ctx)
    {
        this.ctx = ctx;
        this.aeron = ctx.aeron();
        for (final ServiceBinding binding : ctx.services())
        {
            if (null != servicesById.put(binding.stub().serviceId(), binding))
            {
                throw new IllegalArgumentException("two services with id " + binding.stub().serviceId());
            }
        }
        callPool = new ManyToManyConcurrentArrayQueue<>(Math.max(2, ctx.maxConcurrentCalls()));
        exactlyOnceTable = new ExactlyOnceTable(ctx.exactlyOnceMaxEntries(), ctx.exactlyOnceExpiryNs());
        subscription = aeron.addSubscription(
            ResponseChannels.serverRequestChannel(ctx.channel()), ctx.streamId(), null, lostImages::offer);
        try
        {
            awaitBound();
            if (!ResponseChannels.isIpc(ctx.channel()))
            {
                holdResponseEndpoint();
            }
            boundChannel = null == responseEndpoint ? ctx.channel() :
                subscription.tryResolveChannelEndpointPort() + "|response-endpoint=" + responseEndpoint;
            counters = new ServerCounters(aeron, boundChannel);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(prototypePublication, subscription);
            throw ex;
        }
        controlProxy = newProxy();
        retryProxy = new ServerProxy(new FrameSender(ctx.idleStrategy(), 0));
        inlineCall = newCall(null);
    }

    private void awaitBound()
    {
        // A UDP port of 0 is chosen by the operating system; clients need the real one from channel().
        if (ctx.channel().startsWith("aeron:udp"))
        {
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            final IdleStrategy idle = ctx.idleStrategy();
            while (null == subscription.tryResolveChannelEndpointPort())
            {
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new IllegalStateException("the server's channel did not bind: " + ctx.channel());
                }
                idle.idle();
            }
        }
    }

    /**
     * Binds the response endpoint (the control address clients subscribe to for answers) with a prototype response
     * publication, as Aeron's response server does: it holds the port, resolves a port of 0, and fails the launch
     * at once when the port is taken. Each client's response publication names the prototype's send endpoint by
     * its tag, so they all share that one port. A fixed port gets a tag derived from it: a server restarted on a
     * shared media driver before the driver has reaped its dead predecessor then shares the endpoint the
     * predecessor bound, instead of failing to bind it again.
     */
    private void holdResponseEndpoint()
    {
        final String endpoint = ResponseChannels.configuredResponseEndpoint(ctx.channel());
        responseTag = ResponseChannels.responseTag(endpoint, aeron.nextCorrelationId());
        prototypePublication = aeron.addExclusivePublication("aeron:udp?control-mode=response|control=" + endpoint +
            "|tags=" + responseTag + "|response-correlation-id=prototype", ctx.responseStreamId());
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        final IdleStrategy idle = ctx.idleStrategy();
        while (true)
        {
            final java.util.List<String> addresses = prototypePublication.localSocketAddresses();
            if (!addresses.isEmpty() && !addresses.get(0).endsWith(":0"))
            {
                final String bound = addresses.get(0);
                responseEndpoint = endpoint.substring(0, endpoint.lastIndexOf(':') + 1) +
                    bound.substring(bound.lastIndexOf(':') + 1);
                return;
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("the server's response endpoint did not bind: " + endpoint);
            }
            idle.idle();
        }
    }

    private ServerProxy newProxy()
    {
        return new ServerProxy(new FrameSender(ctx.idleStrategy(), ctx.sendTimeoutNs()));
    }

    private ServerCall newCall(final ManyToManyConcurrentArrayQueue<ServerCall> pool)
    {
        return new ServerCall(newProxy(), ctx, counters, exactlyOnceTable, pool, callsOnExecutors);
    }

    ServerCounters counters()
    {
        return counters;
    }

    @Override
    public int doWork()
    {
        nowNs = System.nanoTime();
        int workCount = subscription.poll(fragmentAssembler, FRAGMENT_LIMIT);
        // After a stall, frames (heartbeats among them) may be waiting unread: judge liveness only once caught up.
        caughtUp = workCount < FRAGMENT_LIMIT;

        if (nowNs - nextTimerNs >= 0)
        {
            nextTimerNs = nowNs + TIMER_INTERVAL_NS;
            workCount += checkLostImages() + checkSessions() + exactlyOnceTable.evict(nowNs);
        }

        return workCount;
    }

    @Override
    public String roleName()
    {
        return "rpc-server";
    }

    String boundChannel()
    {
        return boundChannel;
    }

    int activeSessionCount()
    {
        return activeSessionCount;
    }

    void onConnect(
        final int imageSessionId,
        final int protocolVersion,
        final long correlationId,
        final long clientId,
        final long clientSecret,
        final int responseStreamId,
        final int clientMaxMessageLength)
    {
        final Session existing = sessionByImage.get(imageSessionId);
        if (null != existing)
        {
            if (existing.connectCorrelationId == correlationId)
            {
                return;
            }
            closeSession(existing, Status.ABORTED, "replaced by a new Connect");
        }

        Status refusal = null;
        String refusalMessage = null;
        if (protocolVersion > ConnectDecoder.SCHEMA_VERSION)
        {
            refusal = Status.FAILED_PRECONDITION;
            refusalMessage = "the client speaks protocol version " + protocolVersion +
                "; this server speaks up to version " + ConnectDecoder.SCHEMA_VERSION;
        }
        else if (sessions.size() >= ctx.maxSessions())
        {
            refusal = Status.RESOURCE_EXHAUSTED;
            refusalMessage = "the server has its maximum of " + ctx.maxSessions() + " sessions";
        }

        final Image image = subscription.imageBySessionId(imageSessionId);
        if (null == image)
        {
            return;
        }
        final String responseChannel = ResponseChannels.serverResponseChannel(
            ctx.channel(), responseTag, image.correlationId(), ctx.responseChannelParams());
        final long registrationId;
        try
        {
            registrationId = aeron.asyncAddPublication(responseChannel, responseStreamId);
        }
        catch (final RuntimeException ex)
        {
            ctx.errorHandler().onError(new RpcException(Status.INTERNAL,
                "could not answer client " + clientId + " on " + responseChannel + ": " + ex.getMessage()));
            return;
        }

        final Session session = new Session(
            nextSessionId++,
            clientId,
            imageSessionId,
            correlationId,
            clientMaxMessageLength,
            registrationId,
            refusal,
            refusalMessage,
            nowNs);
        sessions.add(session);
        sessionByImage.put(imageSessionId, session);
    }

    void onRequest(
        final int imageSessionId,
        final long sessionId,
        final long requestId,
        final int serviceId,
        final int methodId,
        final int attempt,
        final int credit,
        final long timeoutNs,
        final DirectBuffer buffer,
        final int payloadOffset,
        final int payloadLength,
        final int frameLength)
    {
        final Session session = activeSession(imageSessionId);
        counters.onRequest();
        if (null == session)
        {
            ctx.errorHandler().onError(new RpcException(Status.FAILED_PRECONDITION,
                "request " + requestId + " dropped: it came before Connect, or after its session ended"));
            return;
        }

        if (sessionId != session.sessionId)
        {
            replyError(session, requestId, Status.INVALID_ARGUMENT,
                "request carries session " + sessionId + ", but this connection's session is " + session.sessionId);
            return;
        }

        if (frameLength > ctx.maxMessageLength())
        {
            replyError(session, requestId, Status.RESOURCE_EXHAUSTED, "request of " + frameLength +
                " bytes exceeds the server's maximum message length of " + ctx.maxMessageLength());
            return;
        }

        final ServiceBinding binding = servicesById.get(serviceId);
        if (null == binding)
        {
            replyError(session, requestId, Status.UNIMPLEMENTED, "this server has no service with id " + serviceId);
            return;
        }

        ExactlyOnceTable.Entry exactlyOnceEntry = null;
        if (Delivery.EXACTLY_ONCE == binding.stub().delivery(methodId) && ServerCall.ONE_WAY_REQUEST_ID != requestId)
        {
            switch (exactlyOnceTable.begin(session.clientId, requestId))
            {
                case ExactlyOnceTable.NEW:
                    exactlyOnceEntry = exactlyOnceTable.current();
                    break;

                case ExactlyOnceTable.RUNNING:
                    counters.onDuplicateRunning();
                    return;

                case ExactlyOnceTable.DONE:
                    counters.onDuplicateReplayed();
                    replay(session, requestId, exactlyOnceTable.current());
                    return;

                default:
                    counters.onTooOld();
                    replyError(session, requestId, Status.FAILED_PRECONDITION, "request " + requestId +
                        " is older than this server remembers exactly-once outcomes for (low-water mark " +
                        exactlyOnceTable.lowWaterMark(session.clientId) + "): it was not run again, and its " +
                        "first outcome is no longer known");
                    return;
            }
        }

        StreamSink<?> stream = null;
        if (credit > 0)
        {
            if (session.streams.containsKey(requestId))
            {
                return;
            }
            stream = new StreamSink<>(new FrameSender(ctx.idleStrategy(), ctx.sendTimeoutNs()), session, requestId,
                credit, timeoutNs > 0 ? nowNs + timeoutNs : 0, ctx.maxMessageLength());
            session.streams.put(requestId, stream);
        }

        if (null == binding.executor())
        {
            inlineCall.init(session, binding.stub(), requestId, methodId, attempt, exactlyOnceEntry, stream,
                buffer, payloadOffset, payloadLength);
            inlineCall.serve();
            return;
        }

        final ServerCall call = acquireCall();
        if (null == call)
        {
            abandon(exactlyOnceEntry);
            dropStream(session, stream);
            replyError(session, requestId, Status.RESOURCE_EXHAUSTED,
                "the server has its maximum of " + ctx.maxConcurrentCalls() + " calls queued or running");
            return;
        }

        call.init(session, binding.stub(), requestId, methodId, attempt, exactlyOnceEntry, stream,
            buffer, payloadOffset, payloadLength);
        callsOnExecutors.incrementAndGet();
        try
        {
            binding.executor().execute(call);
        }
        catch (final RejectedExecutionException ex)
        {
            callPool.offer(call);
            callsOnExecutors.decrementAndGet();
            abandon(exactlyOnceEntry);
            dropStream(session, stream);
            replyError(session, requestId, Status.RESOURCE_EXHAUSTED,
                binding.stub().serviceName() + "'s executor rejected the call");
        }
    }

    void onCredit(final int imageSessionId, final long sessionId, final long requestId, final int credit)
    {
        final Session session = activeSession(imageSessionId);
        if (null != session && session.sessionId == sessionId)
        {
            final StreamSink<?> stream = session.streams.get(requestId);
            if (null != stream && credit > 0)
            {
                stream.addCredit(credit);
            }
        }
    }

    void onCancel(final int imageSessionId, final long sessionId, final long requestId)
    {
        final Session session = activeSession(imageSessionId);
        if (null != session && session.sessionId == sessionId)
        {
            final StreamSink<?> stream = session.streams.remove(requestId);
            if (null != stream)
            {
                stream.cancel();
            }
            final InboundStream<?> inbound;
            synchronized (session.inbound)
            {
                inbound = session.inbound.remove(requestId);
                if (null == inbound && null == stream && session.cancelledBeforeOpen.size() < 1024)
                {
                    // Perhaps a client stream whose handler, on an executor, has not opened it yet.
                    session.cancelledBeforeOpen.add(requestId);
                }
            }
            if (null != inbound)
            {
                inbound.end(Status.CANCELLED, "the client cancelled its stream");
            }
        }
    }

    void onClientItem(
        final int imageSessionId,
        final long requestId,
        final long sequence,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final Session session = activeSession(imageSessionId);
        if (null != session)
        {
            final InboundStream<?> inbound;
            synchronized (session.inbound)
            {
                inbound = session.inbound.get(requestId);
            }
            if (null != inbound)
            {
                inbound.onItem(sequence, buffer, offset, length);
            }
        }
    }

    void onClientStreamEnd(final int imageSessionId, final long requestId)
    {
        final Session session = activeSession(imageSessionId);
        if (null != session)
        {
            final InboundStream<?> inbound = removeInbound(session, requestId);
            if (null != inbound)
            {
                inbound.onCompleted();
            }
        }
    }

    private static InboundStream<?> removeInbound(final Session session, final long requestId)
    {
        synchronized (session.inbound)
        {
            return session.inbound.remove(requestId);
        }
    }

    void onHeartbeat(final int imageSessionId, final long sessionId)
    {
        activeSession(imageSessionId);
    }

    void onDisconnect(final int imageSessionId, final long sessionId)
    {
        final Session session = sessionByImage.get(imageSessionId);
        if (null != session && session.sessionId == sessionId)
        {
            closeSession(session, Status.OK, null);
        }
    }

    void onMalformedFrame(final int imageSessionId, final String problem)
    {
        final Session session = activeSession(imageSessionId);
        if (null != session)
        {
            replyError(session, 0, Status.INVALID_ARGUMENT, problem);
        }
        else
        {
            ctx.errorHandler().onError(new RpcException(Status.INVALID_ARGUMENT,
                "unreadable frame from a client with no session: " + problem));
        }
    }

    private Session activeSession(final int imageSessionId)
    {
        final Session session = sessionByImage.get(imageSessionId);
        if (null != session && session.isActive())
        {
            session.lastFrameNs = nowNs;
            return session;
        }
        return null;
    }

    private ServerCall acquireCall()
    {
        final ServerCall call = callPool.poll();
        if (null != call)
        {
            return call;
        }
        if (pooledCallsCreated < ctx.maxConcurrentCalls())
        {
            pooledCallsCreated++;
            return newCall(callPool);
        }
        return null;
    }

    private static void dropStream(final Session session, final StreamSink<?> stream)
    {
        if (null != stream)
        {
            stream.cancel();
            session.streams.remove(stream.requestId());
        }
    }

    private void abandon(final ExactlyOnceTable.Entry entry)
    {
        if (null != entry)
        {
            exactlyOnceTable.abandon(entry);
        }
    }

    private void replay(final Session session, final long requestId, final ExactlyOnceTable.Entry entry)
    {
        final Status sent = Status.OK == entry.status ?
            controlProxy.replay(session, requestId, entry.payload) :
            controlProxy.error(session, requestId, entry.status, entry.message);
        if (Status.OK != sent)
        {
            ctx.errorHandler().onError(new RpcException(sent, "replayed answer to " + session + " not sent: " +
                controlProxy.lastFailure()));
        }
    }

    private void replyError(final Session session, final long requestId, final Status status, final String message)
    {
        final Status sent = controlProxy.error(session, requestId, status, message);
        if (Status.OK != sent)
        {
            ctx.errorHandler().onError(new RpcException(sent, "error reply to " + session + " not sent: " +
                controlProxy.lastFailure()));
        }
    }

    private int checkLostImages()
    {
        int workCount = 0;
        Image image;
        while (null != (image = lostImages.poll()))
        {
            final Session session = sessionByImage.get(image.sessionId());
            if (null != session)
            {
                closeSession(session, Status.UNAVAILABLE, "the client's connection is gone");
            }
            workCount++;
        }
        return workCount;
    }

    private int checkSessions()
    {
        int workCount = 0;
        for (int i = sessions.size() - 1; i >= 0; i--)
        {
            final Session session = sessions.get(i);
            switch (session.state)
            {
                case AWAITING_PUBLICATION:
                    workCount += awaitPublication(session);
                    break;

                case AWAITING_CONNECTION:
                    workCount += awaitConnection(session);
                    break;

                case ACTIVE:
                    workCount += sweepStreams(session);
                    if (caughtUp && nowNs - session.lastFrameNs > ctx.peerTimeoutNs())
                    {
                        closeSession(session, Status.UNAVAILABLE, "no word from the client for " +
                            TimeUnit.NANOSECONDS.toMillis(nowNs - session.lastFrameNs) + " ms");
                        workCount++;
                    }
                    else if (nowNs - session.nextHeartbeatNs >= 0)
                    {
                        session.nextHeartbeatNs = nowNs + ctx.heartbeatIntervalNs();
                        controlProxy.heartbeat(session, session.sessionId);
                        workCount++;
                    }
                    break;

                default:
                    break;
            }
        }
        return workCount;
    }

    private int sweepStreams(final Session session)
    {
        if (session.streams.isEmpty())
        {
            return 0;
        }
        int workCount = 0;
        for (final Long2ObjectHashMap<StreamSink<?>>.ValueIterator it = session.streams.values().iterator(); it.hasNext(); )
        {
            final StreamSink<?> stream = it.next();
            if (stream.isEnded())
            {
                it.remove();
                workCount++;
            }
            else if (stream.retryAfterBackPressure())
            {
                workCount++;
            }
            else if (stream.isTerminalPending())
            {
                if (stream.retryTerminal(retryProxy))
                {
                    it.remove();
                }
                workCount++;
            }
            else if (0 != stream.deadlineNs() && nowNs - stream.deadlineNs() > 0)
            {
                // Stop the producer, and tell the client from this thread's own proxy: the sink's buffer belongs
                // to the producer's thread.
                stream.cancel();
                replyError(session, stream.requestId(), Status.DEADLINE_EXCEEDED, "the stream's deadline passed");
                it.remove();
                workCount++;
            }
        }
        return workCount;
    }

    private int awaitPublication(final Session session)
    {
        try
        {
            session.publication = aeron.getPublication(session.publicationRegistrationId);
        }
        catch (final RuntimeException ex)
        {
            closeSession(session, Status.INVALID_ARGUMENT, "its response channel was rejected: " + ex.getMessage());
            return 1;
        }

        if (null != session.publication)
        {
            session.state = Session.State.AWAITING_CONNECTION;
            return 1;
        }
        return 0;
    }

    private int awaitConnection(final Session session)
    {
        if (!session.publication.isConnected())
        {
            if (nowNs - session.lastFrameNs > ctx.peerTimeoutNs())
            {
                closeSession(session, Status.UNAVAILABLE, "the client never subscribed to its response channel");
                return 1;
            }
            return 0;
        }

        if (null != session.refusal)
        {
            controlProxy.connectRefused(session, session.connectCorrelationId, session.refusal, session.refusalMessage);
            closeSession(session, session.refusal, session.refusalMessage);
            return 1;
        }

        final Status sent = controlProxy.connectAccepted(session,
            session.connectCorrelationId,
            session.sessionId,
            ctx.maxMessageLength(),
            ctx.heartbeatIntervalNs());
        if (Status.OK == sent)
        {
            session.state = Session.State.ACTIVE;
            session.lastFrameNs = nowNs;
            session.nextHeartbeatNs = nowNs + ctx.heartbeatIntervalNs();
            ctx.sessionListener().onSessionOpened(session.sessionId, session.clientId);
            activeSessionCount++;
        }
        return 1;
    }

    private void closeSession(final Session session, final Status status, final String reason)
    {
        if (session.isActive())
        {
            // The listener hears first, so whoever sees the count drop also sees what the listener recorded.
            ctx.sessionListener().onSessionClosed(session.sessionId, session.clientId, status, reason);
            activeSessionCount--;
        }
        session.state = Session.State.CLOSED;
        sessions.remove(session);
        for (final StreamSink<?> stream : session.streams.values())
        {
            stream.cancel();
        }
        session.streams.clear();
        final java.util.List<InboundStream<?>> inbound;
        synchronized (session.inbound)
        {
            inbound = new java.util.ArrayList<>(session.inbound.values());
            session.inbound.clear();
        }
        for (final InboundStream<?> stream : inbound)
        {
            stream.end(Status.UNAVAILABLE, "the client's session ended: " + reason);
        }
        if (sessionByImage.get(session.imageSessionId) == session)
        {
            sessionByImage.remove(session.imageSessionId);
        }

        if (null != session.publication)
        {
            CloseHelper.close(ctx.errorHandler(), session.publication);
        }
        else
        {
            aeron.asyncRemovePublication(session.publicationRegistrationId);
        }
    }

    private void awaitExecutorCalls()
    {
        // Calls running on executors answer through this server's publications and counters, which the close
        // frees: give them a bounded time to finish first.
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(1) + ctx.sendTimeoutNs();
        final IdleStrategy idle = ctx.idleStrategy();
        while (callsOnExecutors.get() > 0 && System.nanoTime() - deadlineNs < 0)
        {
            idle.idle();
        }
    }

    /**
     * Tells every client the server is going away, then frees every session and the subscription.
     */
    void close()
    {
        awaitExecutorCalls();
        for (int i = sessions.size() - 1; i >= 0; i--)
        {
            final Session session = sessions.get(i);
            if (session.isActive())
            {
                controlProxy.disconnect(session, session.sessionId, Status.UNAVAILABLE,
                    "the server is shutting down");
            }
            closeSession(session, Status.UNAVAILABLE, "the server is shutting down");
        }
        CloseHelper.close(ctx.errorHandler(), subscription);
        CloseHelper.close(ctx.errorHandler(), prototypePublication);
        CloseHelper.close(ctx.errorHandler(), counters);
    }
}
