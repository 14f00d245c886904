package dev.aeronrpc.benchmarks.grpc;

import dev.aeronrpc.benchmarks.LoadRig;
import dev.aeronrpc.benchmarks.Pipeline;
import dev.aeronrpc.benchmarks.Stamps;
import io.grpc.CallOptions;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asynchronous unary calls through gRPC, many in flight on one channel. Answers arrive on Netty's event loop,
 * which records them; {@link #poll()} collects the count.
 */
final class GrpcPipeline implements Pipeline, StreamObserver<byte[]>
{
    private final GrpcPeers peers = new GrpcPeers();
    private final UnsafeBuffer payload;
    private final Histogram histogram = LoadRig.newHistogram();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    GrpcPipeline(final int payloadBytes)
    {
        payload = Stamps.payload(payloadBytes);
    }

    @Override
    public boolean trySend(final long stampNs)
    {
        Stamps.stamp(payload, stampNs);
        // gRPC takes ownership of the request: each call needs an array of its own.
        ClientCalls.asyncUnaryCall(
            peers.channel().newCall(BenchMethods.ECHO, CallOptions.DEFAULT), payload.byteArray().clone(), this);
        return true;
    }

    @Override
    public int poll()
    {
        final Throwable ex = failure.get();
        if (null != ex)
        {
            throw new IllegalStateException("a pipelined gRPC call failed", ex);
        }
        return answered.getAndSet(0);
    }

    @Override
    public Histogram histogram()
    {
        return histogram;
    }

    @Override
    public void onNext(final byte[] reply)
    {
        histogram.recordValue(System.nanoTime() - ByteBuffer.wrap(reply).order(ByteOrder.nativeOrder()).getLong(0));
    }

    @Override
    public void onError(final Throwable ex)
    {
        failure.compareAndSet(null, ex);
    }

    @Override
    public void onCompleted()
    {
        answered.incrementAndGet();
    }

    @Override
    public void close()
    {
        peers.close();
    }
}
