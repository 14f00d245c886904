package dev.aeronrpc.labs.guarantees.solution;

import dev.aeronrpc.labs.guarantees.lab.Backoff;
import dev.aeronrpc.labs.guarantees.lab.CallFailedException;
import dev.aeronrpc.labs.guarantees.lab.Caller;
import dev.aeronrpc.labs.guarantees.lab.MiniClient;
import dev.aeronrpc.labs.guarantees.lab.Request;
import dev.aeronrpc.labs.guarantees.lab.Response;
import dev.aeronrpc.labs.guarantees.lab.RetryBudget;

import java.util.concurrent.ThreadLocalRandom;

/**
 * At-least-once: the same request again after each wait without an answer, until an answer, the deadline, or the
 * budget says stop. With the server's deduplication, at-least-once delivery becomes exactly-once processing.
 */
public final class RetryingCaller implements Caller
{
    private final Backoff backoff;
    private final RetryBudget budget;

    public RetryingCaller(final Backoff backoff, final RetryBudget budget)
    {
        this.backoff = backoff;
        this.budget = budget;
    }

    @Override
    public Response call(final MiniClient client, final Request request, final long deadlineNs)
    {
        // A refused offer is an attempt that went nowhere: the wait and the retry below cover it like a lost frame.
        client.send(request);
        for (int retry = 1; ; retry++)
        {
            final long waitNs = backoff.delayNs(retry, ThreadLocalRandom.current().nextDouble());
            final long untilNs = Math.min(deadlineNs, System.nanoTime() + waitNs);
            // Any attempt's answer will do: they all carry the same request id.
            final Response response = client.awaitResponse(request.requestId(), untilNs);
            if (null != response)
            {
                budget.onSuccess();
                return response;
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new CallFailedException("no answer before the deadline, after " + retry + " attempts");
            }
            if (!budget.tryRetry())
            {
                throw new CallFailedException("retry budget spent, after " + retry + " attempts");
            }
            client.send(request);
        }
    }
}
