package dev.aeronrpc.benchmarks.grpc;

import dev.aeronrpc.benchmarks.ItemStream;
import io.grpc.CallOptions;
import io.grpc.stub.ClientCalls;

import java.nio.ByteBuffer;
import java.util.Iterator;

/**
 * A gRPC server-streaming call read through the blocking iterator, with gRPC's own flow control.
 */
final class GrpcItemStream implements ItemStream
{
    private final GrpcPeers peers = new GrpcPeers();
    private final int payloadBytes;

    GrpcItemStream(final int payloadBytes)
    {
        this.payloadBytes = payloadBytes;
    }

    @Override
    public long transfer(final long count)
    {
        final byte[] request = ByteBuffer.allocate(Long.BYTES + Integer.BYTES).putLong(count).putInt(payloadBytes).array();
        final Iterator<byte[]> items = ClientCalls.blockingServerStreamingCall(
            peers.channel(), BenchMethods.ITEMS, CallOptions.DEFAULT, request);
        long read = 0;
        while (items.hasNext())
        {
            items.next();
            read++;
        }
        return read;
    }

    @Override
    public void close()
    {
        peers.close();
    }
}
