package dev.aeronrpc.labs.guarantees.lab;

import java.util.OptionalLong;

/**
 * The server's memory of requests it has applied, so that a repeat of one is answered without applying it again.
 * <p>
 * The server calls it on its one polling thread, in this order for each request: {@link #lookup}; if that finds
 * nothing, it applies the request to the store, which writes the application to the {@link Journal}, then calls
 * {@link #record}, then answers. When a server starts (the first time, or after a restart with the same journal) it
 * calls {@link #recover} once, before the first request.
 */
public interface Deduplicator
{
    /**
     * @param clientId  of the request.
     * @param requestId of the request.
     * @return the result the request had when it was applied, or empty if it was never applied.
     */
    OptionalLong lookup(long clientId, long requestId);

    /**
     * Remembers a request just applied.
     *
     * @param clientId  of the request.
     * @param requestId of the request.
     * @param result    it had, to answer repeats with.
     */
    void record(long clientId, long requestId, long result);

    /**
     * Rebuilds the memory when a server starts, from what the journal says was applied before.
     *
     * @param journal every application made by earlier runs of the server, oldest first.
     */
    void recover(Journal journal);
}
