package dev.aeronrpc.benchmarks;

/**
 * Many large asynchronous calls put in flight at once from one thread, then awaited: a test of a client that must
 * lose no call while both directions are back pressured. Only the framework runs it.
 */
public interface Burst extends AutoCloseable
{
    /**
     * Sends {@code calls} calls without waiting, then waits until every one has ended.
     *
     * @param calls how many.
     * @return how many ended in failure (any status but OK, or a wrong answer).
     */
    long burst(int calls);

    /**
     * Why the last failures happened, by status, for the report.
     *
     * @return a short description, empty when none failed.
     */
    String failures();

    @Override
    void close();
}
