package dev.aeronrpc.core;

/**
 * A call that ended with a status other than {@link Status#OK}.
 * <p>
 * Clients receive it from blocking calls. Server handlers throw it to answer with a chosen status; any other
 * exception a handler throws reaches the client as {@link Status#UNKNOWN} with the exception's message.
 */
public class RpcException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final Status status;

    /**
     * An exception carrying a status and a message for the other side.
     *
     * @param status  the status of the call, not {@link Status#OK}.
     * @param message what went wrong, in words a caller can act on.
     */
    public RpcException(final Status status, final String message)
    {
        super(status + ": " + message);
        this.status = status;
    }

    /**
     * An exception carrying a status, a message and what caused it.
     *
     * @param status  the status of the call, not {@link Status#OK}.
     * @param message what went wrong.
     * @param cause   the exception behind it.
     */
    public RpcException(final Status status, final String message, final Throwable cause)
    {
        super(status + ": " + message, cause);
        this.status = status;
    }

    /**
     * The status the call ended with.
     *
     * @return the status.
     */
    public Status status()
    {
        return status;
    }

    /**
     * The message without the status prefix.
     *
     * @return the description given with the status.
     */
    public String description()
    {
        final String message = getMessage();
        return message.substring(status.name().length() + 2);
    }
}
