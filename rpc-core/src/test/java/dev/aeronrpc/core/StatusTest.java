package dev.aeronrpc.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatusTest
{
    @Test
    void shouldNumberCodesAsGrpcDoes()
    {
        assertEquals(0, Status.OK.code());
        assertEquals(1, Status.CANCELLED.code());
        assertEquals(4, Status.DEADLINE_EXCEEDED.code());
        assertEquals(8, Status.RESOURCE_EXHAUSTED.code());
        assertEquals(12, Status.UNIMPLEMENTED.code());
        assertEquals(14, Status.UNAVAILABLE.code());
        assertEquals(16, Status.UNAUTHENTICATED.code());
    }

    @Test
    void shouldRoundTripEveryCode()
    {
        for (final Status status : Status.values())
        {
            assertEquals(status, Status.fromCode(status.code()));
        }
    }

    @Test
    void shouldReadAnUnknownCodeAsUnknown()
    {
        assertEquals(Status.UNKNOWN, Status.fromCode(17));
        assertEquals(Status.UNKNOWN, Status.fromCode(-1));
    }

    @Test
    void shouldKeepTheDescriptionApartFromTheStatus()
    {
        final RpcException ex = new RpcException(Status.NOT_FOUND, "no account 7");
        assertEquals("NOT_FOUND: no account 7", ex.getMessage());
        assertEquals("no account 7", ex.description());
    }
}
