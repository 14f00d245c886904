package dev.aeronrpc.client;

import dev.aeronrpc.core.Delivery;
import dev.aeronrpc.core.MethodDescriptor;
import dev.aeronrpc.core.Payloads;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.protocol.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;

import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A pending asynchronous unary call. Pooled, so a steady stream of asynchronous calls allocates nothing.
 * <p>
 * <b>Who touches it.</b> The caller fills it and makes it pending; from then on only the conductor completes it
 * (its answer, its deadline, a lost connection, the client's close), and the caller touches it again only after
 * claiming it back from the table ({@link #firstSendFailed}). So the conductor's timer never meets a call that
 * another thread is reusing.
 * <p>
 * <b>Where the listener runs.</b> On the conductor, reading the answer where it lies in the log buffer; or, when
 * the call has an executor or the conductor is running inside a blocking call (invoker mode), from a copy, on the
 * executor or at the conductor's next {@code poll()}.
 * <p>
 * A call that retries keeps a copy of its frame, since the caller's buffer moves on to the next request, and the
 * conductor's timer sends it again when due, with one offer: the conductor never waits for back pressure.
 */
final class AsyncCall extends PendingCall implements Runnable
{
    private final MessageHeaderDecoder payloadHeader = new MessageHeaderDecoder();
    private final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(256);
    private final ExpandableArrayBuffer answer = new ExpandableArrayBuffer(256);
    private final Queue<AsyncCall> pool;
    private final RpcClient client;
    private final Attempts attempts;
    private MessageDecoderFlyweight[] decoders = new MessageDecoderFlyweight[16];
    private MethodDescriptor<?, ?> method;
    private ResponseListener<MessageDecoderFlyweight> listener;
    private Executor executor;
    private Delivery delivery;
    private long deadlineNs;
    private int frameLength;
    private boolean frameKept;
    private boolean unsent;
    private Status outcome;
    private String outcomeMessage;
    private int answerLength;

    AsyncCall(final Queue<AsyncCall> pool, final RpcClient client)
    {
        this.pool = pool;
        this.client = client;
        this.attempts = new Attempts(client.context());
    }

    @SuppressWarnings("unchecked")
    AsyncCall init(
        final MethodDescriptor<?, ?> method,
        final ResponseListener<?> listener,
        final CallOptions options,
        final Delivery delivery,
        final long deadlineNs,
        final long nowNs,
        final long epoch,
        final DirectBuffer frameSource,
        final int frameLength)
    {
        this.method = method;
        this.listener = (ResponseListener<MessageDecoderFlyweight>)listener;
        this.executor = null != options.executor() ? options.executor() : client.context().callbackExecutor();
        this.delivery = delivery;
        this.deadlineNs = deadlineNs;
        this.frameLength = frameLength;
        this.unsent = false;
        this.chunkPosition = 0;
        this.chunkEpoch = -1;
        this.outcome = null;
        attempts.reset();
        // Counted as sent before anyone can see the call: the timer must not send it too.
        if (delivery.retries())
        {
            attempts.sent(nowNs, epoch);
        }
        else
        {
            attempts.sentOnce(epoch);
        }
        frameKept = delivery.retries();
        if (frameKept)
        {
            frame.putBytes(0, frameSource, 0, frameLength);
        }
        return this;
    }

    /**
     * A call that failed before it was made: the conductor hands the failure to the listener.
     */
    @SuppressWarnings("unchecked")
    AsyncCall failed(
        final MethodDescriptor<?, ?> method,
        final ResponseListener<?> listener,
        final CallOptions options,
        final RpcException ex)
    {
        this.method = method;
        this.listener = (ResponseListener<MessageDecoderFlyweight>)listener;
        this.executor = null != options.executor() ? options.executor() : client.context().callbackExecutor();
        return failed(ex.status(), ex.description());
    }

    AsyncCall failed(final Status status, final String message)
    {
        outcome = status;
        outcomeMessage = message;
        return this;
    }

    /**
     * The caller's first send did not go out. The caller claims the call back first, so that nothing else is
     * touching it: a request that never left may be sent later whatever its guarantee, so one refused by back
     * pressure goes back to the table for the timer to send; any other failure ends an at-most-once call now.
     *
     * @param requestId   the call's request id: the call object may have been completed and reused meanwhile, so
     *                    the caller names the call it made.
     * @param status      why the send failed.
     * @param message     what happened.
     * @param frameSource the caller's frame, still holding the request.
     * @param length      its length.
     */
    void firstSendFailed(
        final long requestId,
        final Status status,
        final String message,
        final DirectBuffer frameSource,
        final int length)
    {
        final PendingCalls pendingCalls = client.pendingCalls();
        if (pendingCalls.remove(requestId) != this)
        {
            return;
        }
        final boolean sendLater = Status.RESOURCE_EXHAUSTED == status || delivery.retries() && !client.isClosedOrGivenUp();
        if (sendLater)
        {
            if (!frameKept)
            {
                frame.putBytes(0, frameSource, 0, length);
                frameKept = true;
            }
            unsent = true;
            attempts.notSent();
            if (pendingCalls.add(requestId, this))
            {
                return;
            }
            failed(Status.RESOURCE_EXHAUSTED, client.tooManyCalls().description());
        }
        else
        {
            failed(status, "request not sent: " + message);
        }
        client.conductor().completeLater(this);
    }

    private int chunkPosition;
    private long chunkEpoch = -1;

    @Override
    long deadlineNs()
    {
        return deadlineNs;
    }

    @Override
    boolean survivesReconnection()
    {
        return (unsent || delivery.retries()) && attempts.attemptsLeft();
    }

    @Override
    void onTimer(final long nowNs)
    {
        if (!unsent && !delivery.retries())
        {
            return;
        }
        final ClientConductor conductor = client.conductor();
        final Connection connection = client.connection();
        final int decision = attempts.decide(nowNs, connection, client.lastHeardNs(), client.silenceNs(), client.retryBudget());
        if (Attempts.RESEND == decision)
        {
            final int attempt = attempts.attempt() + 1;
            if (sentInFull(conductor.proxy(), connection, attempt, nowNs))
            {
                if (attempt > 1)
                {
                    client.clientCounters().onRetry();
                }
                attempts.sent(nowNs, connection.epoch);
                unsent = false;
            }
        }
        else if (Attempts.WAIT != decision && null != client.pendingCalls().remove(pendingId()))
        {
            if (Attempts.THROTTLED == decision)
            {
                client.clientCounters().onThrottled();
            }
            onError(Status.UNAVAILABLE, Attempts.describeGivingUp(decision, attempts.attempt()));
        }
    }

    /**
     * Sends the kept frame once more without waiting: whole, or, when too long for one Aeron message, as many of
     * its chunks as the publication takes now, going on from there on the next tick.
     */
    private boolean sentInFull(final ClientProxy proxy, final Connection connection, final int attempt, final long nowNs)
    {
        if (frameLength <= connection.publication.maxMessageLength())
        {
            return Status.OK == proxy.tryRequest(connection, frame, frameLength, attempt, deadlineNs - nowNs);
        }
        if (chunkEpoch != connection.epoch)
        {
            // A new connection: the server has forgotten any chunks of the old one.
            chunkEpoch = connection.epoch;
            chunkPosition = 0;
        }
        final int reached = proxy.tryRequestChunks(
            connection, frame, frameLength, attempt, deadlineNs - nowNs, chunkPosition);
        chunkPosition = Math.max(0, reached);
        if (reached == frameLength)
        {
            chunkPosition = 0;
            return true;
        }
        return false;
    }

    @Override
    void onResponse(final DirectBuffer buffer, final int offset, final int length)
    {
        if (null == executor && !client.conductor().isDeferring())
        {
            deliver(buffer, offset, length);
            release();
            return;
        }
        answer.putBytes(0, buffer, offset, length);
        answerLength = length;
        outcome = Status.OK;
        handOff();
    }

    @Override
    void onError(final Status status, final String message)
    {
        outcome = status;
        outcomeMessage = message;
        dispatch();
    }

    /**
     * Hands an outcome already recorded to the listener, here or where the listener runs. Runs on the conductor.
     */
    void dispatch()
    {
        if (null == executor && !client.conductor().isDeferring())
        {
            run();
        }
        else
        {
            handOff();
        }
    }

    private void handOff()
    {
        if (null == executor)
        {
            client.conductor().defer(this);
            return;
        }
        try
        {
            executor.execute(this);
        }
        catch (final RejectedExecutionException ex)
        {
            client.context().errorHandler().onError(new RpcException(Status.INTERNAL,
                "the executor of " + method.fullName() + " refused a listener; it ran on the client's thread", ex));
            run();
        }
    }

    /**
     * Runs the listener with the recorded outcome, then returns the call to the pool.
     */
    @Override
    public void run()
    {
        try
        {
            if (Status.OK == outcome)
            {
                deliver(answer, 0, answerLength);
            }
            else
            {
                client.onOutcome(outcome);
                try
                {
                    listener.onError(outcome, outcomeMessage);
                }
                catch (final Exception ex)
                {
                    listenerFailed(ex);
                }
            }
        }
        finally
        {
            release();
        }
    }

    private void deliver(final DirectBuffer buffer, final int offset, final int length)
    {
        final MessageDecoderFlyweight decoder = decoder();
        final String problem = Payloads.check(payloadHeader, buffer, offset, length, decoder);
        try
        {
            if (null != problem)
            {
                client.onOutcome(Status.INTERNAL);
                listener.onError(Status.INTERNAL, "unreadable response: " + problem);
            }
            else
            {
                client.onOutcome(Status.OK);
                listener.onResponse(Payloads.wrapDecoder(payloadHeader, buffer, offset, length, decoder));
            }
        }
        catch (final Exception ex)
        {
            listenerFailed(ex);
        }
    }

    private void listenerFailed(final Exception ex)
    {
        client.clientCounters().onCallbackFailed();
        client.context().errorHandler().onError(new RpcException(Status.UNKNOWN,
            "the listener of " + method.fullName() + " threw " + ex, ex));
    }

    private MessageDecoderFlyweight decoder()
    {
        final int index = method.index();
        if (index >= decoders.length)
        {
            decoders = Arrays.copyOf(decoders, Math.max(index + 1, decoders.length * 2));
        }
        MessageDecoderFlyweight decoder = decoders[index];
        if (null == decoder)
        {
            decoder = method.newResponseDecoder();
            decoders[index] = decoder;
        }
        return decoder;
    }

    private void release()
    {
        method = null;
        listener = null;
        executor = null;
        outcome = null;
        outcomeMessage = null;
        pool.offer(this);
    }
}
