package dev.aeronrpc.benchmarks.grpc;

import dev.aeronrpc.benchmarks.Stamps;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC server and a channel to it over loopback TCP (Netty, plaintext HTTP/2), both with the direct executor:
 * handlers and callbacks run on Netty's event loops, with no hand-off to a thread pool, which is how gRPC-java is
 * tuned for latency.
 */
final class GrpcPeers implements AutoCloseable
{
    /** Large enough for the large-message runs (64 MiB and its envelope); gRPC's own default is 4 MiB. */
    static final int MAX_MESSAGE_BYTES = 80 * 1024 * 1024;

    private final Server server;
    private final ManagedChannel channel;

    GrpcPeers()
    {
        final ServerServiceDefinition service = ServerServiceDefinition.builder(BenchMethods.SERVICE_NAME)
            .addMethod(BenchMethods.ECHO, ServerCalls.asyncUnaryCall((request, response) ->
            {
                response.onNext(request);
                response.onCompleted();
            }))
            .addMethod(BenchMethods.ITEMS, ServerCalls.asyncServerStreamingCall((request, response) ->
            {
                final ByteBuffer fields = ByteBuffer.wrap(request);
                final long count = fields.getLong();
                final byte[] item = Stamps.payload(fields.getInt()).byteArray();
                final ItemsCall call = new ItemsCall((ServerCallStreamObserver<byte[]>)response, count, item);
                ((ServerCallStreamObserver<byte[]>)response).setOnReadyHandler(call);
                call.run();
            }))
            .build();

        try
        {
            server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                .directExecutor()
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .addService(service)
                .build()
                .start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.getPort(), InsecureChannelCredentials.create())
            .directExecutor()
            .maxInboundMessageSize(MAX_MESSAGE_BYTES)
            .build();
    }

    ManagedChannel channel()
    {
        return channel;
    }

    @Override
    public void close()
    {
        channel.shutdownNow();
        server.shutdownNow();
        try
        {
            channel.awaitTermination(5, TimeUnit.SECONDS);
            server.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
