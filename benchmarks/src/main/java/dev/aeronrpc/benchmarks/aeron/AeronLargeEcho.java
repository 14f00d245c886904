package dev.aeronrpc.benchmarks.aeron;

import dev.aeronrpc.benchmarks.Transport;
import dev.aeronrpc.core.RpcConfiguration;
import io.aeron.FragmentAssembler;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Plain Aeron echoing large payloads, for the large-message runs: the payload goes as consecutive messages of the
 * publication's largest size (an eighth of the term), each echoed back as it arrives, until every byte has come
 * back. The same bytes the framework sends, with no envelope, no chunk headers and no reassembly copy.
 */
public final class AeronLargeEcho implements AutoCloseable
{
    private final AeronPeers peers;
    private final IdleStrategy idle = RpcConfiguration.idleStrategy();
    private final FragmentAssembler assembler;
    private long echoedBytes;

    /**
     * A pair on its own embedded driver.
     *
     * @param transport how the bytes travel.
     */
    public AeronLargeEcho(final Transport transport)
    {
        peers = new AeronPeers(transport);
        assembler = new FragmentAssembler((buffer, offset, length, header) -> echoedBytes += length);
        peers.startResponder(new EchoResponder(peers.requestsIn(), peers.repliesOut()));
    }

    /**
     * Sends the bytes and waits until all have come back.
     *
     * @param bytes the payload.
     * @return the bytes echoed.
     */
    public long echo(final UnsafeBuffer bytes)
    {
        echoedBytes = 0;
        final int pieceLength = peers.requests().maxMessageLength();
        final int length = bytes.capacity();
        for (int offset = 0; offset < length; offset += pieceLength)
        {
            final int piece = Math.min(pieceLength, length - offset);
            while (peers.requests().offer(bytes, offset, piece) < 0)
            {
                // Drain the echoes meanwhile, or the responder is held up by its own back pressure.
                idle.idle(peers.replies().poll(assembler, 16));
            }
        }
        idle.reset();
        while (echoedBytes < length)
        {
            idle.idle(peers.replies().poll(assembler, 16));
        }
        return echoedBytes;
    }

    @Override
    public void close()
    {
        peers.close();
    }
}
