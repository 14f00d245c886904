package dev.aeronrpc.core;

/**
 * The outcome of a call, numbered as gRPC numbers its status codes so that the meanings carry over.
 * <p>
 * Every call ends with exactly one status: {@link #OK} with a response, or another code with a message.
 */
public enum Status
{
    /** The call succeeded. */
    OK(0),
    /** The caller cancelled the call. */
    CANCELLED(1),
    /** An error with no better code, such as an exception thrown by a handler. */
    UNKNOWN(2),
    /** The request was not acceptable, whatever the server's state: a malformed frame or payload. */
    INVALID_ARGUMENT(3),
    /** The deadline passed before an answer came; the server may or may not have run the call. */
    DEADLINE_EXCEEDED(4),
    /** Something the request named does not exist. */
    NOT_FOUND(5),
    /** Something the request wanted to create exists already. */
    ALREADY_EXISTS(6),
    /** The caller may not do this. */
    PERMISSION_DENIED(7),
    /** A limit was reached: a message too large, too many calls in flight, a full queue. */
    RESOURCE_EXHAUSTED(8),
    /** The system is not in a state that allows the call, such as a balance too low to withdraw from. */
    FAILED_PRECONDITION(9),
    /** The call was aborted, typically by a concurrency conflict. */
    ABORTED(10),
    /** A value was outside its valid range. */
    OUT_OF_RANGE(11),
    /** The service or method is not implemented by this server. */
    UNIMPLEMENTED(12),
    /** The framework broke an invariant of its own. */
    INTERNAL(13),
    /** The peer could not be reached or went away; the call may or may not have run. */
    UNAVAILABLE(14),
    /** Data was lost or corrupted. */
    DATA_LOSS(15),
    /** The caller did not authenticate. */
    UNAUTHENTICATED(16);

    private static final Status[] BY_CODE = values();

    private final int code;

    Status(final int code)
    {
        this.code = code;
    }

    /**
     * The number that travels on the wire.
     *
     * @return the gRPC-compatible code.
     */
    public int code()
    {
        return code;
    }

    /**
     * The status for a code read from the wire.
     *
     * @param code a status code.
     * @return the status, or {@link #UNKNOWN} for a code this version does not know.
     */
    public static Status fromCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : UNKNOWN;
    }
}
