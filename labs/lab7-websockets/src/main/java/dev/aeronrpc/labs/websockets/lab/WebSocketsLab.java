package dev.aeronrpc.labs.websockets.lab;

import dev.aeronrpc.server.ServiceStub;

/**
 * What a submission of lab 7 provides: its schema, its service, and its web page.
 */
public interface WebSocketsLab
{
    /**
     * @return the class path resource of the schema, read by the gateway at run time.
     */
    String schemaResource();

    /**
     * @return the generated stub around the Weather implementation.
     */
    ServiceStub service();

    /**
     * @return the class path directory the gateway serves the page from.
     */
    String staticResources();
}
