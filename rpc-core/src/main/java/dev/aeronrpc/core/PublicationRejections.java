package dev.aeronrpc.core;

import io.aeron.Publication;
import io.aeron.PublicationErrorFrameHandler;
import io.aeron.status.PublicationErrorFrame;

/**
 * Hears the error frames a peer's driver sends when the peer rejects one of this process's publications
 * ({@code Image.reject}): how a server refuses a Connect (full, wrong secret, another protocol version) or cuts
 * off a client that sent garbage, without making anything for it. The reason arrives as {@code STATUS: message}.
 * <p>
 * Installed on the Aeron client a context makes for itself; an application that gives its own Aeron client can
 * forward its handler's frames to {@link #onPublicationError}. Keeps the latest rejection only: a client has one
 * request publication at a time. Thread-safe.
 */
public final class PublicationRejections implements PublicationErrorFrameHandler
{
    private volatile long registrationId = Long.MIN_VALUE;
    private volatile String reason;

    @Override
    public void onPublicationError(final PublicationErrorFrame errorFrame)
    {
        final String message = errorFrame.errorMessage();
        reason = null == message || message.isEmpty() ? "rejected by the server" : message;
        registrationId = errorFrame.registrationId();
    }

    /**
     * The reason the peer gave for rejecting a publication, if it did.
     *
     * @param publication the publication.
     * @return {@code STATUS: message}, or null when it was not rejected.
     */
    public String reasonFor(final Publication publication)
    {
        final long rejected = registrationId;
        if (rejected == publication.registrationId() || rejected == publication.originalRegistrationId())
        {
            return reason;
        }
        return null;
    }

    /**
     * The status a rejection names ({@code STATUS: message}), UNAVAILABLE when it names none.
     *
     * @param reason the rejection's reason.
     * @return the status.
     */
    public static Status statusOf(final String reason)
    {
        final Status status = namedStatus(reason);
        return null == status ? Status.UNAVAILABLE : status;
    }

    /**
     * The message of a rejection without its status.
     *
     * @param reason the rejection's reason.
     * @return the message.
     */
    public static String messageOf(final String reason)
    {
        return null == namedStatus(reason) ? reason : reason.substring(reason.indexOf(':') + 1).trim();
    }

    private static Status namedStatus(final String reason)
    {
        final int colon = reason.indexOf(':');
        if (colon > 0)
        {
            try
            {
                return Status.valueOf(reason.substring(0, colon));
            }
            catch (final IllegalArgumentException ignore)
            {
                // Not a status name.
            }
        }
        return null;
    }
}
