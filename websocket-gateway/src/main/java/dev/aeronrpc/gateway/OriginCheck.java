package dev.aeronrpc.gateway;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a browser page from an origin may open the WebSocket. A page from elsewhere could otherwise call
 * services with the user's network position (cross-site WebSocket hijacking): browsers send the page's origin and
 * the server must check it.
 * <p>
 * With no origins configured, only the gateway's own pages may connect: the origin's scheme, host and port equal
 * the request's (its scheme, its Host header), and that host is one the gateway answers to (its configured host,
 * {@code localhost}, {@code 127.0.0.1}, {@code [::1]}, or one of the allowed hosts). The last condition defeats DNS
 * rebinding, where a hostile name is made to resolve to the gateway's address so that its page seems to be the
 * gateway's own. {@code *} allows every origin. Clients that send no Origin (not a browser: a test, a command-line
 * tool) are allowed.
 */
final class OriginCheck
{
    private final List<String> allowedOrigins;
    private final Set<String> allowedHosts = new HashSet<>();

    OriginCheck(final List<String> allowedOrigins, final String host, final List<String> allowedHosts)
    {
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.allowedHosts.add(normalise(host));
        this.allowedHosts.add("localhost");
        this.allowedHosts.add("127.0.0.1");
        this.allowedHosts.add("[::1]");
        allowedHosts.forEach(name -> this.allowedHosts.add(normalise(name)));
    }

    boolean allows(final String origin, final String host, final boolean secure)
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
            final String scheme = secure ? "https" : "http";
            if (!scheme.equalsIgnoreCase(uri.getScheme()) || null == uri.getHost())
            {
                return false;
            }
            final int defaultPort = secure ? 443 : 80;
            final int originPort = -1 == uri.getPort() ? defaultPort : uri.getPort();

            final int close = host.startsWith("[") ? host.indexOf(']') : -1;
            final int colon = host.indexOf(':', Math.max(0, close));
            final String hostName = normalise(-1 == colon ? host : host.substring(0, colon));
            final int hostPort = -1 == colon ? defaultPort : Integer.parseInt(host.substring(colon + 1));

            return allowedHosts.contains(hostName) && hostName.equals(normalise(uri.getHost())) &&
                originPort == hostPort;
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
    }

    /**
     * Whether a request's Host header names a host the gateway answers to: for the JSON endpoints, which a page
     * from another origin cannot read except through DNS rebinding. Any host passes when origins are configured.
     *
     * @param host the Host header, with or without a port; null passes (HTTP/1.0, not a browser).
     * @return true when allowed.
     */
    boolean allowsHost(final String host)
    {
        if (null == host || !allowedOrigins.isEmpty())
        {
            return true;
        }
        final int close = host.startsWith("[") ? host.indexOf(']') : -1;
        final int colon = host.indexOf(':', Math.max(0, close));
        return allowedHosts.contains(normalise(-1 == colon ? host : host.substring(0, colon)));
    }

    private static String normalise(final String host)
    {
        final String name = host.trim().toLowerCase(Locale.ROOT);
        return name.indexOf(':') >= 0 && !name.startsWith("[") ? "[" + name + "]" : name;
    }
}
