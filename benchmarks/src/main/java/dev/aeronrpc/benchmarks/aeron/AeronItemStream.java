package dev.aeronrpc.benchmarks.aeron;

import dev.aeronrpc.benchmarks.ItemStream;
import dev.aeronrpc.benchmarks.Stamps;
import dev.aeronrpc.benchmarks.Transport;
import dev.aeronrpc.core.RpcConfiguration;
import io.aeron.FragmentAssembler;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One-way throughput on plain Aeron: the consumer asks for a count, the producer's agent offers that many items,
 * the consumer polls them. The limit for the framework's server stream.
 */
final class AeronItemStream implements ItemStream
{
    private static final int FRAGMENT_LIMIT = 256;

    private final AeronPeers peers;
    private final UnsafeBuffer request = new UnsafeBuffer(new byte[Long.BYTES]);
    private final IdleStrategy idle = RpcConfiguration.idleStrategy();
    private final FragmentAssembler assembler;
    private long read;

    AeronItemStream(final Transport transport, final int payloadBytes)
    {
        peers = new AeronPeers(transport);
        final FragmentHandler onItem = (buffer, offset, length, header) -> read++;
        assembler = new FragmentAssembler(onItem);
        peers.startResponder(new ItemProducer(peers.requestsIn(), peers.repliesOut(), Stamps.payload(payloadBytes)));
    }

    @Override
    public long transfer(final long count)
    {
        read = 0;
        request.putLong(0, count);
        AeronPeers.offer(peers.requests(), request, 0, request.capacity(), idle);
        idle.reset();
        while (read < count)
        {
            idle.idle(peers.replies().poll(assembler, FRAGMENT_LIMIT));
        }
        return read;
    }

    @Override
    public void close()
    {
        peers.close();
    }
}
