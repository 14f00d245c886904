package dev.aeronrpc.labs.guarantees.lab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients calling the key/value server concurrently, each on a thread of its own, one call at a time, recording
 * every call in a history: the Maelstrom and Jepsen way of testing a distributed system, from the outside.
 * <p>
 * Each client draws its calls from a seeded random sequence over a few keys, so runs are alike: adds (half), puts
 * of a value unique to the call, and gets. A client stops at its first failed call: a submission that loses
 * calls is judged on those, without waiting out every deadline.
 */
public final class Workload
{
    /** Failed calls after which a client stops. */
    public static final int MAX_FAILURES_PER_CLIENT = 1;

    private final List<Operation> history = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final int keys;
    private final boolean addsOnly;

    /**
     * @param keys     how many keys the calls spread over.
     * @param addsOnly true for a workload of adds alone, whose repeats always show.
     */
    public Workload(final int keys, final boolean addsOnly)
    {
        this.keys = keys;
        this.addsOnly = addsOnly;
    }

    /**
     * Runs clients to the end, each with its own caller.
     *
     * @param clients       one thread each.
     * @param callers       one per client.
     * @param callsEach     calls per client.
     * @param callTimeoutNs deadline of each call.
     * @param seed          of the calls' choice.
     * @throws InterruptedException if interrupted while waiting for the clients.
     */
    public void run(
        final List<MiniClient> clients,
        final List<Caller> callers,
        final int callsEach,
        final long callTimeoutNs,
        final long seed) throws InterruptedException
    {
        final List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients.size(); c++)
        {
            final MiniClient client = clients.get(c);
            final Caller caller = callers.get(c);
            final SplittableRandom random = new SplittableRandom(seed + c);
            final Thread thread = new Thread(() -> runClient(client, caller, random, callsEach, callTimeoutNs),
                "workload-client-" + client.clientId());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (final Thread thread : threads)
        {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
    }

    /**
     * Makes one call and records it.
     *
     * @param client        to call through.
     * @param caller        the retry loop.
     * @param request       to make.
     * @param callTimeoutNs its deadline.
     * @return whether it got an answer.
     */
    public boolean call(final MiniClient client, final Caller caller, final Request request, final long callTimeoutNs)
    {
        final long invokeNs = System.nanoTime();
        boolean ok = false;
        long result = 0;
        String failure = null;
        try
        {
            final Response response = caller.call(client, request, invokeNs + callTimeoutNs);
            if (null != response && response.requestId() == request.requestId())
            {
                ok = true;
                result = response.value();
            }
            else
            {
                failure = null == response ? "no response" : "the answer to another request";
            }
        }
        catch (final RuntimeException ex)
        {
            failure = dev.aeronrpc.labs.grading.Checks.describe(ex);
        }
        final long completeNs = ok ? System.nanoTime() : Long.MAX_VALUE;
        history.add(new Operation(request.clientId(), request.requestId(), request.op(), request.key(),
            request.value(), invokeNs, completeNs, ok, result, failure));
        completed.incrementAndGet();
        if (!ok)
        {
            failed.incrementAndGet();
        }
        return ok;
    }

    /**
     * @return every call so far.
     */
    public List<Operation> history()
    {
        synchronized (history)
        {
            return List.copyOf(history);
        }
    }

    /**
     * @return calls finished so far, either way.
     */
    public int completed()
    {
        return completed.get();
    }

    /**
     * @return calls that failed so far.
     */
    public int failed()
    {
        return failed.get();
    }

    private void runClient(
        final MiniClient client,
        final Caller caller,
        final SplittableRandom random,
        final int callsEach,
        final long callTimeoutNs)
    {
        int failures = 0;
        for (int i = 0; i < callsEach && failures < MAX_FAILURES_PER_CLIENT; i++)
        {
            final long key = 1 + random.nextInt(keys);
            final int dice = addsOnly ? 0 : random.nextInt(4);
            final Request request = switch (dice)
            {
                case 0, 1 -> client.newRequest(Op.ADD, key, 1 + random.nextInt(3));
                case 2 -> client.newRequest(Op.PUT, key, client.clientId() * 1_000_000 + i);
                default -> client.newRequest(Op.GET, key, 0);
            };
            if (!call(client, caller, request, callTimeoutNs))
            {
                failures++;
            }
        }
    }
}
