package dev.aeronrpc.labs.guarantees.lab;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lab's key/value server over raw Aeron: one subscription for requests, one publication per client for answers
 * (to the UDP port the request names), a {@link KeyValueStore} over a {@link Journal}, and the student's
 * {@link Deduplicator} in front of it. Its duty cycle runs on one thread of its own.
 * <p>
 * Per request: look it up in the deduplicator; if it was applied before, answer with the recorded result; if not,
 * apply it (the store journals it), record it, answer. A {@link ReplyFilter} may then lose the answer on purpose.
 * <p>
 * Closing the server and starting another over the same journal file is a restart: the new one's memory is only
 * what the journal and the deduplicator's {@code recover} give it.
 */
public final class MiniServer implements AutoCloseable
{
    /** Clients one server answers; a request from a further reply port is dropped, so memory stays bounded. */
    public static final int MAX_CLIENTS = 64;

    private static final long CONNECT_WAIT_NS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(5_000);

    private final Aeron aeron;
    private final Subscription subscription;
    private final Journal journal;
    private final KeyValueStore store;
    private final Deduplicator deduplicator;
    private final ReplyFilter replyFilter;
    private final Int2ObjectHashMap<Publication> replies = new Int2ObjectHashMap<>();
    private final UnsafeBuffer replyBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(Wire.RESPONSE_LENGTH));
    private final AgentRunner runner;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong repeatsAnswered = new AtomicLong();
    private final AtomicLong answersDropped = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile Throwable firstError;

    /**
     * Starts a server.
     *
     * @param aeron        to add the subscription and publications with.
     * @param channel      to receive requests on, such as {@code aeron:udp?endpoint=localhost:40500}.
     * @param journalFile  of this server; an existing one is replayed.
     * @param deduplicator fresh for this run; it is given the journal to recover from before the first request.
     * @param replyFilter  which answers to lose on purpose.
     * @param idleStrategy of the server's thread.
     */
    public MiniServer(
        final Aeron aeron,
        final String channel,
        final Path journalFile,
        final Deduplicator deduplicator,
        final ReplyFilter replyFilter,
        final IdleStrategy idleStrategy)
    {
        this.aeron = aeron;
        this.deduplicator = deduplicator;
        this.replyFilter = replyFilter;
        journal = new Journal(journalFile);
        store = new KeyValueStore(journal);
        deduplicator.recover(journal);
        subscription = aeron.addSubscription(channel, MiniClient.REQUEST_STREAM_ID);
        runner = new AgentRunner(idleStrategy, this::onError, null, new Poller());
        AgentRunner.startOnThread(runner);
    }

    /**
     * @return whether at least one client's publication is connected to this server.
     */
    public boolean isConnected()
    {
        return subscription.isConnected();
    }

    /**
     * @return requests received, repeats included.
     */
    public long requests()
    {
        return requests.get();
    }

    /**
     * @return requests applied to the store.
     */
    public long applied()
    {
        return applied.get();
    }

    /**
     * @return repeats answered from the deduplicator without applying them.
     */
    public long repeatsAnswered()
    {
        return repeatsAnswered.get();
    }

    /**
     * @return answers lost on purpose.
     */
    public long answersDropped()
    {
        return answersDropped.get();
    }

    /**
     * @return exceptions thrown on the server's thread, by the deduplicator for instance.
     */
    public long errors()
    {
        return errors.get();
    }

    /**
     * @return the first of them, or null.
     */
    public Throwable firstError()
    {
        return firstError;
    }

    /**
     * Stops the server's thread, then closes its subscription, publications and journal.
     */
    @Override
    public void close()
    {
        CloseHelper.close(runner);
        replies.values().forEach(CloseHelper::close);
        CloseHelper.closeAll(subscription, journal);
    }

    private void onError(final Throwable ex)
    {
        // Counted, not printed: the grader reports them.
        if (1 == errors.incrementAndGet())
        {
            firstError = ex;
        }
    }

    private final class Poller implements Agent, FragmentHandler
    {
        @Override
        public int doWork()
        {
            return subscription.poll(this, 10);
        }

        @Override
        public String roleName()
        {
            return "mini-server";
        }

        @Override
        public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            final Request request = Wire.decodeRequest(buffer, offset, length);
            if (null == request)
            {
                return;
            }
            requests.incrementAndGet();
            final Publication reply = replyPublication(Wire.replyPort(buffer, offset));
            if (null == reply)
            {
                return;
            }

            final long result;
            final OptionalLong recorded = deduplicator.lookup(request.clientId(), request.requestId());
            if (recorded.isPresent())
            {
                repeatsAnswered.incrementAndGet();
                result = recorded.getAsLong();
            }
            else
            {
                result = store.apply(request);
                applied.incrementAndGet();
                deduplicator.record(request.clientId(), request.requestId(), result);
            }

            if (replyFilter.drop(request.clientId(), request.requestId()))
            {
                answersDropped.incrementAndGet();
                return;
            }
            final int replyLength = Wire.encodeResponse(
                replyBuffer, new Response(request.clientId(), request.requestId(), result));
            // One offer: an answer refused here is lost like one lost on the network, and the client's retry
            // covers both.
            reply.offer(replyBuffer, 0, replyLength);
        }

        private Publication replyPublication(final int port)
        {
            Publication publication = replies.get(port);
            if (null == publication && replies.size() < MAX_CLIENTS && port > 0 && port < 65536)
            {
                publication = aeron.addPublication("aeron:udp?endpoint=localhost:" + port,
                    MiniClient.RESPONSE_STREAM_ID);
                replies.put(port, publication);
                // Simple, not fast: the first answer to a new client waits (bounded) for its publication to
                // connect, holding up everyone else meanwhile. The framework's server does this asynchronously.
                final long deadlineNs = System.nanoTime() + CONNECT_WAIT_NS;
                while (!publication.isConnected() && System.nanoTime() - deadlineNs < 0)
                {
                    java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                }
            }
            return publication;
        }
    }
}
