package dev.aeronrpc.benchmarks.aeron;

import dev.aeronrpc.benchmarks.LoadRig;
import dev.aeronrpc.benchmarks.Pipeline;
import dev.aeronrpc.benchmarks.Stamps;
import dev.aeronrpc.benchmarks.Transport;
import io.aeron.FragmentAssembler;
import io.aeron.logbuffer.FragmentHandler;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Pipelined echo on plain Aeron: offers without waiting, polls the echoes as they come.
 */
final class AeronPipeline implements Pipeline
{
    private static final int FRAGMENT_LIMIT = 64;

    private final AeronPeers peers;
    private final UnsafeBuffer payload;
    private final Histogram histogram = LoadRig.newHistogram();
    private final FragmentAssembler assembler;
    private int answered;

    AeronPipeline(final Transport transport, final int payloadBytes)
    {
        peers = new AeronPeers(transport);
        payload = Stamps.payload(payloadBytes);
        final FragmentHandler onReply = (buffer, offset, length, header) ->
        {
            histogram.recordValue(System.nanoTime() - buffer.getLong(offset));
            answered++;
        };
        assembler = new FragmentAssembler(onReply);
        peers.startResponder(new EchoResponder(peers.requestsIn(), peers.repliesOut()));
    }

    @Override
    public boolean trySend(final long stampNs)
    {
        Stamps.stamp(payload, stampNs);
        final long result = peers.requests().offer(payload, 0, payload.capacity());
        if (result < 0)
        {
            AeronPeers.checkOfferResult(result);
            return false;
        }
        return true;
    }

    @Override
    public int poll()
    {
        peers.replies().poll(assembler, FRAGMENT_LIMIT);
        final int arrived = answered;
        answered = 0;
        return arrived;
    }

    @Override
    public Histogram histogram()
    {
        return histogram;
    }

    @Override
    public void close()
    {
        peers.close();
    }
}
