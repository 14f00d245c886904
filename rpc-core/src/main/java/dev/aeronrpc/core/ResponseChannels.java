package dev.aeronrpc.core;

import io.aeron.ChannelUri;
import io.aeron.CommonContext;

/**
 * The channels of Aeron's response channels ({@code control-mode=response}), by which a server answers each client
 * on the route its requests came from, so no client can make the server send anywhere else.
 * <p>
 * The client subscribes in response mode (UDP: to the server's <em>response endpoint</em>, the server's control
 * address for answers; IPC: no address) and names that subscription in its request publication
 * ({@code response-correlation-id}); the server answers each request image on a publication that names the image
 * ({@code response-correlation-id=<image correlation id>}), which the driver connects to that client's subscription
 * and nothing else.
 * <p>
 * A UDP server channel names its response endpoint with Aeron's {@code response-endpoint} parameter
 * ({@code aeron:udp?endpoint=host:40123|response-endpoint=host:40124}); without it the response endpoint is the
 * request endpoint's host with the next port.
 */
public final class ResponseChannels
{
    private ResponseChannels()
    {
    }

    /**
     * Whether a channel is IPC.
     *
     * @param channel an Aeron channel.
     * @return true for {@code aeron:ipc}.
     */
    public static boolean isIpc(final String channel)
    {
        return CommonContext.IPC_MEDIA.equals(ChannelUri.parse(channel).media());
    }

    /**
     * The server's response endpoint: its {@code response-endpoint} parameter, else the request endpoint's host
     * with the next port.
     *
     * @param serverChannel a UDP channel with an endpoint.
     * @return {@code host:port}.
     */
    public static String responseEndpoint(final String serverChannel)
    {
        final ChannelUri uri = ChannelUri.parse(serverChannel);
        final String configured = uri.get(CommonContext.RESPONSE_ENDPOINT_PARAM_NAME);
        if (null != configured)
        {
            return configured;
        }
        final String endpoint = uri.get(CommonContext.ENDPOINT_PARAM_NAME);
        if (null == endpoint)
        {
            throw new IllegalArgumentException("a UDP channel needs an endpoint: " + serverChannel);
        }
        final int colon = endpoint.lastIndexOf(':');
        final int port = Integer.parseInt(endpoint.substring(colon + 1));
        if (0 == port)
        {
            throw new IllegalArgumentException("the endpoint's port is 0 (chosen by the system) and no " +
                CommonContext.RESPONSE_ENDPOINT_PARAM_NAME + " is given: use the server's channel(), which has both, " +
                "in " + serverChannel);
        }
        return endpoint.substring(0, colon + 1) + (port + 1);
    }

    /**
     * The response endpoint a server binds: as {@link #responseEndpoint}, except that a request endpoint with port
     * 0 gives a response endpoint with port 0 too (both chosen by the system).
     *
     * @param serverChannel a UDP channel with an endpoint, as configured.
     * @return {@code host:port}, the port possibly 0.
     */
    public static String configuredResponseEndpoint(final String serverChannel)
    {
        final ChannelUri uri = ChannelUri.parse(serverChannel);
        final String configured = uri.get(CommonContext.RESPONSE_ENDPOINT_PARAM_NAME);
        if (null != configured)
        {
            return configured;
        }
        final String endpoint = uri.get(CommonContext.ENDPOINT_PARAM_NAME);
        if (null != endpoint && endpoint.endsWith(":0"))
        {
            return endpoint;
        }
        return responseEndpoint(serverChannel);
    }

    /**
     * The tag of a server's response endpoint: derived from a fixed endpoint, so that the same endpoint always has
     * the same tag on one driver; any unique number for a port the system chooses.
     *
     * @param endpoint   {@code host:port}, the port possibly 0.
     * @param uniqueTag  a number unique on the driver, for port 0.
     * @return the tag.
     */
    public static long responseTag(final String endpoint, final long uniqueTag)
    {
        if (endpoint.endsWith(":0"))
        {
            return uniqueTag;
        }
        // Positive and well away from the driver's own correlation ids, which count up from 0.
        return 0x4150_5243_0000_0000L | (endpoint.hashCode() & 0xFFFF_FFFFL);
    }

    /**
     * The channel a client subscribes to for answers.
     *
     * @param serverChannel the server's channel, as the client is configured with it.
     * @param extraParams   parameters to add (such as {@code term-length=64k|sparse=true}), or null.
     * @return the response subscription's channel.
     */
    public static String clientResponseChannel(final String serverChannel, final String extraParams)
    {
        final String channel = isIpc(serverChannel) ?
            "aeron:ipc?control-mode=response" :
            "aeron:udp?control-mode=response|control=" + responseEndpoint(serverChannel);
        return append(channel, extraParams);
    }

    /**
     * The channel a client sends requests on: the server's, naming the client's response subscription.
     *
     * @param serverChannel              the server's channel.
     * @param responseSubscriptionRegistrationId the registration id of the client's response subscription.
     * @param extraParams                parameters to add, or null.
     * @return the request publication's channel.
     */
    public static String clientRequestChannel(
        final String serverChannel, final long responseSubscriptionRegistrationId, final String extraParams)
    {
        final ChannelUri uri = ChannelUri.parse(serverChannel);
        uri.remove(CommonContext.RESPONSE_ENDPOINT_PARAM_NAME);
        uri.put(CommonContext.RESPONSE_CORRELATION_ID_PARAM_NAME, Long.toString(responseSubscriptionRegistrationId));
        return append(uri.toString(), extraParams);
    }

    /**
     * The channel a server subscribes to for requests: its channel without the response endpoint, which only
     * clients and the response publications use.
     *
     * @param serverChannel the server's channel.
     * @return the request subscription's channel.
     */
    public static String serverRequestChannel(final String serverChannel)
    {
        final ChannelUri uri = ChannelUri.parse(serverChannel);
        uri.remove(CommonContext.RESPONSE_ENDPOINT_PARAM_NAME);
        return uri.toString();
    }

    /**
     * The channel a server answers one client's image on.
     *
     * @param serverChannel      the server's channel.
     * @param responseTag        the tag of the server's prototype response publication (UDP), which holds the
     *                           response endpoint's port.
     * @param imageCorrelationId the correlation id of the client's request image.
     * @param extraParams        parameters to add (term length and the like), or null.
     * @return the response publication's channel.
     */
    public static String serverResponseChannel(
        final String serverChannel,
        final long responseTag,
        final long imageCorrelationId,
        final String extraParams)
    {
        final String channel = (isIpc(serverChannel) ?
            "aeron:ipc?control-mode=response" :
            "aeron:udp?control-mode=response|tags=" + responseTag) +
            "|" + CommonContext.RESPONSE_CORRELATION_ID_PARAM_NAME + "=" + imageCorrelationId;
        return append(channel, extraParams);
    }

    /**
     * Channel parameters with a term length, unless they name one already.
     *
     * @param params     {@code name=value} pairs joined by {@code |}, or null.
     * @param termLength the term length to add.
     * @return the parameters with {@code term-length}.
     */
    public static String withTermLength(final String params, final int termLength)
    {
        if (null != params && params.contains(CommonContext.TERM_LENGTH_PARAM_NAME + "="))
        {
            return params;
        }
        final String term = CommonContext.TERM_LENGTH_PARAM_NAME + "=" + termLength;
        return null == params || params.isEmpty() ? term : params + "|" + term;
    }

    private static String append(final String channel, final String extraParams)
    {
        if (null == extraParams || extraParams.isEmpty())
        {
            return channel;
        }
        return channel + (channel.indexOf('?') >= 0 ? "|" : "?") + extraParams;
    }
}
