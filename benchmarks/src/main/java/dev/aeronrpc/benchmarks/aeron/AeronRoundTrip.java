package dev.aeronrpc.benchmarks.aeron;

import dev.aeronrpc.benchmarks.RoundTrip;
import dev.aeronrpc.benchmarks.Stamps;
import dev.aeronrpc.benchmarks.Transport;
import dev.aeronrpc.core.RpcConfiguration;
import io.aeron.FragmentAssembler;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Ping-pong on plain Aeron: offer, then poll the reply subscription with the configured idle strategy until the
 * echo arrives. The limit for the framework's blocking call.
 */
final class AeronRoundTrip implements RoundTrip
{
    private final AeronPeers peers;
    private final UnsafeBuffer payload;
    private final IdleStrategy idle = RpcConfiguration.idleStrategy();
    private final FragmentAssembler assembler;
    private long echoedNs;
    private boolean answered;

    AeronRoundTrip(final Transport transport, final int payloadBytes)
    {
        peers = new AeronPeers(transport);
        payload = Stamps.payload(payloadBytes);
        final FragmentHandler onReply = (buffer, offset, length, header) ->
        {
            echoedNs = buffer.getLong(offset);
            answered = true;
        };
        assembler = new FragmentAssembler(onReply);
        peers.startResponder(new EchoResponder(peers.requestsIn(), peers.repliesOut()));
    }

    @Override
    public long roundTrip(final long stampNs)
    {
        Stamps.stamp(payload, stampNs);
        AeronPeers.offer(peers.requests(), payload, 0, payload.capacity(), idle);
        answered = false;
        idle.reset();
        while (!answered)
        {
            idle.idle(peers.replies().poll(assembler, 1));
        }
        return echoedNs;
    }

    @Override
    public void close()
    {
        peers.close();
    }
}
