package dev.aeronrpc.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aeronrpc.gateway.json.SchemaCatalog;

/**
 * Where the console learns which services and methods there are: the JSON that {@code GET /api/describe}
 * answers. The gateway's own listing is the schema it was given ({@link SchemaCatalog#describe()}); a listing
 * asked of the server at run time (a reflection service) can take its place without the page changing, as long
 * as it answers in the same shape.
 */
@FunctionalInterface
public interface ServiceListing
{
    /**
     * Describes the services, their methods and their messages.
     *
     * @return JSON in the shape of {@link SchemaCatalog#describe()}; called on a Jetty thread for each request.
     */
    ObjectNode describe();
}
