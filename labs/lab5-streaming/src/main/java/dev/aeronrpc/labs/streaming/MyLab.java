package dev.aeronrpc.labs.streaming;

import dev.aeronrpc.labs.streaming.lab.Consumer;
import dev.aeronrpc.labs.streaming.lab.ItemSource;
import dev.aeronrpc.labs.streaming.lab.Link;
import dev.aeronrpc.labs.streaming.lab.Producer;
import dev.aeronrpc.labs.streaming.lab.StreamingLab;

/**
 * Your submission: the grader asks this class for your two ends. Nothing to change here.
 */
public final class MyLab implements StreamingLab
{
    @Override
    public Producer producer(final Link link, final ItemSource source)
    {
        return new MyProducer(link, source);
    }

    @Override
    public Consumer consumer(final Link link, final int window)
    {
        return new MyConsumer(link, window);
    }
}
