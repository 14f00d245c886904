package dev.aeronrpc.benchmarks.rpc;

import dev.aeronrpc.benchmarks.RoundTrip;
import dev.aeronrpc.benchmarks.Stamps;
import dev.aeronrpc.benchmarks.Transport;
import dev.aeronrpc.benchmarks.api.BenchClient;
import dev.aeronrpc.benchmarks.api.PayloadDecoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Blocking unary calls through the generated client, one in flight.
 */
final class RpcRoundTrip implements RoundTrip
{
    private final RpcPeers peers;
    private final BenchClient bench;
    private final UnsafeBuffer payload;
    private final UnsafeBuffer echoed = new UnsafeBuffer(0, 0);

    RpcRoundTrip(final Transport transport, final int payloadBytes, final boolean invoker)
    {
        peers = new RpcPeers(transport, 1, invoker);
        bench = peers.bench();
        payload = Stamps.payload(payloadBytes);
    }

    @Override
    public long roundTrip(final long stampNs)
    {
        Stamps.stamp(payload, stampNs);
        final PayloadDecoder reply = bench.echo(bench.echoRequest().putData(payload, 0, payload.capacity()));
        reply.wrapData(echoed);
        return echoed.getLong(0);
    }

    @Override
    public void close()
    {
        peers.close();
    }
}
