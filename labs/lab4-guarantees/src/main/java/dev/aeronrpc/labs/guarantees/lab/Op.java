package dev.aeronrpc.labs.guarantees.lab;

/**
 * What a request asks of the key/value server. Numbered as they travel on the wire.
 */
public enum Op
{
    /** Sets the key to the value; answers with the value. Running it twice in a row is harmless. */
    PUT,
    /** Answers with the key's value (0 when never set). Running it twice changes nothing. */
    GET,
    /** Adds the value to the key; answers with the new value. Running it twice adds twice. */
    ADD;

    private static final Op[] VALUES = values();

    /**
     * @param code from the wire.
     * @return the op, or null for an unknown code.
     */
    public static Op of(final int code)
    {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }
}
