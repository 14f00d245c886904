package dev.aeronrpc.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

class AllocationMeterTest
{
    private static volatile Object sink;

    @Test
    void shouldSeeWhatThisThreadAllocates()
    {
        final AllocationMeter meter = new AllocationMeter();
        assertTrue(meter.isSupported());

        meter.start();
        for (int i = 0; i < 1_000; i++)
        {
            sink = new byte[1_000];
        }
        final long allocated = meter.stop();

        assertTrue(allocated >= 1_000_000, "measured " + allocated);
    }

    @Test
    void shouldSeeWhatAnotherLiveThreadAllocates() throws InterruptedException
    {
        final AllocationMeter meter = new AllocationMeter();
        final CountDownLatch allocated = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Thread other = new Thread(() ->
        {
            for (int i = 0; i < 1_000; i++)
            {
                sink = new byte[1_000];
            }
            allocated.countDown();
            try
            {
                release.await();
            }
            catch (final InterruptedException ignore)
            {
                Thread.currentThread().interrupt();
            }
        });
        meter.start();
        other.start();
        assertTrue(allocated.await(10, TimeUnit.SECONDS));
        final long bytes = meter.stop();
        release.countDown();
        other.join();

        assertTrue(bytes >= 1_000_000, "measured " + bytes);
    }

    @Test
    void shouldReadNothingWhenNothingIsAllocated()
    {
        final AllocationMeter meter = new AllocationMeter();
        meter.start();
        final long allocated = meter.stop();
        assertTrue(allocated < 1_000, "measured " + allocated);
    }
}
