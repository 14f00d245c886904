package dev.aeronrpc.labs.guarantees.lab;

/**
 * One call in a history, as the client saw it: when it was invoked, when it completed, and how.
 *
 * @param clientId   who called.
 * @param requestId  the request's id.
 * @param op         what was asked.
 * @param key        of the op.
 * @param value      its operand.
 * @param invokeNs   when the call began.
 * @param completeNs when it ended with an answer; {@link Long#MAX_VALUE} for a call that failed, whose outcome is
 *                   unknown (it may take effect at any time after it began, or never).
 * @param ok         whether it ended with an answer.
 * @param result     the answer's value, when ok.
 * @param failure    why the call failed, when not ok.
 */
public record Operation(
    long clientId, long requestId, Op op, long key, long value, long invokeNs, long completeNs, boolean ok,
    long result, String failure)
{
    /**
     * @return whether the op changes the state.
     */
    public boolean isWrite()
    {
        return op != Op.GET;
    }

    @Override
    public String toString()
    {
        return "client " + clientId + " #" + requestId + " " + op + "(" + key + (op == Op.GET ? "" : ", " + value) +
            ") -> " + (ok ? Long.toString(result) : "unknown (" + failure + ")");
    }
}
