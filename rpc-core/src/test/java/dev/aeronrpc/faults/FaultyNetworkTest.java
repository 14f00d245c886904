package dev.aeronrpc.faults;

import dev.aeronrpc.core.RpcMediaDriver;
import dev.aeronrpc.test.TestRig;
import io.aeron.Aeron;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.status.SystemCounterDescriptor;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A plain Aeron publication and subscription over UDP on loopback, both on one embedded driver whose network is a
 * {@link FaultyNetwork}: random loss is repaired, a long blackout ends the connection, healing makes a new one.
 */
@Timeout(60)
class FaultyNetworkTest
{
    private static final int STREAM_ID = 1;
    private static final int MESSAGE_LENGTH = 64;
    private static final long AWAIT_TIMEOUT_MS = 20_000;

    // Short enough that a blackout ends the connection in about a second, long enough that heartbeats (every
    // 100 ms) and status messages (every statusMessageTimeoutNs) keep a healthy one alive on a slow machine. The
    // image is declared unavailable after the liveness timeout plus a drain of 5 status message timeouts, noticed on
    // the next timer tick: about 500 + 500 + 100 ms. The publication unblock and client liveness timeouts stay at
    // their defaults: they concern dead clients, not the network, and conclude() requires
    // unblock > client liveness > timer interval.
    private static final long IMAGE_LIVENESS_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long PUBLICATION_CONNECTION_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long STATUS_MESSAGE_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long TIMER_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final FaultyNetwork network = new FaultyNetwork();
    private final IdleStrategy idleStrategy = TestRig.idleStrategy();
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[MESSAGE_LENGTH]);
    private final List<Integer> received = new CopyOnWriteArrayList<>();
    private final List<Image> availableImages = new CopyOnWriteArrayList<>();
    private final List<Image> unavailableImages = new CopyOnWriteArrayList<>();
    private final FragmentHandler handler = (buffer, offset, length, header) -> received.add(buffer.getInt(offset));

    private RpcMediaDriver driver;
    private Aeron aeron;
    private Subscription subscription;
    private Publication publication;

    @AfterEach
    void after()
    {
        CloseHelper.closeAll(aeron, driver);
    }

    @Test
    void shouldDeliverEveryMessageInOrderDespiteDataLoss()
    {
        connect(driverContext());
        network.dropFraction(0.2, 0.0);

        final int count = 1_000;
        sendAndReceive(0, count);

        assertEquals(count, received.size());
        for (int i = 0; i < count; i++)
        {
            assertEquals(i, received.get(i), "message at index " + i);
        }
        assertTrue(network.dataFramesDropped() > 0, "no data frame dropped");
        assertEquals(0, network.controlFramesDropped());
        assertTrue(systemCounter(SystemCounterDescriptor.NAK_MESSAGES_SENT) > 0, "no NAK sent");
        assertTrue(systemCounter(SystemCounterDescriptor.RETRANSMITS_SENT) > 0, "nothing retransmitted");
    }

    @Test
    void shouldLoseTheImageInALongBlackoutAndMakeANewOneAfterHealing()
    {
        connect(driverContext()
            .imageLivenessTimeoutNs(IMAGE_LIVENESS_TIMEOUT_NS)
            .publicationConnectionTimeoutNs(PUBLICATION_CONNECTION_TIMEOUT_NS)
            .statusMessageTimeoutNs(STATUS_MESSAGE_TIMEOUT_NS)
            .timerIntervalNs(TIMER_INTERVAL_NS));
        sendAndReceive(0, 10);
        final Image firstImage = availableImages.get(0);

        network.blackout();
        final long blackoutStartNs = System.nanoTime();
        final long dataDroppedBefore = network.dataFramesDropped();
        final long controlDroppedBefore = network.controlFramesDropped();
        final int receivedBefore = received.size();
        offer(10);

        pollUntil(() -> unavailableImages.size() == 1 && !publication.isConnected(), "the connection to time out");
        final long blackoutMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - blackoutStartNs);

        assertEquals(receivedBefore, received.size(), "delivered during the blackout");
        assertEquals(firstImage.correlationId(), unavailableImages.get(0).correlationId());
        assertTrue(network.dataFramesDropped() > dataDroppedBefore, "no data frame dropped");
        assertTrue(network.controlFramesDropped() > controlDroppedBefore, "no control frame dropped");
        assertTrue(blackoutMs < 5_000, "took " + blackoutMs + " ms to notice the blackout");

        network.heal();
        pollUntil(() -> availableImages.size() == 2 && publication.isConnected(), "a new image");
        assertNotEquals(firstImage.correlationId(), availableImages.get(1).correlationId());

        final int resumeFrom = received.size();
        sendAndReceive(100, 10);
        assertEquals(List.of(100, 101, 102, 103, 104, 105, 106, 107, 108, 109),
            received.subList(resumeFrom, received.size()));

        // The new image joins where the sender is now, past the message sent into the blackout: the offer
        // succeeded, yet the message is never delivered.
        assertFalse(received.contains(10), "message sent during the blackout was delivered");
    }

    @Test
    void shouldServeOnlyOneDriver()
    {
        network.apply(new MediaDriver.Context());

        assertThrows(IllegalStateException.class, () -> network.apply(new MediaDriver.Context()));
    }

    @Test
    void shouldChangeNothingWhenAFractionIsInvalid()
    {
        network.dropFraction(0.1, 0.2);

        assertThrows(IllegalArgumentException.class, () -> network.dropFraction(0.3, 1.5));
        assertEquals(0.1, network.receiveData().dropFraction());
        assertEquals(0.2, network.sendControl().dropFraction());
        assertFalse(network.receiveData().blackout());
    }

    private MediaDriver.Context driverContext()
    {
        return RpcMediaDriver.defaultContext().sharedIdleStrategy(TestRig.idleStrategy());
    }

    private void connect(final MediaDriver.Context driverContext)
    {
        driver = RpcMediaDriver.launch(network.apply(driverContext));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));

        // Port 0: the system picks a free port, which the subscription reports once its endpoint is bound.
        subscription = aeron.addSubscription(
            "aeron:udp?endpoint=localhost:0", STREAM_ID, availableImages::add, unavailableImages::add);
        pollUntil(() -> null != subscription.tryResolveChannelEndpointPort(), "the subscription's port");
        publication = aeron.addPublication(subscription.tryResolveChannelEndpointPort(), STREAM_ID);
        pollUntil(() -> subscription.isConnected() && publication.isConnected(), "the first image");
    }

    private void sendAndReceive(final int firstSeq, final int count)
    {
        final int expected = received.size() + count;
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AWAIT_TIMEOUT_MS);
        int seq = firstSeq;
        while (received.size() < expected)
        {
            int workCount = subscription.poll(handler, 10);
            if (seq < firstSeq + count && tryOffer(seq))
            {
                seq++;
                workCount++;
            }
            checkDeadline(deadlineNs, "messages " + firstSeq + " to " + (firstSeq + count - 1));
            idleStrategy.idle(workCount);
        }
    }

    private void offer(final int seq)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AWAIT_TIMEOUT_MS);
        while (!tryOffer(seq))
        {
            checkDeadline(deadlineNs, "offering message " + seq);
            idleStrategy.idle();
        }
    }

    private boolean tryOffer(final int seq)
    {
        message.putInt(0, seq);
        final long result = publication.offer(message, 0, MESSAGE_LENGTH);
        if (Publication.CLOSED == result || Publication.MAX_POSITION_EXCEEDED == result)
        {
            fail("offer failed: " + Publication.errorString(result));
        }

        return result > 0;
    }

    private void pollUntil(final BooleanSupplier condition, final String what)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AWAIT_TIMEOUT_MS);
        while (!condition.getAsBoolean())
        {
            checkDeadline(deadlineNs, what);
            idleStrategy.idle(subscription.poll(handler, 10));
        }
    }

    private static void checkDeadline(final long deadlineNs, final String what)
    {
        if (System.nanoTime() - deadlineNs > 0)
        {
            fail("timed out waiting for " + what);
        }
    }

    private long systemCounter(final SystemCounterDescriptor descriptor)
    {
        return driver.driver().context().systemCounters().get(descriptor).get();
    }
}
