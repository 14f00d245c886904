package dev.aeronrpc.core;

import dev.aeronrpc.test.TestRig;
import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each result of an offer, produced for real on an embedded driver, and what the sender makes of it.
 */
@Timeout(30)
class FrameSenderTest
{
    private static final int STREAM_ID = 77;

    private final TestRig rig = new TestRig();
    private final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(rig.driver().aeronDirectoryName()));
    private final FrameSender sender = new FrameSender(TestRig.idleStrategy(), TimeUnit.MILLISECONDS.toNanos(50));
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[1024]);

    @AfterEach
    void after()
    {
        CloseHelper.close(aeron);
        rig.close();
    }

    @Test
    void shouldSendToAConnectedSubscriber()
    {
        try (Subscription subscription = aeron.addSubscription("aeron:ipc", STREAM_ID);
            Publication publication = aeron.addExclusivePublication("aeron:ipc", STREAM_ID))
        {
            TestRig.await(publication::isConnected, 5_000, "the publication to connect");
            assertEquals(Status.OK, sender.send(publication, frame, 0, 64));
            TestRig.await(() -> subscription.poll((buffer, offset, length, header) -> {}, 1) > 0, 5_000, "the frame");
        }
    }

    @Test
    void shouldFailAtOnceWhenNobodyListens()
    {
        try (Publication publication = aeron.addExclusivePublication("aeron:ipc", STREAM_ID))
        {
            assertEquals(Status.UNAVAILABLE, sender.send(publication, frame, 0, 64));
            assertEquals("the peer is not connected", sender.lastFailure());
        }
    }

    @Test
    void shouldFailWhenThePublicationIsClosed()
    {
        final Publication publication = aeron.addExclusivePublication("aeron:ipc", STREAM_ID);
        publication.close();

        assertEquals(Status.UNAVAILABLE, sender.send(publication, frame, 0, 64));
        assertEquals("the publication is closed", sender.lastFailure());
    }

    @Test
    void shouldRefuseAFrameLongerThanThePublicationAllowsWithoutThrowing()
    {
        try (Subscription ignored = aeron.addSubscription("aeron:ipc", STREAM_ID);
            ExclusivePublication publication = aeron.addExclusivePublication("aeron:ipc?term-length=65536", STREAM_ID))
        {
            final int tooLong = publication.maxMessageLength() + 1;
            assertEquals(Status.RESOURCE_EXHAUSTED, sender.send(publication, new UnsafeBuffer(new byte[tooLong]), 0, tooLong));
            assertTrue(sender.lastFailure().contains("exceeds the publication's maximum"), sender.lastFailure());
        }
    }

    @Test
    void shouldGiveUpWithResourceExhaustedWhenTheSubscriberStaysBehind()
    {
        // A subscriber that never polls: once the publication is a term window ahead, offers are back-pressured.
        try (Subscription ignored = aeron.addSubscription("aeron:ipc", STREAM_ID);
            ExclusivePublication publication = aeron.addExclusivePublication("aeron:ipc?term-length=65536", STREAM_ID))
        {
            TestRig.await(publication::isConnected, 5_000, "the publication to connect");
            Status status;
            int sent = 0;
            while (Status.OK == (status = sender.send(publication, frame, 0, 1024)))
            {
                sent++;
            }

            assertEquals(Status.RESOURCE_EXHAUSTED, status);
            assertEquals("the peer stayed back-pressured past the retry timeout", sender.lastFailure());
            assertTrue(sent > 0, "frames sent before the window filled");
        }
    }
}
