package dev.aeronrpc.server;

import dev.aeronrpc.core.Delivery;
import dev.aeronrpc.core.MethodDescriptor;
import dev.aeronrpc.core.ResponseChannels;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.RpcLog;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.protocol.ConnectDecoder;
import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Subscription;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ManyToManyConcurrentArrayQueue;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's duty cycle: admits clients, polls their requests, dispatches calls to service stubs (inline or on
 * their executors), drains each session's send queue and wakes the streams that wait on it, and keeps every
 * session's timers.
 * <p>
 * Each duty cycle serves every session in turn with a bounded amount of work: the frames its send queue may offer,
 * the items its streams may send from this thread, the requests one poll reads. Each client is held to limits of
 * its own (streams, executor calls, queued bytes, malformed frames) and the server to limits of its own (sessions,
 * connects being admitted, executor calls, identities), each documented in ARCHITECTURE.md with its default.
 * <p>
 * Runs on one thread at a time: the server's agent thread, or the caller of {@link RpcServer#poll()}.
 */
final class ServerConductor implements Agent
{
    private static final int FRAGMENT_LIMIT = 16;
    private static final int DRAIN_FRAMES_PER_SESSION = 64;
    /** Chunks of long frames one session may offer per duty cycle: 2 MiB with the default terms. */
    private static final int OUTBOX_OFFERS_PER_CYCLE = 4;
    /** Session timers (heartbeats, liveness, stream deadlines, set-up) run this often: a tenth of a heartbeat. */
    private static final long TIMER_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long SLOW_TIMER_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long STRIKE_WINDOW_NS = TimeUnit.SECONDS.toNanos(1);
    private static final int LOG_LINES_PER_INTERVAL = 5;
    private static final long LOG_INTERVAL_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long MAX_TIMEOUT_NS = TimeUnit.DAYS.toNanos(365);
    private static final int MIN_CLIENT_MESSAGE_LENGTH = 1024;
    private static final int MAX_TRACKED_IMAGES = 4096;
    /** The protocol versions this server serves: the one it speaks. */
    static final int PROTOCOL_VERSION = ConnectDecoder.SCHEMA_VERSION;

    private final RpcServer.Context ctx;
    private final Aeron aeron;
    private final Subscription subscription;
    private final ServerAdapter adapter = new ServerAdapter(this);
    private final FragmentAssembler fragmentAssembler = new FragmentAssembler(adapter);
    private final java.util.concurrent.atomic.AtomicLong outboxBytes = new java.util.concurrent.atomic.AtomicLong();
    private final dev.aeronrpc.core.Reassembly.Budget reassemblyBudget;
    private final java.util.function.LongConsumer onReassemblyExpired = this::onReassemblyExpired;
    private Session expiring;
    private final Int2ObjectHashMap<ServiceBinding> servicesById = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<Session> sessionByImage = new Int2ObjectHashMap<>();
    private final ArrayList<Session> sessions = new ArrayList<>();
    private final ManyToOneConcurrentLinkedQueue<Image> lostImages = new ManyToOneConcurrentLinkedQueue<>();
    private final ManyToManyConcurrentArrayQueue<ServerCall> callPool;
    private final AtomicInteger callsOnExecutors = new AtomicInteger();
    private final ServerProxy controlProxy = new ServerProxy();
    private final ServerProxy itemProxy = new ServerProxy();
    private final ThreadLocal<ServerProxy> otherControlProxies = ThreadLocal.withInitial(ServerProxy::new);
    private final ThreadLocal<ServerProxy> otherItemProxies = ThreadLocal.withInitial(ServerProxy::new);
    private final StreamBatch streamBatch = new StreamBatch(controlProxy);
    private final ServerCall inlineCall;
    private final ServerCounters counters;
    private final ExactlyOnceTable exactlyOnceTable;
    private final ClientIdentities identities;
    private final Int2IntHashMap strikesWithoutSession = new Int2IntHashMap(0);
    private final RpcLog.RateLimited malformedLog =
        new RpcLog.RateLimited("rpc-server", LOG_LINES_PER_INTERVAL, LOG_INTERVAL_NS);
    private final RpcLog.RateLimited sessionLog =
        new RpcLog.RateLimited("rpc-server", LOG_LINES_PER_INTERVAL, LOG_INTERVAL_NS);
    private final SecureRandom random = new SecureRandom();
    private final String boundChannel;
    private final long maxRequestIdAheadMs;
    private ExclusivePublication prototypePublication;
    private String responseEndpoint;
    private long responseTag;
    private int pooledCallsCreated;
    private int pendingConnects;
    private long nowNs;
    private long nowMs;
    private long nextTimerNs;
    private long nextSlowTimerNs;
    private long strikeWindowStartNs;
    private long cycle;
    private boolean caughtUp = true;
    private final Session.Signal serviceWanted = new Session.Signal();
    private int backloggedSessions;
    private int heartbeatsThisCycle;
    private int imageCursor;
    private volatile Thread pollThread;
    private volatile int activeSessionCount;
    private volatile Throwable failure;

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
        exactlyOnceTable = new ExactlyOnceTable(
            ctx.exactlyOnceMaxEntries(), ctx.exactlyOnceExpiryNs(), ctx.exactlyOnceMaxBytes());
        identities = new ClientIdentities(ctx.maxClientIdentities(), ctx.exactlyOnceExpiryNs());
        reassemblyBudget = new dev.aeronrpc.core.Reassembly.Budget(ctx.maxChunkedBytes());
        maxRequestIdAheadMs = TimeUnit.NANOSECONDS.toMillis(ctx.maxRequestIdAheadNs());
        subscription = aeron.addSubscription(
            ResponseChannels.serverRequestChannel(ctx.channel()), ctx.streamId(), this::onAvailableImage, lostImages::offer);
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
            final List<String> addresses = prototypePublication.localSocketAddresses();
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

    /**
     * A client's request publication reached the server: one whose terms are larger than the server accepts is
     * rejected at once, so that no client makes the server's driver map more than it allows. Aeron's conductor
     * thread.
     */
    private void onAvailableImage(final Image image)
    {
        if (image.termBufferLength() > ctx.maxClientTermLength())
        {
            try
            {
                image.reject(Status.RESOURCE_EXHAUSTED.name() + ": the client's term length " +
                    image.termBufferLength() + " exceeds the server's maximum of " + ctx.maxClientTermLength());
            }
            catch (final RuntimeException ignore)
            {
                // Gone meanwhile.
            }
        }
    }

    private ServerCall newCall(final ManyToManyConcurrentArrayQueue<ServerCall> pool)
    {
        return new ServerCall(this, new ServerProxy(), ctx, counters, exactlyOnceTable, pool, callsOnExecutors);
    }

    ServerCounters counters()
    {
        return counters;
    }

    String boundChannel()
    {
        return boundChannel;
    }

    int activeSessionCount()
    {
        return activeSessionCount;
    }

    /**
     * What stopped the server's duty cycle, if anything did.
     *
     * @return the error, or null while the server serves.
     */
    Throwable failure()
    {
        return failure;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // What streams and handlers on any thread use.

    /**
     * Whether the calling thread runs this duty cycle.
     *
     * @return true on the poll thread.
     */
    boolean isPollThread()
    {
        return Thread.currentThread() == pollThread;
    }

    /**
     * The proxy a stream item or a responder's answer is encoded into on the calling thread: one for the poll thread,
     * one per other thread, none per stream.
     *
     * @return the calling thread's item proxy.
     */
    ServerProxy itemProxy()
    {
        return isPollThread() ? itemProxy : otherItemProxies.get();
    }

    /**
     * The proxy the calling thread sends control frames with (credit, cancel, a stream's end or error), apart from
     * its item proxy so that a control frame never overwrites an item being built.
     *
     * @return the calling thread's control proxy.
     */
    ServerProxy threadProxy()
    {
        return isPollThread() ? controlProxy : otherControlProxies.get();
    }

    /**
     * The number of the current duty cycle, by which streams count their share of it.
     *
     * @return the cycle.
     */
    long cycle()
    {
        return cycle;
    }

    int itemsPerStreamPerCycle()
    {
        return ctx.itemsPerStreamPerCycle();
    }

    int itemsPerSessionPerCycle()
    {
        return ctx.itemsPerSessionPerCycle();
    }

    StreamBatch streamBatch()
    {
        return streamBatch;
    }

    /**
     * A stream of this session stopped for its share of a cycle or for the session's queue: its ready callback runs
     * when the next cycle begins and the queue is empty. Any thread.
     *
     * @param sink the stream.
     */
    void wantsReady(final StreamSink<?> sink)
    {
        sink.session().readyPending = true;
        serviceWanted.raise();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The duty cycle.

    @Override
    public void onStart()
    {
        pollThread = Thread.currentThread();
    }

    @Override
    public int doWork()
    {
        if (null != failure)
        {
            throw new AgentTerminationException("the server failed: " + failure);
        }
        if (pollThread != Thread.currentThread())
        {
            pollThread = Thread.currentThread();
        }
        try
        {
            return duty();
        }
        catch (final Error ex)
        {
            onFatalError(ex);
            throw new AgentTerminationException("the server failed: " + ex);
        }
    }

    private int duty()
    {
        nowNs = System.nanoTime();
        cycle++;
        int workCount = serveSessions();

        heartbeatsThisCycle = 0;
        final int fragments = 0 == backloggedSessions ?
            subscription.poll(fragmentAssembler, FRAGMENT_LIMIT) : pollImagesPacingBackloggedSessions();
        // Heartbeats are not work for the idle strategy: a thousand idle clients' heartbeats must not keep the
        // poll thread from backing off.
        workCount += fragments - heartbeatsThisCycle;
        streamBatch.flush();
        if (null != failure)
        {
            // Something on this thread hit an error the adapter caught: stop now.
            throw new AgentTerminationException("the server failed: " + failure);
        }
        // After a stall, frames (heartbeats among them) may be waiting unread: judge liveness only once caught up.
        caughtUp = fragments < FRAGMENT_LIMIT;

        if (pendingConnects > 0)
        {
            // Sessions being set up move on every cycle, not every timer tick: connecting stays quick.
            workCount += advancePendingSessions();
        }

        if (nowNs - nextTimerNs >= 0)
        {
            nextTimerNs = nowNs + TIMER_INTERVAL_NS;
            nowMs = System.currentTimeMillis();
            workCount += checkLostImages() + checkSessions() + exactlyOnceTable.evict(nowNs);
            if (nowNs - nextSlowTimerNs >= 0)
            {
                nextSlowTimerNs = nowNs + SLOW_TIMER_INTERVAL_NS;
                workCount += identities.evict(nowNs);
            }
        }
        return workCount;
    }

    /**
     * Gives each active session its turn: what its send queue may offer this cycle, then, once the queue is empty,
     * the ready callbacks of the streams that stopped for their share or for the queue.
     */
    private int serveSessions()
    {
        // Only when a session has queued frames or waiting streams: an idle server with a thousand sessions does
        // not walk them every cycle.
        if (0 == backloggedSessions && !serviceWanted.take())
        {
            return 0;
        }
        int backlogged = 0;
        int workCount = 0;
        final ArrayList<Session> sessions = this.sessions;
        for (int i = 0, size = sessions.size(); i < size; i++)
        {
            final Session session = sessions.get(i);
            if (Session.State.ACTIVE != session.state)
            {
                continue;
            }
            if (!session.sendQueue.isEmpty() &&
                session.sendQueue.drain(session.publication, DRAIN_FRAMES_PER_SESSION, nowNs) > 0)
            {
                workCount++;
            }
            if (session.sendQueue.isEmpty() && !session.outbox.isEmpty())
            {
                // Long frames go out a few chunks a cycle, between the other sessions' turns.
                if (session.outbox.drain(session.publication, session.sessionId, OUTBOX_OFFERS_PER_CYCLE, nowNs))
                {
                    // A stream whose long item went out may send its next.
                    session.readyPending = true;
                }
                workCount++;
            }
            if (session.readyPending && session.sendQueue.isEmpty())
            {
                session.readyPending = false;
                workCount += wakeStreams(session);
            }
            if (!session.sendQueue.isEmpty() || !session.outbox.isEmpty() || session.readyPending)
            {
                backlogged++;
            }
        }
        backloggedSessions = backlogged;
        streamBatch.flush();
        return workCount;
    }

    /**
     * Polls each client's image in turn, as the subscription would, but reads nothing from a session whose answers
     * are piling up (its send queue past a quarter of its budget, or its outbox past half of its): its requests
     * wait in its own log, and its publication's back pressure slows the client down, so a client that asks for
     * more than it reads is paced rather than cut off. A session with anything queued reads two frames a cycle.
     */
    private int pollImagesPacingBackloggedSessions()
    {
        final int count = subscription.imageCount();
        if (0 == count)
        {
            return 0;
        }
        int start = imageCursor++;
        if (start >= count)
        {
            imageCursor = start = 0;
        }
        int read = 0;
        for (int n = 0; n < count && read < FRAGMENT_LIMIT; n++)
        {
            final Image image;
            try
            {
                image = subscription.imageAtIndex((start + n) % count);
            }
            catch (final IndexOutOfBoundsException ex)
            {
                break;
            }
            int limit = FRAGMENT_LIMIT - read;
            final Session session = sessionByImage.get(image.sessionId());
            if (null != session && session.isActive())
            {
                session.readingPaused = session.sendQueue.queuedBytes() > ctx.maxQueuedBytesPerSession() / 4 ||
                    session.outbox.heldBytes() > ctx.maxChunkedBytesPerPeer() / 2;
                if (session.readingPaused)
                {
                    continue;
                }
                if (!session.sendQueue.isEmpty() || !session.outbox.isEmpty())
                {
                    limit = Math.min(limit, 2);
                }
            }
            read += image.poll(fragmentAssembler, limit);
        }
        return read;
    }

    private int wakeStreams(final Session session)
    {
        int workCount = 0;
        for (final StreamSink<?> stream : session.streams.values())
        {
            if (stream.retryWhenReady())
            {
                workCount++;
            }
        }
        return workCount;
    }

    @Override
    public String roleName()
    {
        return "rpc-server";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Frames from clients.

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
            closeSession(existing, Status.ABORTED, "replaced by a new Connect on the same connection");
        }

        final Image image = subscription.imageBySessionId(imageSessionId);
        if (null == image)
        {
            return;
        }
        if (PROTOCOL_VERSION != protocolVersion)
        {
            counters.onMalformed(FrameFault.BAD_CONNECT);
            refuse(image, clientId, Status.FAILED_PRECONDITION, "the client speaks protocol version " +
                protocolVersion + "; this server speaks version " + PROTOCOL_VERSION);
            return;
        }
        if (clientMaxMessageLength < MIN_CLIENT_MESSAGE_LENGTH)
        {
            counters.onMalformed(FrameFault.BAD_CONNECT);
            refuse(image, clientId, Status.INVALID_ARGUMENT, "the client's maximum message length " +
                clientMaxMessageLength + " is below the protocol's minimum of " + MIN_CLIENT_MESSAGE_LENGTH);
            return;
        }
        if (sessions.size() >= ctx.maxSessions())
        {
            refuse(image, clientId, Status.RESOURCE_EXHAUSTED,
                "the server has its maximum of " + ctx.maxSessions() + " sessions");
            return;
        }
        if (pendingConnects >= ctx.maxPendingConnects())
        {
            // The client sends Connect again, with backoff: admission is paced without a publication per Connect.
            counters.onConnectDeferred();
            return;
        }
        switch (identities.check(clientId, clientSecret))
        {
            case ClientIdentities.WRONG_SECRET:
                refuse(image, clientId, Status.PERMISSION_DENIED, "client id " + clientId +
                    " is held by another client (the secret does not match)");
                return;

            case ClientIdentities.FULL:
                refuse(image, clientId, Status.RESOURCE_EXHAUSTED,
                    "the server remembers its maximum of " + ctx.maxClientIdentities() + " client identities");
                return;

            default:
                break;
        }

        final String responseChannel = ResponseChannels.serverResponseChannel(
            ctx.channel(), responseTag, image.correlationId(),
            ResponseChannels.withTermLength(ctx.responseChannelParams(), ctx.termLength()));
        final long registrationId;
        try
        {
            registrationId = aeron.asyncAddPublication(responseChannel, responseStreamId);
        }
        catch (final RuntimeException ex)
        {
            sessionLog.log("could not answer client " + clientId + " on " + responseChannel + ": " + ex, nowNs);
            return;
        }

        final Session session = new Session(
            newSessionId(),
            clientId,
            imageSessionId,
            correlationId,
            clientMaxMessageLength,
            registrationId,
            ctx.maxQueuedBytesPerSession(),
            serviceWanted,
            new Outbox(ctx.maxChunkedBytesPerPeer(), outboxBytes, ctx.maxChunkedBytes()),
            new dev.aeronrpc.core.Reassembly(ctx.maxMessageLength(), ctx.maxChunkedBytesPerPeer(), reassemblyBudget),
            nowNs);
        identities.opened(clientId, clientSecret);
        pendingConnects++;
        sessions.add(session);
        sessionByImage.put(imageSessionId, session);
    }

    private long newSessionId()
    {
        // Unguessable, so that no frame can name another client's session by counting.
        long sessionId;
        do
        {
            sessionId = random.nextLong() & Long.MAX_VALUE;
        }
        while (0 == sessionId);
        return sessionId;
    }

    /**
     * Refuses a Connect without making anything for it: the client's image is rejected with the reason, which the
     * client's Aeron hears as a publication error frame ({@code STATUS: reason}).
     */
    private void refuse(final Image image, final long clientId, final Status status, final String reason)
    {
        counters.onConnectRefused();
        final String message = status.name() + ": " + reason;
        try
        {
            image.reject(message);
        }
        catch (final RuntimeException ex)
        {
            // The image went meanwhile: nothing is left to refuse.
        }
        sessionLog.log("refused client " + clientId + ": " + message, nowNs);
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
        counters.onRequest();
        final Session session = activeSession(imageSessionId);
        if (null == session)
        {
            noSession(imageSessionId, "request " + requestId);
            return;
        }
        if (sessionId != session.sessionId)
        {
            strike(session, FrameFault.WRONG_SESSION);
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
        final ServiceStub stub = binding.stub();
        final MethodDescriptor<?, ?> method = stub.method(methodId);
        if (null == method)
        {
            replyError(session, requestId, Status.UNIMPLEMENTED,
                stub.serviceName() + " has no method with id " + methodId);
            return;
        }
        final MethodDescriptor.Kind kind = method.kind();
        final String misfit = misfit(kind, requestId, credit);
        if (null != misfit)
        {
            strike(session, FrameFault.PROTOCOL);
            if (ServerCall.ONE_WAY_REQUEST_ID != requestId)
            {
                replyError(session, requestId, Status.INVALID_ARGUMENT,
                    stub.serviceName() + "." + method.methodName() + " is " + kind + ": " + misfit);
            }
            return;
        }
        if (ServerCall.ONE_WAY_REQUEST_ID != requestId && (requestId >>> 20) - nowMs() > maxRequestIdAheadMs)
        {
            strike(session, FrameFault.PROTOCOL);
            replyError(session, requestId, Status.INVALID_ARGUMENT, "request id " + requestId +
                " is further ahead of the server's clock than " + maxRequestIdAheadMs + " ms");
            return;
        }
        if ((kind.serverStreams() || kind.clientStreams()) && !admitStream(session, requestId, kind))
        {
            return;
        }

        ExactlyOnceTable.Entry exactlyOnceEntry = null;
        if (Delivery.EXACTLY_ONCE == method.delivery() && ServerCall.ONE_WAY_REQUEST_ID != requestId)
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
        if (kind.serverStreams())
        {
            final long deadlineNs = timeoutNs > 0 ? nowNs + Math.min(timeoutNs, MAX_TIMEOUT_NS) : 0;
            stream = new StreamSink<>(this, session, requestId, credit, deadlineNs, ctx.maxMessageLength());
            session.streams.put(requestId, stream);
        }

        if (null == binding.executor())
        {
            inlineCall.init(session, stub, requestId, methodId, attempt, exactlyOnceEntry, stream,
                buffer, payloadOffset, payloadLength);
            inlineCall.serve();
            return;
        }

        if (session.callsOnExecutors.get() >= ctx.maxCallsPerSession())
        {
            refuseCall(session, requestId, exactlyOnceEntry, stream, "this client has its maximum of " +
                ctx.maxCallsPerSession() + " calls queued or running on executors");
            return;
        }
        final ServerCall call = acquireCall();
        if (null == call)
        {
            refuseCall(session, requestId, exactlyOnceEntry, stream,
                "the server has its maximum of " + ctx.maxConcurrentCalls() + " calls queued or running");
            return;
        }

        call.init(session, stub, requestId, methodId, attempt, exactlyOnceEntry, stream,
            buffer, payloadOffset, payloadLength);
        callsOnExecutors.incrementAndGet();
        session.callsOnExecutors.incrementAndGet();
        try
        {
            binding.executor().execute(call);
        }
        catch (final RejectedExecutionException ex)
        {
            session.callsOnExecutors.decrementAndGet();
            callsOnExecutors.decrementAndGet();
            callPool.offer(call);
            refuseCall(session, requestId, exactlyOnceEntry, stream, stub.serviceName() + "'s executor rejected the call");
        }
    }

    /**
     * What about a request does not fit its method's kind, or null when it fits.
     */
    private static String misfit(final MethodDescriptor.Kind kind, final long requestId, final int credit)
    {
        if (credit < 0)
        {
            return "a request's credit is never negative: " + credit;
        }
        switch (kind)
        {
            case ONE_WAY:
                return ServerCall.ONE_WAY_REQUEST_ID != requestId ? "a one-way message carries request id 0" :
                    0 != credit ? "a one-way message carries no credit" : null;

            case UNARY:
            case CLIENT_STREAM:
                return ServerCall.ONE_WAY_REQUEST_ID == requestId ? "request id 0 is for one-way messages" :
                    0 != credit ? "its request carries no credit (credit " + credit + " opens a stream)" : null;

            default:
                return ServerCall.ONE_WAY_REQUEST_ID == requestId ? "request id 0 is for one-way messages" :
                    0 == credit ? "its request carries the client's window of credit, not 0" : null;
        }
    }

    private boolean admitStream(final Session session, final long requestId, final MethodDescriptor.Kind kind)
    {
        final boolean open;
        synchronized (session.inbound)
        {
            open = session.streams.containsKey(requestId) || session.inbound.containsKey(requestId);
        }
        if (open)
        {
            // The same open sent again: the stream is already being served.
            return false;
        }
        if (session.openStreams() >= ctx.maxStreamsPerSession())
        {
            replyError(session, requestId, Status.RESOURCE_EXHAUSTED, "this client has its maximum of " +
                ctx.maxStreamsPerSession() + " streams open; end or cancel one first");
            return false;
        }
        return true;
    }

    private void refuseCall(
        final Session session,
        final long requestId,
        final ExactlyOnceTable.Entry exactlyOnceEntry,
        final StreamSink<?> stream,
        final String reason)
    {
        abandon(exactlyOnceEntry);
        if (null != stream)
        {
            session.streams.remove(requestId);
            stream.cancel();
        }
        replyError(session, requestId, Status.RESOURCE_EXHAUSTED, reason);
    }

    void onCredit(final int imageSessionId, final long sessionId, final long requestId, final int credit)
    {
        final Session session = activeSession(imageSessionId);
        if (null == session)
        {
            noSession(imageSessionId, "credit");
        }
        else if (session.sessionId != sessionId)
        {
            strike(session, FrameFault.WRONG_SESSION);
        }
        else if (credit <= 0)
        {
            strike(session, FrameFault.PROTOCOL);
        }
        else
        {
            final StreamSink<?> stream = session.streams.get(requestId);
            if (null != stream)
            {
                stream.addCredit(credit);
            }
        }
    }

    void onCancel(final int imageSessionId, final long sessionId, final long requestId)
    {
        final Session session = activeSession(imageSessionId);
        if (null == session)
        {
            noSession(imageSessionId, "cancel");
            return;
        }
        if (session.sessionId != sessionId)
        {
            strike(session, FrameFault.WRONG_SESSION);
            return;
        }
        final StreamSink<?> stream = session.streams.remove(requestId);
        if (null != stream)
        {
            stream.cancel();
        }
        session.reassembly.abandon(requestId);
        session.outbox.remove(requestId);
        final InboundStream<?> inbound;
        synchronized (session.inbound)
        {
            inbound = session.inbound.remove(requestId);
            if (null == inbound && null == stream && session.cancelledBeforeOpen.size() < ctx.maxStreamsPerSession())
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

    void onClientItem(
        final int imageSessionId,
        final long requestId,
        final long sequence,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final Session session = activeSession(imageSessionId);
        if (null == session)
        {
            noSession(imageSessionId, "stream item");
            return;
        }
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

    void onClientStreamEnd(final int imageSessionId, final long requestId)
    {
        final Session session = activeSession(imageSessionId);
        if (null == session)
        {
            noSession(imageSessionId, "stream end");
            return;
        }
        final InboundStream<?> inbound;
        synchronized (session.inbound)
        {
            inbound = session.inbound.remove(requestId);
        }
        if (null != inbound)
        {
            inbound.onCompleted();
        }
    }

    void onChunk(
        final int imageSessionId,
        final long sessionId,
        final long requestId,
        final int totalLength,
        final int position,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final Session session = activeSession(imageSessionId);
        if (null == session)
        {
            noSession(imageSessionId, "chunk");
            return;
        }
        if (session.sessionId != sessionId)
        {
            strike(session, FrameFault.WRONG_SESSION);
            return;
        }
        final dev.aeronrpc.core.Reassembly reassembly = session.reassembly;
        switch (reassembly.onChunk(requestId, totalLength, position, buffer, offset, length, nowNs))
        {
            case dev.aeronrpc.core.Reassembly.COMPLETE:
            {
                final DirectBuffer frame = reassembly.completed();
                try
                {
                    adapter.onReassembled(frame, frame.capacity(), imageSessionId);
                }
                finally
                {
                    reassembly.release(requestId);
                }
                break;
            }

            case dev.aeronrpc.core.Reassembly.TOO_LARGE:
                replyError(session, requestId, Status.RESOURCE_EXHAUSTED, "a frame of " + totalLength +
                    " bytes exceeds the server's maximum message length of " + ctx.maxMessageLength());
                break;

            case dev.aeronrpc.core.Reassembly.OVER_BUDGET:
                replyError(session, requestId, Status.RESOURCE_EXHAUSTED, "a frame of " + totalLength +
                    " bytes would exceed the bytes of chunked frames the server keeps for a client (" +
                    ctx.maxChunkedBytesPerPeer() + ") or for all its clients (" + ctx.maxChunkedBytes() + ")");
                break;

            case dev.aeronrpc.core.Reassembly.OUT_OF_ORDER:
                strike(session, FrameFault.PROTOCOL);
                replyError(session, requestId, Status.INVALID_ARGUMENT, "the chunk at " + position + " of request " +
                    requestId + " is not the next one of its frame");
                break;

            default:
                break;
        }
    }

    private void onReassemblyExpired(final long requestId)
    {
        replyError(expiring, requestId, Status.DATA_LOSS, "the request's chunks stopped coming before it was whole");
    }

    void onHeartbeat(final int imageSessionId, final long sessionId)
    {
        heartbeatsThisCycle++;
        final Session session = activeSession(imageSessionId);
        if (null == session)
        {
            noSession(imageSessionId, "heartbeat");
        }
        else if (session.sessionId != sessionId)
        {
            strike(session, FrameFault.WRONG_SESSION);
        }
    }

    void onDisconnect(final int imageSessionId, final long sessionId)
    {
        final Session session = sessionByImage.get(imageSessionId);
        if (null != session && session.sessionId == sessionId)
        {
            closeSession(session, Status.OK, null);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Malformed frames: counted per cause, logged within a budget, and a source that keeps sending them cut off.

    /**
     * Counts a malformed frame against its cause and its source.
     *
     * @param imageSessionId the image it came on.
     * @param fault          why it was refused.
     * @return whether a log line for it would be written now (so that the caller builds the line only then).
     */
    boolean onMalformedFrame(final int imageSessionId, final FrameFault fault)
    {
        final Session session = sessionByImage.get(imageSessionId);
        if (null != session)
        {
            strike(session, fault);
        }
        else
        {
            counters.onMalformed(fault);
            strikeWithoutSession(imageSessionId);
        }
        return malformedLog.wouldLog(nowNs);
    }

    void logMalformedFrame(final int imageSessionId, final FrameFault fault, final String detail)
    {
        malformedLog.log("malformed frame (" + fault + ") on image " + imageSessionId + ": " + detail, nowNs);
    }

    private void noSession(final int imageSessionId, final String what)
    {
        if (onMalformedFrame(imageSessionId, FrameFault.NO_SESSION))
        {
            logMalformedFrame(imageSessionId, FrameFault.NO_SESSION,
                what + " from a client with no session (before Connect, or after its session ended)");
        }
        if (null == sessionByImage.get(imageSessionId))
        {
            // A client still speaking on a session this server does not have (it restarted, or ended the session):
            // tell it at once, by rejecting its connection, so that it connects again instead of waiting out its
            // peer timeout.
            final Image image = subscription.imageBySessionId(imageSessionId);
            if (null != image && !image.isClosed())
            {
                try
                {
                    image.reject(Status.UNAVAILABLE.name() +
                        ": this connection has no session here (the server restarted or ended it); connect again");
                }
                catch (final RuntimeException ignore)
                {
                    // Gone meanwhile.
                }
            }
        }
    }

    private void strike(final Session session, final FrameFault fault)
    {
        counters.onMalformed(fault);
        if (nowNs - session.strikeWindowStartNs > STRIKE_WINDOW_NS)
        {
            session.strikeWindowStartNs = nowNs;
            session.strikes = 0;
        }
        if (++session.strikes > ctx.maxMalformedFramesPerSecond() && Session.State.CLOSED != session.state)
        {
            final String reason = "it sent more than " + ctx.maxMalformedFramesPerSecond() +
                " malformed frames in a second, the last " + fault;
            dropSession(session, Status.INVALID_ARGUMENT, reason);
            rejectImage(session.imageSessionId, reason);
        }
    }

    private void strikeWithoutSession(final int imageSessionId)
    {
        if (nowNs - strikeWindowStartNs > STRIKE_WINDOW_NS || strikesWithoutSession.size() > MAX_TRACKED_IMAGES)
        {
            strikeWindowStartNs = nowNs;
            strikesWithoutSession.clear();
        }
        final int strikes = strikesWithoutSession.get(imageSessionId) + 1;
        strikesWithoutSession.put(imageSessionId, strikes);
        if (strikes > ctx.maxMalformedFramesPerSecond())
        {
            strikesWithoutSession.remove(imageSessionId);
            rejectImage(imageSessionId, "it sent more than " + ctx.maxMalformedFramesPerSecond() +
                " malformed frames in a second");
        }
    }

    private void rejectImage(final int imageSessionId, final String reason)
    {
        final Image image = subscription.imageBySessionId(imageSessionId);
        if (null != image)
        {
            try
            {
                image.reject(Status.INVALID_ARGUMENT.name() + ": " + reason);
            }
            catch (final RuntimeException ignore)
            {
                // Gone meanwhile.
            }
            sessionLog.log("cut off image " + imageSessionId + ": " + reason, nowNs);
        }
    }

    /**
     * An error escaped on the poll thread ({@link OutOfMemoryError}, {@link StackOverflowError} and the like): the
     * server cannot be trusted to go on. It reports it, tells every client it is going away, frees their sessions,
     * and stops its duty cycle; {@link RpcServer#failure()} says why, and closing the server is the application's
     * part.
     *
     * @param error what escaped.
     */
    void onFatalError(final Throwable error)
    {
        if (null != failure)
        {
            return;
        }
        failure = error;
        try
        {
            ctx.errorHandler().onError(new IllegalStateException(
                "the rpc server's duty cycle stopped: it no longer serves " + boundChannel, error));
            shutDownSessions(Status.UNAVAILABLE, "the server failed: " + error);
        }
        catch (final Throwable ignore)
        {
            // Reporting is best effort once the process is in this state.
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

    private long nowMs()
    {
        if (0 == nowMs)
        {
            nowMs = System.currentTimeMillis();
        }
        return nowMs;
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
            sessionLog.log("replayed answer to " + session + " not sent: " + controlProxy.lastFailure(), nowNs);
        }
    }

    private void replyError(final Session session, final long requestId, final Status status, final String message)
    {
        final Status sent = controlProxy.error(session, requestId, status, message);
        if (Status.OK != sent)
        {
            sessionLog.log("error reply to " + session + " not sent: " + controlProxy.lastFailure(), nowNs);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Session timers.

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
            if (i >= sessions.size())
            {
                continue;
            }
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
                    workCount += checkActive(session);
                    break;

                default:
                    break;
            }
        }
        return workCount;
    }

    private int advancePendingSessions()
    {
        int workCount = 0;
        for (int i = sessions.size() - 1; i >= 0; i--)
        {
            if (i >= sessions.size())
            {
                continue;
            }
            final Session session = sessions.get(i);
            if (Session.State.AWAITING_PUBLICATION == session.state)
            {
                workCount += awaitPublication(session);
            }
            if (Session.State.AWAITING_CONNECTION == session.state)
            {
                workCount += awaitConnection(session);
            }
        }
        return workCount;
    }

    private int checkActive(final Session session)
    {
        final String closeReason = session.closeReason;
        if (null != closeReason)
        {
            dropSession(session, Status.RESOURCE_EXHAUSTED, closeReason);
            return 1;
        }
        if (!session.sendQueue.isEmpty() && nowNs - session.sendQueue.lastProgressNs() > ctx.slowClientTimeoutNs())
        {
            dropSession(session, Status.RESOURCE_EXHAUSTED, "the client read none of its answers for " +
                TimeUnit.NANOSECONDS.toMillis(nowNs - session.sendQueue.lastProgressNs()) + " ms, with " +
                session.sendQueue.queuedBytes() + " bytes waiting for it");
            return 1;
        }
        if (!session.outbox.isEmpty() && nowNs - session.outbox.lastProgressNs() > ctx.slowClientTimeoutNs())
        {
            dropSession(session, Status.RESOURCE_EXHAUSTED, "the client read none of its long answers' chunks for " +
                TimeUnit.NANOSECONDS.toMillis(nowNs - session.outbox.lastProgressNs()) + " ms");
            return 1;
        }
        if (session.reassembly.heldBytes() > 0)
        {
            expiring = session;
            session.reassembly.expire(nowNs, ctx.peerTimeoutNs(), onReassemblyExpired);
            expiring = null;
        }
        if (session.readingPaused)
        {
            // Its frames wait unread while its answers drain: its liveness is judged by the slow-client rule.
            session.lastFrameNs = nowNs;
        }
        else if (caughtUp && nowNs - session.lastFrameNs > ctx.peerTimeoutNs())
        {
            closeSession(session, Status.UNAVAILABLE, "no word from the client for " +
                TimeUnit.NANOSECONDS.toMillis(nowNs - session.lastFrameNs) + " ms");
            return 1;
        }

        int workCount = sweepStreams(session);
        if (nowNs - session.nextHeartbeatNs >= 0)
        {
            session.nextHeartbeatNs = nowNs + ctx.heartbeatIntervalNs();
            controlProxy.heartbeat(session, session.sessionId);
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
            else if (0 != stream.deadlineNs() && nowNs - stream.deadlineNs() > 0)
            {
                it.remove();
                stream.fail(Status.DEADLINE_EXCEEDED, "the stream's deadline passed");
                stream.cancel();
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
            closeSession(session, Status.INTERNAL, "its response publication failed: " + ex.getMessage());
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

        final Status sent = controlProxy.connectAccepted(session,
            session.connectCorrelationId,
            session.sessionId,
            ctx.maxMessageLength(),
            ctx.heartbeatIntervalNs());
        if (Status.OK == sent)
        {
            pendingConnects--;
            session.state = Session.State.ACTIVE;
            session.lastFrameNs = nowNs;
            session.nextHeartbeatNs = nowNs + ctx.heartbeatIntervalNs();
            activeSessionCount++;
            ctx.sessionListener().onSessionOpened(session.sessionId, session.clientId);
        }
        return 1;
    }

    /**
     * Ends a session for its client's behaviour (not reading, garbage): counted, logged within budget, the client
     * told why if its connection takes it.
     */
    private void dropSession(final Session session, final Status status, final String reason)
    {
        counters.onSessionDropped();
        sessionLog.log("dropped " + session + ": " + reason, nowNs);
        session.sendQueue.clear();
        controlProxy.disconnect(session, session.sessionId, status, reason);
        closeSession(session, status, reason);
    }

    private void closeSession(final Session session, final Status status, final String reason)
    {
        final Session.State state = session.state;
        if (Session.State.CLOSED == state)
        {
            return;
        }
        session.state = Session.State.CLOSED;
        if (Session.State.ACTIVE == state)
        {
            // The listener hears first, so whoever sees the count drop also sees what the listener recorded.
            ctx.sessionListener().onSessionClosed(session.sessionId, session.clientId, status, reason);
            activeSessionCount--;
        }
        else
        {
            pendingConnects--;
        }
        identities.closed(session.clientId, nowNs);
        sessions.remove(session);
        streamBatch.discard(session);
        session.sendQueue.clear();
        session.outbox.clear();
        session.reassembly.clear();
        for (final StreamSink<?> stream : session.streams.values())
        {
            stream.cancel();
        }
        session.streams.clear();
        final List<InboundStream<?>> inbound;
        synchronized (session.inbound)
        {
            inbound = new ArrayList<>(session.inbound.values());
            session.inbound.clear();
            session.cancelledBeforeOpen.clear();
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

    private void shutDownSessions(final Status status, final String reason)
    {
        for (int i = sessions.size() - 1; i >= 0; i--)
        {
            final Session session = sessions.get(i);
            if (session.isActive())
            {
                session.sendQueue.clear();
                controlProxy.disconnect(session, session.sessionId, status, reason);
            }
            closeSession(session, status, reason);
        }
    }

    private void awaitExecutorCalls()
    {
        // Calls running on executors answer through this server's publications and counters, which the close
        // frees: give them a bounded time to finish first.
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
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
        nowNs = System.nanoTime();
        shutDownSessions(Status.UNAVAILABLE, "the server is shutting down");
        CloseHelper.close(ctx.errorHandler(), subscription);
        CloseHelper.close(ctx.errorHandler(), prototypePublication);
        CloseHelper.close(ctx.errorHandler(), counters);
    }
}
