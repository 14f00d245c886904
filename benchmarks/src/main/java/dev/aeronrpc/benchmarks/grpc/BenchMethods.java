package dev.aeronrpc.benchmarks.grpc;

import io.grpc.MethodDescriptor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The benchmark service described for gRPC by hand: byte arrays in and out, so no protoc and no message library
 * stands between gRPC and the payload.
 */
final class BenchMethods
{
    static final String SERVICE_NAME = "Bench";

    static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>()
    {
        public InputStream stream(final byte[] value)
        {
            return new ByteArrayInputStream(value);
        }

        public byte[] parse(final InputStream stream)
        {
            try
            {
                return stream.readAllBytes();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    };

    static final MethodDescriptor<byte[], byte[]> ECHO = MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE_NAME, "echo"))
        .setRequestMarshaller(BYTES)
        .setResponseMarshaller(BYTES)
        .build();

    /** Request: count (8 bytes, big-endian) then payload size (4 bytes); items: payloads of that size. */
    static final MethodDescriptor<byte[], byte[]> ITEMS = MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.SERVER_STREAMING)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE_NAME, "items"))
        .setRequestMarshaller(BYTES)
        .setResponseMarshaller(BYTES)
        .build();

    private BenchMethods()
    {
    }
}
