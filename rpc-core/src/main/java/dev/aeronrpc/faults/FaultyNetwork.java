package dev.aeronrpc.faults;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ext.DebugReceiveChannelEndpoint;
import io.aeron.driver.ext.DebugSendChannelEndpoint;

/**
 * A network that loses frames on demand, built into an embedded media driver: for tests and examples that show
 * what Aeron does when UDP loses packets, and what it cannot do when the network goes away altogether.
 * <p>
 * <b>Data and control frames.</b> Aeron over UDP has two kinds of frame. A publication's driver sends <em>data
 * frames</em> to the subscribers' drivers: the messages themselves, heartbeats (empty data frames sent while there
 * is nothing new), the SETUP frame that creates an image, and RTT measurements. The subscribers' drivers answer
 * with <em>control frames</em>: a <em>status message</em> (SM) says how far a receiver has got and how much more it
 * may be sent (flow control; it also tells the publication someone is listening), and a <em>NAK</em> (negative
 * acknowledgement) names a gap in the stream so the publication retransmits it. A lost data frame is therefore
 * repaired: the receiver sees the gap, NAKs, the sender retransmits, and the subscriber still gets every message in
 * order, only later. A lost control frame merely delays flow control or a repair; the next one makes up for it.
 * <p>
 * <b>A blackout.</b> When nothing gets through for a while, the two drivers give up on each other. The receiver
 * keeps an <em>image</em> of each publication it hears from, and closes it when no frame, not even a heartbeat,
 * arrives within the image liveness timeout ({@link MediaDriver.Context#imageLivenessTimeoutNs(long)}, 10 s by
 * default): the subscription's unavailable image handler runs and the messages not yet received are gone with it.
 * The sender counts a publication as connected only while status messages arrive within the publication connection
 * timeout ({@link MediaDriver.Context#publicationConnectionTimeoutNs(long)}, 5 s by default); after that,
 * {@code Publication.isConnected()} turns false and, once the window granted before is used up, offers fail with
 * NOT_CONNECTED. A blackout shorter than both is a pause followed by retransmission; a longer one ends the
 * connection, and only a new image (a new SETUP exchange once frames flow again) brings messages back. The new image
 * starts where the publication is then, so messages sent into the blackout are never delivered although their offers
 * succeeded. This is why an RPC layer must notice lost peers itself and must not assume a request it sent was
 * received.
 * <p>
 * <b>Wiring.</b> {@link #apply(MediaDriver.Context)} makes the driver create its UDP channel endpoints as Aeron's
 * {@link DebugSendChannelEndpoint} and {@link DebugReceiveChannelEndpoint}, which ask a loss generator about each
 * frame. There are four {@link SwitchableLoss} generators, one per endpoint kind and direction, because that is how
 * the endpoints take them and because each must stay on one driver thread (the sender thread runs send endpoints,
 * the receiver thread receive endpoints, and in DEDICATED threading mode those are different threads):
 * <ul>
 *     <li>{@link #sendData()}: data frames a publication's endpoint sends;</li>
 *     <li>{@link #sendControl()}: control frames (SM, NAK, RTT replies) a publication's endpoint receives;</li>
 *     <li>{@link #receiveData()}: data frames a subscription's endpoint receives;</li>
 *     <li>{@link #receiveControl()}: control frames a subscription's endpoint sends.</li>
 * </ul>
 * {@link #dropFraction(double, double)} drops frames as they <em>arrive</em> at this driver (receive data, send
 * control), so each frame is judged once even when publisher and subscriber share this driver, and the loss of
 * several drivers each with a {@code FaultyNetwork} does not compound on one hop. {@link #blackout()} drops in all
 * four places, so a driver that only publishes or only subscribes is cut off in both directions too.
 * <p>
 * <b>UDP only.</b> IPC publications and subscriptions share a log buffer in memory and never pass through a channel
 * endpoint, so nothing here affects {@code aeron:ipc}.
 * <p>
 * The controls may be used from any thread at any time and take effect from the next frame.
 */
public final class FaultyNetwork
{
    /** Seed used by {@link #FaultyNetwork()}, so runs pick the same frames for the same traffic. */
    public static final long DEFAULT_SEED = 0x5EEDL;

    private final SwitchableLoss sendData;
    private final SwitchableLoss sendControl;
    private final SwitchableLoss receiveData;
    private final SwitchableLoss receiveControl;
    private boolean isApplied;

    /**
     * A network that loses nothing until told to, with {@link #DEFAULT_SEED}.
     */
    public FaultyNetwork()
    {
        this(DEFAULT_SEED);
    }

    /**
     * A network that loses nothing until told to.
     *
     * @param seed of the random choice of frames to drop; each generator derives its own from it.
     */
    public FaultyNetwork(final long seed)
    {
        sendData = new SwitchableLoss(seed);
        sendControl = new SwitchableLoss(seed + 1);
        receiveData = new SwitchableLoss(seed + 2);
        receiveControl = new SwitchableLoss(seed + 3);
    }

    /**
     * Makes a driver context create its UDP channel endpoints through this network's loss generators.
     * <p>
     * Aeron's {@code DebugSendChannelEndpointSupplier} and {@code DebugReceiveChannelEndpointSupplier} read fixed
     * loss rates from system properties, so the suppliers here build the same debug endpoints with these switchable
     * generators instead.
     *
     * @param ctx of the driver about to be launched; its other settings are left alone.
     * @return the same context, for a fluent API.
     * @throws IllegalStateException if this network was applied before: its generators would be shared by two
     *                               drivers' threads.
     */
    public MediaDriver.Context apply(final MediaDriver.Context ctx)
    {
        if (isApplied)
        {
            throw new IllegalStateException("a FaultyNetwork serves one media driver");
        }
        isApplied = true;

        return ctx
            .sendChannelEndpointSupplier((udpChannel, statusIndicator, context) ->
                new DebugSendChannelEndpoint(udpChannel, statusIndicator, context, sendData, sendControl))
            .receiveChannelEndpointSupplier((udpChannel, dispatcher, statusIndicator, context) ->
                new DebugReceiveChannelEndpoint(
                    udpChannel, dispatcher, statusIndicator, context, receiveData, receiveControl));
    }

    /**
     * Drops frames at random as they arrive at this driver, and ends any blackout.
     *
     * @param dataFraction    of data frames arriving at subscriptions to drop, 0.0 to 1.0.
     * @param controlFraction of control frames (SM, NAK) arriving at publications to drop, 0.0 to 1.0.
     * @return this for a fluent API.
     * @throws IllegalArgumentException if a fraction is not within 0.0 to 1.0; nothing is changed then.
     */
    public FaultyNetwork dropFraction(final double dataFraction, final double controlFraction)
    {
        checkFraction(dataFraction, "data");
        checkFraction(controlFraction, "control");

        receiveData.dropFraction(dataFraction);
        sendControl.dropFraction(controlFraction);
        sendData.dropFraction(0.0);
        receiveControl.dropFraction(0.0);
        setBlackout(false);
        return this;
    }

    /**
     * Drops every frame in and out of this driver, data and control, until {@link #heal()} or
     * {@link #dropFraction(double, double)}.
     *
     * @return this for a fluent API.
     */
    public FaultyNetwork blackout()
    {
        setBlackout(true);
        return this;
    }

    /**
     * Ends a blackout and any random loss: every frame gets through.
     *
     * @return this for a fluent API.
     */
    public FaultyNetwork heal()
    {
        setBlackout(false);
        sendData.dropFraction(0.0);
        sendControl.dropFraction(0.0);
        receiveData.dropFraction(0.0);
        receiveControl.dropFraction(0.0);
        return this;
    }

    /**
     * Data frames dropped so far, outgoing and incoming.
     *
     * @return the count since construction.
     */
    public long dataFramesDropped()
    {
        return sendData.framesDropped() + receiveData.framesDropped();
    }

    /**
     * Control frames (SM, NAK, RTT) dropped so far, outgoing and incoming.
     *
     * @return the count since construction.
     */
    public long controlFramesDropped()
    {
        return sendControl.framesDropped() + receiveControl.framesDropped();
    }

    /**
     * The generator for data frames publications send, for loss in one direction only.
     *
     * @return the generator the send endpoints use for data frames.
     */
    public SwitchableLoss sendData()
    {
        return sendData;
    }

    /**
     * The generator for control frames publications receive.
     *
     * @return the generator the send endpoints use for control frames.
     */
    public SwitchableLoss sendControl()
    {
        return sendControl;
    }

    /**
     * The generator for data frames subscriptions receive.
     *
     * @return the generator the receive endpoints use for data frames.
     */
    public SwitchableLoss receiveData()
    {
        return receiveData;
    }

    /**
     * The generator for control frames subscriptions send.
     *
     * @return the generator the receive endpoints use for control frames.
     */
    public SwitchableLoss receiveControl()
    {
        return receiveControl;
    }

    private void setBlackout(final boolean blackout)
    {
        sendData.blackout(blackout);
        sendControl.blackout(blackout);
        receiveData.blackout(blackout);
        receiveControl.blackout(blackout);
    }

    private static void checkFraction(final double fraction, final String kind)
    {
        if (!(fraction >= 0.0 && fraction <= 1.0))
        {
            throw new IllegalArgumentException(kind + " drop fraction must be within 0.0 to 1.0: " + fraction);
        }
    }
}
