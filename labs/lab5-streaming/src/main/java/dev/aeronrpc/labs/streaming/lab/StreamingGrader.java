package dev.aeronrpc.labs.streaming.lab;

import dev.aeronrpc.labs.grading.Await;
import dev.aeronrpc.labs.grading.CheckFailure;
import dev.aeronrpc.labs.grading.Checks;
import dev.aeronrpc.labs.grading.Grader;
import dev.aeronrpc.labs.grading.LabDriver;
import org.agrona.CloseHelper;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static dev.aeronrpc.labs.grading.CheckFailure.require;

/**
 * Lab 5's grader. It drives the submission's producer and consumer from one thread, step by step, over a real
 * {@link Link} on an embedded driver (IPC): a fast producer (several duty cycles per read) and a slow reader (one
 * read per step). Every measure is a count (items sent, credit granted, items read, items held), never a time.
 */
public final class StreamingGrader extends Grader<StreamingLab>
{
    static final int WINDOW = 32;
    static final int FINITE_ITEMS = 1_000;
    static final int SLOW_READS = 3_000;
    static final int PRODUCER_CYCLES_PER_READ = 4;
    static final long RUN_LIMIT_NS = TimeUnit.SECONDS.toNanos(15);

    private int nextStreamOffset;

    public StreamingGrader()
    {
        super("lab5-streaming", StreamingLab.class);
    }

    @Override
    public String mainSubmission()
    {
        return "dev.aeronrpc.labs.streaming.MyLab";
    }

    @Override
    public String referenceSolution()
    {
        return "dev.aeronrpc.labs.streaming.solution.ReferenceLab";
    }

    @Override
    protected void grade(final StreamingLab lab, final Checks checks)
    {
        try (LabDriver driver = LabDriver.launch())
        {
            checks.check("finite-stream", "a finite stream of 1000 items arrives whole, in order, then ends",
                "send items in sequence from 0; after the last one send the end; the consumer is ended when the " +
                "end arrived and everything before it was read", () -> finite(lab, driver));

            final SlowReaderRun slow = new SlowReaderRun();
            final Exception failure = slow.run(lab, driver);
            checks.check("producer-respects-credit", "with a slow reader, the producer never sends beyond the " +
                "credit granted", "keep a credit count: add each CREDIT frame, take one per item sent, send none " +
                "at zero", () -> slow.checkCredit(failure));
            checks.check("bounded-memory", "items sent and not yet read never exceed the window of 32",
                "the consumer grants the window once, then only as many items as the reader has taken out",
                () -> slow.checkBounded(failure));
            checks.check("no-stall", "a slow reader still gets 3000 items of an infinite stream",
                "credit must be granted again as items are read (every half window, say), or the stream stops " +
                "after the first window", () -> slow.checkProgress(failure));

            checks.check("cancel", "after cancel the producer stops within a window and closes its source",
                "the consumer sends CANCEL; the producer reads it on its next duty cycle, closes the source and " +
                "is done", () -> cancel(lab, driver));
        }
    }

    private String finite(final StreamingLab lab, final LabDriver driver)
    {
        final CountingSource source = new CountingSource(FINITE_ITEMS);
        try (Ends ends = new Ends(lab, driver, source, WINDOW))
        {
            long expected = 0;
            final long deadlineNs = System.nanoTime() + RUN_LIMIT_NS;
            while (!(ends.consumer.isEnded() && ends.producer.isDone()))
            {
                int work = ends.producer.doWork();
                for (Consumer.Item item; null != (item = ends.consumer.read()); work++)
                {
                    ends.requireItem(item, expected++);
                }
                require(System.nanoTime() - deadlineNs < 0, "stalled after %d of %d items (credit granted %d, " +
                    "items sent %d, ended %s, producer done %s)", expected, FINITE_ITEMS, ends.link.creditGranted(),
                    ends.link.itemsSent(), ends.consumer.isEnded(), ends.producer.isDone());
                idle(work);
            }
            require(expected == FINITE_ITEMS, "the stream ended after %d items; it has %d", expected, FINITE_ITEMS);
            require(ends.link.endsSent() == 1, "the producer sent %d ends; expected 1", ends.link.endsSent());
            return FINITE_ITEMS + " items in order, then the end";
        }
    }

    private String cancel(final StreamingLab lab, final LabDriver driver)
    {
        final CountingSource source = new CountingSource(Long.MAX_VALUE);
        try (Ends ends = new Ends(lab, driver, source, WINDOW))
        {
            final long reads = ends.read(100, PRODUCER_CYCLES_PER_READ);
            require(reads == 100, "the reader got %d items before the cancel, not 100 (see no-stall)", reads);
            ends.consumer.cancel();
            require(ends.link.cancelsSent() >= 1, "cancel() sent no CANCEL frame");
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!ends.producer.isDone())
            {
                require(System.nanoTime() - deadlineNs < 0, "the producer is not done 5 s after the cancel; it has " +
                    "sent %d items", ends.link.itemsSent());
                idle(ends.producer.doWork());
            }
            final long sentAtDone = ends.link.itemsSent();
            for (int i = 0; i < 1_000; i++)
            {
                ends.producer.doWork();
            }
            require(ends.link.itemsSent() == sentAtDone, "the producer sent %d more items after it was done",
                ends.link.itemsSent() - sentAtDone);
            require(sentAtDone <= reads + WINDOW, "the producer sent %d items for %d read and a window of %d",
                sentAtDone, reads, WINDOW);
            require(source.closed, "the producer did not close its source after the cancel");
            return "stopped at " + sentAtDone + " items sent for " + reads + " read; source closed";
        }
    }

    private static void idle(final int work)
    {
        if (0 == work)
        {
            LockSupport.parkNanos(20_000);
        }
    }

    /** The infinite stream to a slow reader, measured at every step. */
    private final class SlowReaderRun
    {
        long reads;
        long maxOutstanding;
        int maxBuffered;
        long creditViolationSent = -1;
        long creditViolationGranted;
        String stoppedBecause;

        Exception run(final StreamingLab lab, final LabDriver driver)
        {
            final CountingSource source = new CountingSource(Long.MAX_VALUE);
            try (Ends ends = new Ends(lab, driver, source, WINDOW))
            {
                long expected = 0;
                long idleSteps = 0;
                final long deadlineNs = System.nanoTime() + RUN_LIMIT_NS;
                while (reads < SLOW_READS)
                {
                    int work = 0;
                    for (int i = 0; i < PRODUCER_CYCLES_PER_READ; i++)
                    {
                        work += ends.producer.doWork();
                        measure(ends);
                    }
                    final Consumer.Item item = ends.consumer.read();
                    if (null != item)
                    {
                        ends.requireItem(item, expected++);
                        reads++;
                        work++;
                        idleSteps = 0;
                    }
                    measure(ends);
                    if (maxOutstanding > 50L * WINDOW)
                    {
                        stoppedBecause = "stopped after " + reads + " reads: " + maxOutstanding +
                            " items sent and not read, and growing";
                        return null;
                    }
                    if (System.nanoTime() - deadlineNs > 0 || ++idleSteps > 200_000)
                    {
                        stoppedBecause = "stalled after " + reads + " reads (credit granted " +
                            ends.link.creditGranted() + ", items sent " + ends.link.itemsSent() + ")";
                        return null;
                    }
                    idle(work);
                }
                return null;
            }
            catch (final Exception ex)
            {
                return ex;
            }
        }

        private void measure(final Ends ends)
        {
            final long sent = ends.link.itemsSent();
            final long granted = ends.link.creditGranted();
            if (sent > granted && creditViolationSent < 0)
            {
                creditViolationSent = sent;
                creditViolationGranted = granted;
            }
            maxOutstanding = Math.max(maxOutstanding, sent - reads);
            maxBuffered = Math.max(maxBuffered, ends.consumer.buffered());
        }

        String checkCredit(final Exception failure)
        {
            requireRan(failure);
            require(creditViolationSent < 0, "the producer had sent %d items when only %d had been granted",
                creditViolationSent, creditViolationGranted);
            return "never beyond the credit granted";
        }

        String checkBounded(final Exception failure)
        {
            requireRan(failure);
            require(maxOutstanding <= WINDOW, "up to %d items were sent and not read%s", maxOutstanding,
                null == stoppedBecause ? "" : " (" + stoppedBecause + ")");
            require(maxBuffered <= WINDOW, "the consumer held up to %d items", maxBuffered);
            require(maxOutstanding >= WINDOW / 2, "at most %d items were ever in flight: a fast producer should " +
                "use the window it is given", maxOutstanding);
            return "at most " + maxOutstanding + " items sent and not read, " + maxBuffered + " held";
        }

        String checkProgress(final Exception failure)
        {
            requireRan(failure);
            require(null == stoppedBecause, "%s", stoppedBecause);
            return reads + " items read at one per " + PRODUCER_CYCLES_PER_READ + " producer duty cycles";
        }

        private void requireRan(final Exception failure)
        {
            if (null != failure)
            {
                throw new CheckFailure("the stream failed: " + Checks.describe(failure));
            }
        }
    }

    /** A link and the submission's two ends on it. */
    private final class Ends implements AutoCloseable
    {
        final Link link;
        final Producer producer;
        final Consumer consumer;
        final CountingSource source;

        Ends(final StreamingLab lab, final LabDriver driver, final CountingSource source, final int window)
        {
            this.source = source;
            link = new Link(driver.aeron(), "aeron:ipc", 10 * nextStreamOffset++);
            Await.until(link::isConnected, 5_000, "the link's publications to connect");
            producer = lab.producer(link, source);
            consumer = lab.consumer(link, window);
            consumer.start();
        }

        long read(final long count, final int cyclesPerRead)
        {
            long expected = 0;
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (expected < count && System.nanoTime() - deadlineNs < 0)
            {
                int work = 0;
                for (int i = 0; i < cyclesPerRead; i++)
                {
                    work += producer.doWork();
                }
                final Consumer.Item item = consumer.read();
                if (null != item)
                {
                    requireItem(item, expected++);
                    work++;
                }
                idle(work);
            }
            return expected;
        }

        void requireItem(final Consumer.Item item, final long expectedSequence)
        {
            require(item.sequence() == expectedSequence, "read item %d where item %d was due", item.sequence(),
                expectedSequence);
            require(item.value() == CountingSource.value(expectedSequence), "item %d has value %d, not %d",
                item.sequence(), item.value(), CountingSource.value(expectedSequence));
        }

        @Override
        public void close()
        {
            CloseHelper.close(link);
        }
    }

    /** Items 0 to count - 1 of a made-up sequence; counts how far it was asked, and whether it was closed. */
    static final class CountingSource implements ItemSource
    {
        private final long count;
        volatile boolean closed;

        CountingSource(final long count)
        {
            this.count = count;
        }

        static long value(final long sequence)
        {
            return sequence * 31 + 7;
        }

        @Override
        public boolean has(final long sequence)
        {
            return sequence >= 0 && sequence < count;
        }

        @Override
        public long valueAt(final long sequence)
        {
            return value(sequence);
        }

        @Override
        public void close()
        {
            closed = true;
        }
    }
}
