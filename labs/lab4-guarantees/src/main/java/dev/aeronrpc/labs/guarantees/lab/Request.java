package dev.aeronrpc.labs.guarantees.lab;

/**
 * One request to the key/value server. The request id is the client's, unique per client and growing; together
 * with the client id it names the request, and every attempt at it carries the same pair.
 *
 * @param clientId  who asks.
 * @param requestId which of the client's requests this is.
 * @param op        what to do.
 * @param key       to do it to.
 * @param value     the operand of PUT and ADD (ignored by GET).
 */
public record Request(long clientId, long requestId, Op op, long key, long value)
{
}
