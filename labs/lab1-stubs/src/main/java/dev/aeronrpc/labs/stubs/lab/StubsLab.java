package dev.aeronrpc.labs.stubs.lab;

import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.server.ServiceStub;

/**
 * What a submission of lab 1 provides: its schema, its service behind the generated stub, and client code that
 * calls it through the generated proxy.
 */
public interface StubsLab
{
    /**
     * @return the class path resource of the schema, such as {@code schemas/calculator.xml}.
     */
    String schemaResource();

    /**
     * @return the generated server stub around the implementation, such as
     * {@code new CalculatorStub(new CalculatorService())}.
     */
    ServiceStub service();

    /**
     * The mean of some numbers, computed by the remote Calculator: adds with {@code add}, then one {@code divide}
     * by the count. Nothing is computed locally.
     *
     * @param client connected to a server running {@link #service()}.
     * @param values at least one.
     * @return their mean, rounded toward zero.
     */
    long mean(RpcClient client, long[] values);
}
