package dev.aeronrpc.server;

/**
 * Why the server refused a frame: each cause is counted on its own (Aeron counters {@code rpc server malformed
 * frames CAUSE}), so an operator sees what a misbehaving peer sends without a log line per frame.
 */
public enum FrameFault
{
    /** Shorter than a message header. */
    SHORT_FRAME,
    /** A message header of another schema than the protocol's. */
    FOREIGN_SCHEMA,
    /** A template the protocol does not have, or one a client never sends. */
    UNKNOWN_TEMPLATE,
    /** A block length shorter than the message's block in this server's protocol version. */
    SHORT_BLOCK,
    /** Shorter than the block its header announces. */
    TRUNCATED,
    /** A frame other than Connect from an image with no session (before Connect, or after its session ended). */
    NO_SESSION,
    /** A frame naming another session than its image's. */
    WRONG_SESSION,
    /** A frame that breaks the protocol: a request whose kind, credit or ids do not fit its method. */
    PROTOCOL,
    /** A Connect the server cannot grant as sent: another protocol version, a bad field. */
    BAD_CONNECT,
    /** A frame that passed the checks yet could not be read. */
    UNREADABLE;

    /**
     * A one-line description for the log.
     *
     * @param found    the value found (a length, an id), when the cause has one.
     * @param expected the value expected, when the cause has one.
     * @return the description.
     */
    String describe(final int found, final int expected)
    {
        switch (this)
        {
            case SHORT_FRAME: return "frame of " + found + " bytes is shorter than a message header";
            case FOREIGN_SCHEMA: return "frame has schema id " + found + ", expected " + expected;
            case UNKNOWN_TEMPLATE: return "frame has template id " + found + ", which clients do not send";
            case SHORT_BLOCK: return "frame's block length " + found + " is shorter than the message's " + expected;
            case TRUNCATED: return "frame of " + found + " bytes is shorter than its header and block, " + expected;
            default: return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }
}
