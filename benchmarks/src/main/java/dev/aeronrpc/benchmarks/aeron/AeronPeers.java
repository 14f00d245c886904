package dev.aeronrpc.benchmarks.aeron;

import dev.aeronrpc.benchmarks.Transport;
import dev.aeronrpc.core.RpcConfiguration;
import dev.aeronrpc.core.RpcMediaDriver;
import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.util.concurrent.TimeUnit;

/**
 * Two peers on plain Aeron, the way the framework's are set up: the same embedded driver (SHARED, the configured
 * idle strategy), an Aeron client each, a request route from the requester to the responder and a reply route
 * back. The responder side runs one agent thread, as the framework's server does.
 */
final class AeronPeers implements AutoCloseable
{
    private static final int REQUEST_STREAM_ID = 1001;
    private static final int REPLY_STREAM_ID = 1002;
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private final RpcMediaDriver driver;
    private final Aeron requesterAeron;
    private final Aeron responderAeron;
    private final ExclusivePublication requests;
    private final Subscription replies;
    private final Subscription requestsIn;
    private final ExclusivePublication repliesOut;
    private AgentRunner responderRunner;

    AeronPeers(final Transport transport)
    {
        driver = RpcMediaDriver.launch();
        requesterAeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        responderAeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        final String requestChannel = channel(transport);
        final String replyChannel = channel(transport);
        requestsIn = responderAeron.addSubscription(requestChannel, REQUEST_STREAM_ID);
        replies = requesterAeron.addSubscription(replyChannel, REPLY_STREAM_ID);
        requests = requesterAeron.addExclusivePublication(requestChannel, REQUEST_STREAM_ID);
        repliesOut = responderAeron.addExclusivePublication(replyChannel, REPLY_STREAM_ID);
        awaitConnected();
    }

    ExclusivePublication requests()
    {
        return requests;
    }

    Subscription replies()
    {
        return replies;
    }

    Subscription requestsIn()
    {
        return requestsIn;
    }

    ExclusivePublication repliesOut()
    {
        return repliesOut;
    }

    /**
     * Starts the responder's agent on a thread of its own, with the configured idle strategy.
     *
     * @param agent the responder's duty cycle.
     */
    void startResponder(final Agent agent)
    {
        responderRunner = new AgentRunner(RpcConfiguration.idleStrategy(), Throwable::printStackTrace, null, agent);
        AgentRunner.startOnThread(responderRunner);
    }

    /**
     * Offers until the publication takes the message, retrying back pressure; fails when the route is gone.
     *
     * @param publication where to.
     * @param buffer      what.
     * @param offset      from where.
     * @param length      how many bytes.
     * @param idle        how to wait between tries.
     */
    static void offer(
        final Publication publication,
        final org.agrona.DirectBuffer buffer,
        final int offset,
        final int length,
        final IdleStrategy idle)
    {
        idle.reset();
        long result;
        while ((result = publication.offer(buffer, offset, length)) < 0)
        {
            checkOfferResult(result);
            idle.idle();
        }
    }

    /**
     * Fails on an offer result that a retry cannot fix.
     *
     * @param result the negative result of an offer.
     */
    static void checkOfferResult(final long result)
    {
        if (Publication.NOT_CONNECTED == result || Publication.CLOSED == result ||
            Publication.MAX_POSITION_EXCEEDED == result)
        {
            throw new IllegalStateException("offer failed: " + Publication.errorString(result));
        }
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(responderRunner, requesterAeron, responderAeron, driver);
    }

    private void awaitConnected()
    {
        final long deadlineNs = System.nanoTime() + CONNECT_TIMEOUT_NS;
        while (!requests.isConnected() || !repliesOut.isConnected())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                close();
                throw new IllegalStateException("the raw Aeron peers did not connect");
            }
            Thread.onSpinWait();
        }
    }

    private static String channel(final Transport transport)
    {
        return Transport.IPC == transport ? "aeron:ipc" : "aeron:udp?endpoint=localhost:" + freeUdpPort();
    }

    private static int freeUdpPort()
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
