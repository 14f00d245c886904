package dev.aeronrpc.benchmarks.grpc;

import io.grpc.stub.ClientCalls;

/**
 * gRPC-java echoing large byte arrays over loopback, for the large-message runs: the same server and channel as
 * the other workloads, with the inbound message limit raised.
 */
public final class GrpcLargeEcho implements AutoCloseable
{
    private final GrpcPeers peers = new GrpcPeers();

    /**
     * Sends the bytes and waits for them to come back.
     *
     * @param bytes the request.
     * @return the answer's length.
     */
    public int echo(final byte[] bytes)
    {
        return ClientCalls.blockingUnaryCall(peers.channel(), BenchMethods.ECHO, io.grpc.CallOptions.DEFAULT, bytes).length;
    }

    @Override
    public void close()
    {
        peers.close();
    }
}
