package dev.aeronrpc.benchmarks.grpc;

import dev.aeronrpc.benchmarks.RoundTrip;
import dev.aeronrpc.benchmarks.Stamps;
import io.grpc.CallOptions;
import io.grpc.stub.ClientCalls;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Blocking unary calls through gRPC's blocking stub support, one in flight.
 */
final class GrpcRoundTrip implements RoundTrip
{
    private final GrpcPeers peers = new GrpcPeers();
    private final UnsafeBuffer payload;

    GrpcRoundTrip(final int payloadBytes)
    {
        payload = Stamps.payload(payloadBytes);
    }

    @Override
    public long roundTrip(final long stampNs)
    {
        Stamps.stamp(payload, stampNs);
        final byte[] reply = ClientCalls.blockingUnaryCall(
            peers.channel(), BenchMethods.ECHO, CallOptions.DEFAULT, payload.byteArray());
        return ByteBuffer.wrap(reply).order(ByteOrder.nativeOrder()).getLong(0);
    }

    @Override
    public void close()
    {
        peers.close();
    }
}
