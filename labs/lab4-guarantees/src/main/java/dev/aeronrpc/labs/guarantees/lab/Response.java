package dev.aeronrpc.labs.guarantees.lab;

/**
 * The server's answer to a request.
 *
 * @param clientId  of the request.
 * @param requestId of the request.
 * @param value     the op's result: the value put, read, or after the add.
 */
public record Response(long clientId, long requestId, long value)
{
}
