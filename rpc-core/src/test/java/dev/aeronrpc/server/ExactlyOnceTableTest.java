package dev.aeronrpc.server;

import dev.aeronrpc.core.Status;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ExactlyOnceTableTest
{
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[]{ 1, 2, 3, 4 });

    @Test
    void shouldRunANewRequestAndAnswerItsDuplicatesFromMemory()
    {
        final ExactlyOnceTable table = new ExactlyOnceTable(10, 1_000);
        assertEquals(ExactlyOnceTable.NEW, table.begin(7, 100));
        final ExactlyOnceTable.Entry entry = table.current();
        assertEquals(ExactlyOnceTable.RUNNING, table.begin(7, 100));

        table.complete(entry, Status.OK, null, payload, 1, 2, 0);

        assertEquals(ExactlyOnceTable.DONE, table.begin(7, 100));
        assertArrayEquals(new byte[]{ 2, 3 }, table.current().payload);
        assertEquals(ExactlyOnceTable.NEW, table.begin(8, 100), "another client's request 100");
    }

    @Test
    void shouldRememberAnErrorAsAnOutcome()
    {
        final ExactlyOnceTable table = new ExactlyOnceTable(10, 1_000);
        table.begin(7, 1);
        table.complete(table.current(), Status.FAILED_PRECONDITION, "too low", null, 0, 0, 0);

        assertEquals(ExactlyOnceTable.DONE, table.begin(7, 1));
        assertEquals(Status.FAILED_PRECONDITION, table.current().status);
        assertEquals("too low", table.current().message);
        assertNull(table.current().payload);
    }

    @Test
    void shouldForgetTheOldestBeyondItsSizeAndRefuseThemAsTooOld()
    {
        final ExactlyOnceTable table = new ExactlyOnceTable(2, 1_000);
        for (long requestId = 1; requestId <= 3; requestId++)
        {
            table.begin(7, requestId);
            table.complete(table.current(), Status.OK, null, payload, 0, 1, 0);
        }

        assertEquals(2, table.size());
        assertEquals(1, table.lowWaterMark(7));
        assertEquals(ExactlyOnceTable.TOO_OLD, table.begin(7, 1));
        assertEquals(ExactlyOnceTable.DONE, table.begin(7, 2));
        assertEquals(ExactlyOnceTable.NEW, table.begin(7, 4));
    }

    @Test
    void shouldForgetOutcomesOlderThanTheExpiry()
    {
        final ExactlyOnceTable table = new ExactlyOnceTable(10, 1_000);
        table.begin(7, 1);
        table.complete(table.current(), Status.OK, null, payload, 0, 1, 0);
        table.begin(7, 2);
        table.complete(table.current(), Status.OK, null, payload, 0, 1, 900);

        assertEquals(1, table.evict(1_500));
        assertEquals(ExactlyOnceTable.TOO_OLD, table.begin(7, 1));
        assertEquals(ExactlyOnceTable.DONE, table.begin(7, 2));
    }

    @Test
    void shouldNeverForgetARunningRequest()
    {
        final ExactlyOnceTable table = new ExactlyOnceTable(1, 10);
        table.begin(7, 1);

        assertEquals(0, table.evict(1_000_000));
        assertEquals(ExactlyOnceTable.RUNNING, table.begin(7, 1));
    }

    @Test
    void shouldForgetARequestThatWasRefusedBeforeItRan()
    {
        final ExactlyOnceTable table = new ExactlyOnceTable(10, 1_000);
        table.begin(7, 1);
        table.abandon(table.current());

        assertEquals(ExactlyOnceTable.NEW, table.begin(7, 1), "the next attempt runs");
    }
}
