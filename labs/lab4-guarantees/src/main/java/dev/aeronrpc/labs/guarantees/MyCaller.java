package dev.aeronrpc.labs.guarantees;

import dev.aeronrpc.labs.guarantees.lab.Backoff;
import dev.aeronrpc.labs.guarantees.lab.CallFailedException;
import dev.aeronrpc.labs.guarantees.lab.Caller;
import dev.aeronrpc.labs.guarantees.lab.MiniClient;
import dev.aeronrpc.labs.guarantees.lab.Request;
import dev.aeronrpc.labs.guarantees.lab.Response;
import dev.aeronrpc.labs.guarantees.lab.RetryBudget;

/**
 * Step 3: the retry loop. As given it is at-most-once: one attempt, and a call whose answer is lost fails.
 */
final class MyCaller implements Caller
{
    private final Backoff backoff;
    private final RetryBudget budget;

    MyCaller(final Backoff backoff, final RetryBudget budget)
    {
        this.backoff = backoff;
        this.budget = budget;
    }

    @Override
    public Response call(final MiniClient client, final Request request, final long deadlineNs)
    {
        // TODO step 3: make it at-least-once. Wait for the answer only until the backoff's next wait is over; when
        //  none came, ask the budget, and send the same request again; give up at the deadline. Tell the budget
        //  about answered calls. A late answer to an earlier attempt is as good as any.
        client.send(request);
        final Response response = client.awaitResponse(request.requestId(), deadlineNs);
        if (null == response)
        {
            throw new CallFailedException("no answer before the deadline");
        }
        return response;
    }
}
