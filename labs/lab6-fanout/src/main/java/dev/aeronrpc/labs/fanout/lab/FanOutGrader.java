package dev.aeronrpc.labs.fanout.lab;

import dev.aeronrpc.labs.grading.Await;
import dev.aeronrpc.labs.grading.CheckFailure;
import dev.aeronrpc.labs.grading.Checks;
import dev.aeronrpc.labs.grading.FreePorts;
import dev.aeronrpc.labs.grading.Grader;
import dev.aeronrpc.labs.grading.LabDriver;
import io.aeron.Aeron;
import io.aeron.driver.status.PublisherPos;
import io.aeron.driver.status.StreamCounter;
import io.aeron.driver.status.SystemCounterDescriptor;
import org.agrona.BitUtil;
import org.agrona.CloseHelper;
import org.agrona.concurrent.status.CountersReader;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static dev.aeronrpc.labs.grading.CheckFailure.require;

/**
 * Lab 6's grader. It drives one publisher and several subscribers of the submission's from one thread, step by
 * step, on real media drivers: over IPC (one log buffer in shared memory, many readers) and over UDP
 * multi-destination-cast on loopback. The cost of an item is measured in work the driver did, read from its
 * counters: bytes written to log buffers, bytes sent on the network. Nothing is timed.
 */
public final class FanOutGrader extends Grader<FanOutLab>
{
    static final int ITEMS = 2_000;
    static final int MDC_ITEMS = 500;
    static final int IPC_TERM_LENGTH = 64 * 1024;
    /** An item's frame in the log: the 32-byte data header and 16 bytes of item, aligned to 32. */
    static final int FRAME_LENGTH = BitUtil.align(32 + Publisher.ITEM_LENGTH, 32);

    private int nextStreamId = 6001;

    public FanOutGrader()
    {
        super("lab6-fanout", FanOutLab.class);
    }

    @Override
    public String mainSubmission()
    {
        return "dev.aeronrpc.labs.fanout.MyLab";
    }

    @Override
    public String referenceSolution()
    {
        return "dev.aeronrpc.labs.fanout.solution.ReferenceLab";
    }

    static long value(final long sequence)
    {
        return sequence * 7 + 3;
    }

    @Override
    protected void grade(final FanOutLab lab, final Checks checks)
    {
        try (LabDriver driver = LabDriver.launch(ctx -> ctx.ipcTermBufferLength(IPC_TERM_LENGTH)))
        {
            final IpcRun run = new IpcRun();
            final Exception failure = run.run(lab, driver);
            checks.check("ipc-fan-out", "over IPC, 2 subscribers there from start to end get all 2000 items, " +
                "in order", "one publication on the IPC channel; every subscription with the same channel and " +
                "stream id reads the same log", () -> run.checkFanOut(failure));
            checks.check("ipc-one-copy", "one publication, one copy of each item in its log, however many readers",
                "publish each item once, to one publication: subscribers read the same bytes",
                () -> run.checkOneCopy(failure, driver));
            checks.check("join-late", "a subscriber joining at item 500 gets every item from where it joined, " +
                "in order", "a new subscription's image starts at the publication's position when it joins; " +
                "count from the first item you see", () -> run.checkJoin(failure));
            checks.check("leave", "a subscriber leaving at item 1500 holds nobody back",
                "closing a subscription is all it takes: the publication stops waiting for it",
                () -> run.checkLeave(failure));

            checks.check("slow-subscriber", "over IPC, a slow subscriber slows the publisher: back pressure, " +
                "and nobody loses an item", "offer can return BACK_PRESSURED: then the item was not published; " +
                "report it, and publish it again later", () -> slowSubscriber(lab, driver));
        }

        try (LabDriver driver = LabDriver.launch())
        {
            final MdcRun mdc = new MdcRun();
            final Exception failure = mdc.run(lab, driver);
            checks.check("mdc-fan-out", "over UDP multi-destination-cast, 3 subscribers get all 500 items, in order",
                "the publication names a control endpoint with dynamic control mode; each subscription names its " +
                "own endpoint and the publication's control endpoint", () -> mdc.checkFanOut(failure));
            checks.check("mdc-per-item-cost", "one offer per item, one copy in the log; the driver sends a copy to each destination",
                "MDC copies in the driver, not in your code: one publication, one offer per item",
                () -> mdc.checkCost(failure, driver));
        }
    }

    private String slowSubscriber(final FanOutLab lab, final LabDriver driver)
    {
        final int streamId = nextStreamId++;
        final Publisher publisher = lab.publisher(driver.aeron(), lab.ipcChannel(), streamId);
        final Subscriber fast = lab.subscriber(driver.aeron(), lab.ipcChannel(), streamId);
        final Subscriber slow = lab.subscriber(driver.aeron(), lab.ipcChannel(), streamId);
        try
        {
            Await.until(() -> publisher.isConnected() && fast.isConnected() && slow.isConnected(), 5_000,
                "the publisher and subscribers to connect");
            long refused = 0;
            long maxLead = 0;
            long step = 0;
            for (long seq = 0; seq < ITEMS; step++)
            {
                if (publisher.publish(seq, value(seq)))
                {
                    seq++;
                }
                else
                {
                    refused++;
                }
                fast.poll(10);
                if (step % 4 == 0)
                {
                    slow.poll(1);
                }
                maxLead = Math.max(maxLead, fast.received() - slow.received());
                require(step < 50L * ITEMS, "the publisher made no progress: %d items published in %d steps", seq,
                    step);
            }
            drain(List.of(fast, slow), ITEMS - 1);
            final long windowItems = IPC_TERM_LENGTH / 2 / FRAME_LENGTH;
            require(fast.received() == ITEMS && slow.received() == ITEMS && fast.anomalies() == 0 &&
                slow.anomalies() == 0, "the fast subscriber got %d items (%d anomalies), the slow one %d (%d): " +
                "items were lost", fast.received(), fast.anomalies(), slow.received(), slow.anomalies());
            require(refused > 0, "the publisher never saw back pressure: the grader's fault, not yours");
            require(maxLead <= windowItems + 64, "the fast subscriber got %d items ahead of the slow one; the " +
                "publication's window is %d items", maxLead, windowItems);
            return refused + " offers refused by back pressure; the fast reader at most " + maxLead +
                " items ahead (window " + windowItems + "); nothing lost";
        }
        finally
        {
            CloseHelper.closeAll(fast, slow, publisher);
        }
    }

    static void drain(final List<Subscriber> subscribers, final long lastSequence)
    {
        final long deadlineNs = System.nanoTime() + 5_000_000_000L;
        int idlePolls = 0;
        // Ends when every subscriber has the last item, or when nothing has arrived for a good while: a subscriber
        // that lost items, or miscounts them, would otherwise be waited for to the deadline.
        while (System.nanoTime() - deadlineNs < 0 && idlePolls < 2_000)
        {
            boolean done = true;
            int work = 0;
            for (final Subscriber subscriber : subscribers)
            {
                work += subscriber.poll(100);
                done &= subscriber.lastSequence() >= lastSequence;
            }
            if (done)
            {
                return;
            }
            if (0 == work)
            {
                idlePolls++;
                LockSupport.parkNanos(50_000);
            }
            else
            {
                idlePolls = 0;
            }
        }
    }

    /** Sum of the publisher positions (bytes written) of every publication of a stream id in the driver. */
    static long publishedBytes(final Aeron aeron, final int streamId, final int[] publications)
    {
        final CountersReader counters = aeron.countersReader();
        final long[] sum = new long[1];
        counters.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (typeId == PublisherPos.PUBLISHER_POS_TYPE_ID &&
                keyBuffer.getInt(StreamCounter.STREAM_ID_OFFSET) == streamId)
            {
                sum[0] += counters.getCounterValue(counterId);
                publications[0]++;
            }
        });
        return sum[0];
    }

    /** Fan-out, a late joiner and a leaver, over IPC. */
    private final class IpcRun
    {
        int streamId;
        Subscriber first;
        Subscriber second;
        Subscriber joiner;
        Subscriber leaver;
        long leaverLastAtClose;
        long publishedBytes;
        int publications;

        Exception run(final FanOutLab lab, final LabDriver driver)
        {
            streamId = nextStreamId++;
            final Aeron aeron = driver.aeron();
            final List<AutoCloseable> open = new ArrayList<>();
            try
            {
                final String channel = lab.ipcChannel();
                final Publisher publisher = lab.publisher(aeron, channel, streamId);
                open.add(publisher);
                first = lab.subscriber(aeron, channel, streamId);
                second = lab.subscriber(aeron, channel, streamId);
                leaver = lab.subscriber(aeron, channel, streamId);
                open.add(first);
                open.add(second);
                Await.until(() -> publisher.isConnected() && first.isConnected() && second.isConnected() &&
                    leaver.isConnected(), 5_000, "the publisher and subscribers to connect");
                final List<Subscriber> reading = new ArrayList<>(List.of(first, second, leaver));
                long step = 0;
                for (long seq = 0; seq < ITEMS; step++)
                {
                    if (seq == ITEMS / 4 && null == joiner)
                    {
                        joiner = lab.subscriber(aeron, channel, streamId);
                        open.add(joiner);
                        Await.until(joiner::isConnected, 5_000, "the late subscriber to connect");
                        reading.add(joiner);
                    }
                    if (seq == ITEMS * 3 / 4 && reading.contains(leaver))
                    {
                        drain(List.of(leaver), seq - 1);
                        leaverLastAtClose = leaver.lastSequence();
                        leaver.close();
                        reading.remove(leaver);
                    }
                    if (publisher.publish(seq, value(seq)))
                    {
                        seq++;
                    }
                    for (final Subscriber subscriber : reading)
                    {
                        subscriber.poll(10);
                    }
                    require(step < 50L * ITEMS, "the publisher made no progress: %d items published in %d steps",
                        seq, step);
                }
                drain(reading, ITEMS - 1);
                final int[] count = new int[1];
                publishedBytes = publishedBytes(aeron, streamId, count);
                publications = count[0];
                return null;
            }
            catch (final Exception ex)
            {
                return ex;
            }
            finally
            {
                CloseHelper.closeAll(open);
            }
        }

        String checkFanOut(final Exception failure)
        {
            requireRan(failure);
            for (final Subscriber s : List.of(first, second))
            {
                require(s.received() == ITEMS && s.firstSequence() == 0 && s.lastSequence() == ITEMS - 1 &&
                    s.anomalies() == 0, "a subscriber received %d items, %d to %d, with %d anomalies; expected " +
                    "%d, 0 to %d, none", s.received(), s.firstSequence(), s.lastSequence(), s.anomalies(), ITEMS,
                    ITEMS - 1);
            }
            return "both got 0 to " + (ITEMS - 1);
        }

        String checkOneCopy(final Exception failure, final LabDriver driver)
        {
            requireRan(failure);
            require(publications == 1, "the stream had %d publications; one carries it to every subscriber",
                publications);
            require(publishedBytes == (long)ITEMS * FRAME_LENGTH, "the publication wrote %d bytes for %d items of " +
                "%d bytes each: %.2f copies per item", publishedBytes, ITEMS, FRAME_LENGTH,
                publishedBytes / (double)ITEMS / FRAME_LENGTH);
            return "1 publication, " + publishedBytes + " bytes written for " + ITEMS + " items to 4 readers: " +
                "1 copy per item";
        }

        String checkJoin(final Exception failure)
        {
            requireRan(failure);
            require(null != joiner, "the late subscriber was never added");
            final long expected = ITEMS - joiner.firstSequence();
            require(joiner.firstSequence() > 0, "the late subscriber's first item was %d: it joined at item %d",
                joiner.firstSequence(), ITEMS / 4);
            require(joiner.received() == expected && joiner.anomalies() == 0 && joiner.lastSequence() == ITEMS - 1,
                "the late subscriber got %d items, %d to %d, with %d anomalies; from item %d on it should have " +
                "got every one", joiner.received(), joiner.firstSequence(), joiner.lastSequence(),
                joiner.anomalies(), joiner.firstSequence());
            return "joined at item " + joiner.firstSequence() + ", got every item after";
        }

        String checkLeave(final Exception failure)
        {
            requireRan(failure);
            require(leaverLastAtClose == ITEMS * 3 / 4 - 1 && leaver.anomalies() == 0, "the leaving subscriber " +
                "had got up to item %d (%d anomalies) when it left at item %d", leaverLastAtClose,
                leaver.anomalies(), ITEMS * 3 / 4);
            return "left at item " + (ITEMS * 3 / 4) + "; the others went on to " + (ITEMS - 1);
        }
    }

    /** Fan-out over UDP with multi-destination-cast. */
    private final class MdcRun
    {
        final List<Subscriber> subscribers = new ArrayList<>();
        long bytesReceived;
        long publishedBytes;
        int publications;

        Exception run(final FanOutLab lab, final LabDriver driver)
        {
            final int streamId = nextStreamId++;
            final Aeron aeron = driver.aeron();
            final int controlPort = FreePorts.udp();
            final List<AutoCloseable> open = new ArrayList<>();
            try
            {
                final Publisher publisher = lab.publisher(aeron, lab.mdcPublicationChannel(controlPort), streamId);
                open.add(publisher);
                for (int i = 0; i < 3; i++)
                {
                    final Subscriber subscriber = lab.subscriber(
                        aeron, lab.mdcSubscriptionChannel(controlPort, FreePorts.udp()), streamId);
                    open.add(subscriber);
                    subscribers.add(subscriber);
                }
                Await.until(() -> publisher.isConnected() && subscribers.stream().allMatch(Subscriber::isConnected),
                    5_000, "the MDC publication and its 3 subscribers to connect");
                final long bytesBefore = aeron.countersReader().getCounterValue(SystemCounterDescriptor.BYTES_RECEIVED.id());
                long step = 0;
                for (long seq = 0; seq < MDC_ITEMS; step++)
                {
                    if (publisher.publish(seq, value(seq)))
                    {
                        seq++;
                    }
                    int work = 0;
                    for (final Subscriber subscriber : subscribers)
                    {
                        work += subscriber.poll(10);
                    }
                    if (0 == work && step % 16 == 0)
                    {
                        LockSupport.parkNanos(20_000);
                    }
                    require(step < 2_000L * MDC_ITEMS, "the publisher made no progress: %d items published", seq);
                }
                drain(subscribers, MDC_ITEMS - 1);
                bytesReceived = aeron.countersReader().getCounterValue(SystemCounterDescriptor.BYTES_RECEIVED.id()) -
                    bytesBefore;
                final int[] count = new int[1];
                publishedBytes = publishedBytes(aeron, streamId, count);
                publications = count[0];
                return null;
            }
            catch (final Exception ex)
            {
                return ex;
            }
            finally
            {
                CloseHelper.closeAll(open);
            }
        }

        String checkFanOut(final Exception failure)
        {
            requireRan(failure);
            for (final Subscriber s : subscribers)
            {
                require(s.received() == MDC_ITEMS && s.firstSequence() == 0 && s.lastSequence() == MDC_ITEMS - 1 &&
                    s.anomalies() == 0, "a subscriber received %d items, %d to %d, with %d anomalies; expected %d",
                    s.received(), s.firstSequence(), s.lastSequence(), s.anomalies(), MDC_ITEMS);
            }
            return "3 subscribers on 3 UDP ports got 0 to " + (MDC_ITEMS - 1);
        }

        String checkCost(final Exception failure, final LabDriver driver)
        {
            requireRan(failure);
            require(publications == 1, "the stream had %d publications; MDC needs one", publications);
            final long payload = (long)MDC_ITEMS * FRAME_LENGTH;
            require(publishedBytes == payload, "the publication wrote %d bytes for %d items: %.2f copies per item " +
                "in the log", publishedBytes, MDC_ITEMS, publishedBytes / (double)payload);
            // One driver plays both parts here, so what its sender sent to the three destinations is what its
            // receiver took in: the system counter of bytes received counts every datagram copy.
            require(bytesReceived >= 3 * payload, "the subscribers' driver received %d bytes for %d bytes of items: " +
                "fewer than one copy per subscriber", bytesReceived, payload);
            return "1 copy per item in the log (" + publishedBytes + " bytes); " + bytesReceived + " bytes " +
                "received over UDP, " + String.format("%.1f", bytesReceived / (double)payload) + " copies: one per " +
                "destination, sent by the driver (and a little control traffic)";
        }
    }

    static void requireRan(final Exception failure)
    {
        if (null != failure)
        {
            throw new CheckFailure("the run failed: " + Checks.describe(failure));
        }
    }
}
