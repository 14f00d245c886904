package dev.aeronrpc.benchmarks.grpc;

import dev.aeronrpc.benchmarks.Contender;
import dev.aeronrpc.benchmarks.ItemStream;
import dev.aeronrpc.benchmarks.Pipeline;
import dev.aeronrpc.benchmarks.RoundTrip;
import dev.aeronrpc.benchmarks.Transport;

/**
 * gRPC-java over Netty on loopback: what a user would pick instead.
 */
public final class GrpcContender implements Contender
{
    @Override
    public String system()
    {
        return "grpc";
    }

    @Override
    public Transport[] transports()
    {
        return new Transport[]{Transport.TCP};
    }

    @Override
    public String threads()
    {
        return "client: the calling thread + a Netty event loop; server: a Netty event loop (direct executor)";
    }

    @Override
    public String idleStrategy()
    {
        return "Netty event loops block in epoll; the caller parks";
    }

    @Override
    public String driverThreading()
    {
        return "none";
    }

    @Override
    public RoundTrip roundTrip(final Transport transport, final int payloadBytes)
    {
        return new GrpcRoundTrip(payloadBytes);
    }

    @Override
    public Pipeline pipeline(final Transport transport, final int payloadBytes)
    {
        return new GrpcPipeline(payloadBytes);
    }

    @Override
    public ItemStream itemStream(final Transport transport, final int payloadBytes)
    {
        return new GrpcItemStream(payloadBytes);
    }
}
