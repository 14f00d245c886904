package dev.aeronrpc.gateway;

import java.net.URI;
import java.util.List;

/**
 * Decides whether a browser page from an origin may open the WebSocket. A page from elsewhere could otherwise call
 * services with the user's network position (cross-site WebSocket hijacking): browsers send the page's origin and
 * the server must check it.
 * <p>
 * With no origins configured, only the gateway's own pages may connect (the origin's host and port equal the
 * request's Host header). {@code *} allows every origin. Clients that send no Origin (not a browser: a test, a
 * command-line tool) are allowed.
 */
final class OriginCheck
{
    private final List<String> allowedOrigins;

    OriginCheck(final List<String> allowedOrigins)
    {
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    boolean allows(final String origin, final String host)
    {
        if (null == origin || allowedOrigins.contains("*") || allowedOrigins.contains(origin))
        {
            return true;
        }
        if (!allowedOrigins.isEmpty() || null == host)
        {
            return false;
        }
        try
        {
            final URI uri = URI.create(origin);
            final int port = uri.getPort();
            final String hostAndPort = -1 == port ? uri.getHost() : uri.getHost() + ":" + port;
            return host.equalsIgnoreCase(hostAndPort);
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
    }
}
