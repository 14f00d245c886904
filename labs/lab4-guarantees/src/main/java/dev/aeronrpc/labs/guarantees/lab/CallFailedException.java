package dev.aeronrpc.labs.guarantees.lab;

/**
 * A call that ended without an answer. Its outcome is unknown: the request may or may not have been applied.
 */
public final class CallFailedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message why the caller gave up, such as "deadline passed" or "retry budget spent".
     */
    public CallFailedException(final String message)
    {
        super(message);
    }
}
