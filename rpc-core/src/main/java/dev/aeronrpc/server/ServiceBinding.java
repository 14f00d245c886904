package dev.aeronrpc.server;

import java.util.concurrent.Executor;

/**
 * A registered service and where its handlers run: on the poll thread (executor null), or on an executor.
 */
record ServiceBinding(ServiceStub stub, Executor executor)
{
}
