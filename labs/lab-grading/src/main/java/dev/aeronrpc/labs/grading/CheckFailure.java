package dev.aeronrpc.labs.grading;

/**
 * Thrown by a check that found the submission wrong: the message says what was expected and what was seen, in
 * words a student can act on.
 */
public final class CheckFailure extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was expected and what was seen.
     */
    public CheckFailure(final String message)
    {
        super(message);
    }

    /**
     * Fails the current check unless the condition holds.
     *
     * @param condition that must hold.
     * @param format    of the message, as {@link String#format(String, Object...)}.
     * @param args      of the message.
     * @throws CheckFailure if the condition does not hold.
     */
    public static void require(final boolean condition, final String format, final Object... args)
    {
        if (!condition)
        {
            throw new CheckFailure(String.format(format, args));
        }
    }
}
