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
            public long deadlineNs()
            {
                return deadlineNs;
            }

            public boolean survivesReconnection()
            {
                return retries;
            }

            public boolean retriesOnTimer()
            {
                return retries;
            }

            public void onTimer(final long nowNs)
            {
                outcomes.add(name + " timer");
            }

            public void onResponse(final DirectBuffer buffer, final int offset, final int length)
            {
                outcomes.add(name + " answered");
            }

            public void onError(final Status status, final String message)
            {
                outcomes.add(name + " " + status);
            }
        };
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
