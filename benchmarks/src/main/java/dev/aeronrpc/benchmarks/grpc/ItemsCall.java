package dev.aeronrpc.benchmarks.grpc;

import io.grpc.stub.ServerCallStreamObserver;

/**
 * One server-streaming call on the gRPC side, produced the way gRPC asks for flow control: send while the call
 * is ready, and again from its on-ready handler.
 */
final class ItemsCall implements Runnable
{
    private final ServerCallStreamObserver<byte[]> stream;
    private final long count;
    private final byte[] item;
    private long sent;
    private boolean completed;

    ItemsCall(final ServerCallStreamObserver<byte[]> stream, final long count, final byte[] item)
    {
        this.stream = stream;
        this.count = count;
        this.item = item;
    }

    @Override
    public void run()
    {
        while (sent < count && stream.isReady() && !stream.isCancelled())
        {
            stream.onNext(item);
            sent++;
        }
        if (sent == count && !completed)
        {
            completed = true;
            stream.onCompleted();
        }
    }
}
