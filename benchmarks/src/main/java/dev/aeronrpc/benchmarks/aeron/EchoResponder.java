package dev.aeronrpc.benchmarks.aeron;

import dev.aeronrpc.core.RpcConfiguration;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.IdleStrategy;

/**
 * The raw responder: sends every message it receives straight back, from its duty cycle.
 */
final class EchoResponder implements Agent
{
    private static final int FRAGMENT_LIMIT = 16;

    private final Subscription requests;
    private final ExclusivePublication replies;
    private final IdleStrategy offerIdle = RpcConfiguration.idleStrategy();
    private final FragmentAssembler assembler;

    EchoResponder(final Subscription requests, final ExclusivePublication replies)
    {
        this.requests = requests;
        this.replies = replies;
        final FragmentHandler echo = (buffer, offset, length, header) ->
            AeronPeers.offer(this.replies, buffer, offset, length, offerIdle);
        assembler = new FragmentAssembler(echo);
    }

    @Override
    public int doWork()
    {
        return requests.poll(assembler, FRAGMENT_LIMIT);
    }

    @Override
    public String roleName()
    {
        return "aeron-echo-responder";
    }
}
