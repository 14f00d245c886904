package dev.aeronrpc.labs.fanout.lab;

import io.aeron.Aeron;

/**
 * What a submission of lab 6 provides: the channels that carry one stream to many subscribers, and the two ends.
 */
public interface FanOutLab
{
    /**
     * @return the channel for one publication read by many subscriptions in the same driver's shared memory.
     */
    String ipcChannel();

    /**
     * @param controlPort the UDP port on localhost where the publication's driver takes subscribers' requests to
     *                    join (their status messages).
     * @return the publication's channel for multi-destination-cast with dynamic destinations.
     */
    String mdcPublicationChannel(int controlPort);

    /**
     * @param controlPort    the publication's control port, as above.
     * @param subscriberPort the UDP port on localhost this subscriber receives on.
     * @return the subscription's channel.
     */
    String mdcSubscriptionChannel(int controlPort, int subscriberPort);

    /**
     * @param aeron    to add the publication with.
     * @param channel  one of the channels above.
     * @param streamId of the stream.
     * @return the publishing end: one publication, whatever the number of subscribers.
     */
    Publisher publisher(Aeron aeron, String channel, int streamId);

    /**
     * @param aeron    to add the subscription with.
     * @param channel  one of the channels above.
     * @param streamId of the stream.
     * @return one subscribing end.
     */
    Subscriber subscriber(Aeron aeron, String channel, int streamId);
}
