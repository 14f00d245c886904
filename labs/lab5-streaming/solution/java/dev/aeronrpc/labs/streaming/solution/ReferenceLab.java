package dev.aeronrpc.labs.streaming.solution;

import dev.aeronrpc.labs.streaming.lab.Consumer;
import dev.aeronrpc.labs.streaming.lab.ItemSource;
import dev.aeronrpc.labs.streaming.lab.Link;
import dev.aeronrpc.labs.streaming.lab.Producer;
import dev.aeronrpc.labs.streaming.lab.StreamingLab;

/**
 * Lab 5's reference solution.
 */
public final class ReferenceLab implements StreamingLab
{
    @Override
    public Producer producer(final Link link, final ItemSource source)
    {
        return new CreditedProducer(link, source);
    }

    @Override
    public Consumer consumer(final Link link, final int window)
    {
        return new CreditedConsumer(link, window);
    }
}
