package dev.aeronrpc.client;

import dev.aeronrpc.core.Status;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingCallsTest
{
    private final List<String> outcomes = new ArrayList<>();

    private PendingCall call(final String name, final long deadlineNs)
    {
        return call(name, deadlineNs, false);
    }

    private PendingCall call(final String name, final long deadlineNs, final boolean retries)
    {
        return new PendingCall()
        {
            long deadlineNs()
            {
                return deadlineNs;
            }

            boolean survivesReconnection()
            {
                return retries;
            }

            void onTimer(final long nowNs)
            {
                if (retries)
                {
                    outcomes.add(name + " timer");
                }
            }

            void onResponse(final DirectBuffer buffer, final int offset, final int length)
            {
                outcomes.add(name + " answered");
            }

            void onError(final Status status, final String message)
            {
                outcomes.add(name + " " + status);
            }
        };
    }

    @Test
    void shouldFindACallWhosePlaceInTheRingIsTaken()
    {
        final PendingCalls calls = new PendingCalls(10);
        final PendingCall older = call("older", 100);
        final PendingCall newer = call("newer", 100);
        assertTrue(calls.add(5, older));
        // 1024 places in the ring: 5 + 1024 lands on the same one, so it goes to the overflow map.
        assertTrue(calls.add(5 + 1024, newer));

        assertSame(newer, calls.get(5 + 1024));
        assertSame(older, calls.remove(5));
        assertSame(newer, calls.remove(5 + 1024));
        assertEquals(0, calls.size());
    }

    @Test
    void shouldNeverHandAReusedCallToTheIdItWasPendingUnderBefore()
    {
        final PendingCalls calls = new PendingCalls(10);
        final PendingCall reused = call("reused", 100);
        assertTrue(calls.add(7, reused));
        assertSame(reused, calls.remove(7));
        // The same object, pending again under a later id that shares its place in the ring.
        assertTrue(calls.add(7 + 1024, reused));

        assertNull(calls.remove(7), "a late answer to the first id must not complete the second call");
        assertNull(calls.get(7));
        assertSame(reused, calls.remove(7 + 1024));
    }

    @Test
    void shouldCompleteEachCallOnceUnderConcurrentRemoval() throws Exception
    {
        final PendingCalls calls = new PendingCalls(4096);
        final int count = 20_000;
        final java.util.concurrent.atomic.AtomicInteger completions = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicLong added = new java.util.concurrent.atomic.AtomicLong(-1);
        final PendingCall[] objects = new PendingCall[count];
        for (int i = 0; i < count; i++)
        {
            objects[i] = call("c" + i, Long.MAX_VALUE);
        }
        final Runnable remover = () ->
        {
            long next = 1;
            while (next <= count)
            {
                if (added.get() >= next)
                {
                    if (null != calls.remove(next))
                    {
                        completions.incrementAndGet();
                    }
                    next++;
                }
                else
                {
                    Thread.onSpinWait();
                }
            }
        };
        final Thread first = new Thread(remover);
        final Thread second = new Thread(remover);
        first.start();
        second.start();
        for (int i = 1; i <= count; i++)
        {
            while (!calls.add(i, objects[i - 1]))
            {
                Thread.onSpinWait();
            }
            added.set(i);
        }
        first.join(10_000);
        second.join(10_000);
        assertEquals(count, completions.get());
        assertEquals(0, calls.size());
    }

    @Test
    void shouldHandACallToWhoeverRemovesItFirst()
    {
        final PendingCalls calls = new PendingCalls(10);
        final PendingCall call = call("a", 100);
        assertTrue(calls.add(1, call));

        assertSame(call, calls.remove(1));
        assertNull(calls.remove(1));
    }

    @Test
    void shouldRefuseCallsBeyondTheLimit()
    {
        final PendingCalls calls = new PendingCalls(2);
        assertTrue(calls.add(1, call("a", 0)));
        assertTrue(calls.add(2, call("b", 0)));
        assertFalse(calls.add(3, call("c", 0)));
        assertEquals(2, calls.size());
    }

    @Test
    void shouldExpireOnlyCallsPastTheirDeadline()
    {
        final PendingCalls calls = new PendingCalls(10);
        calls.add(1, call("early", 100));
        calls.add(2, call("late", 300));

        assertEquals(1, calls.onTimer(200));
        assertEquals(List.of("early DEADLINE_EXCEEDED"), outcomes);
        assertEquals(1, calls.size());
    }

    @Test
    void shouldRunTheTimerOfRetryingCallsStillPending()
    {
        final PendingCalls calls = new PendingCalls(10);
        calls.add(1, call("plain", 1000));
        calls.add(2, call("retrying", 1000, true));

        assertEquals(0, calls.onTimer(200));
        assertEquals(List.of("retrying timer"), outcomes);
        assertEquals(2, calls.size());
    }

    @Test
    void shouldFailOnlyTheCallsALostConnectionDooms()
    {
        final PendingCalls calls = new PendingCalls(10);
        calls.add(1, call("once", 1000));
        calls.add(2, call("retrying", 1000, true));

        calls.failDoomed(Status.UNAVAILABLE, "gone");

        assertEquals(List.of("once UNAVAILABLE"), outcomes);
        assertEquals(1, calls.size());
    }

    @Test
    void shouldFailEveryCallOnce()
    {
        final PendingCalls calls = new PendingCalls(10);
        calls.add(1, call("a", 100));
        calls.add(2, call("b", 100));

        calls.failAll(Status.UNAVAILABLE, "gone");
        calls.failAll(Status.UNAVAILABLE, "gone");

        assertEquals(2, outcomes.size());
        assertTrue(outcomes.containsAll(List.of("a UNAVAILABLE", "b UNAVAILABLE")));
        assertEquals(0, calls.size());
    }
}
