package dev.aeronrpc.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aeronrpc.core.Status;

/**
 * The JSON frames the gateway sends to a browser: response, item, end, error, credit (room for the browser's items
 * of a client or bidirectional stream) and sent (a one-way message handed on). See docs/websocket-gateway.md.
 */
final class Frames
{
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Frames()
    {
    }

    static String response(final JsonNode id, final JsonNode response)
    {
        final ObjectNode frame = frame("response", id);
        frame.set("response", response);
        return write(frame);
    }

    static String item(final JsonNode id, final long sequence, final JsonNode item)
    {
        final ObjectNode frame = frame("item", id);
        frame.put("seq", sequence);
        frame.set("item", item);
        return write(frame);
    }

    static String end(final JsonNode id)
    {
        return write(frame("end", id));
    }

    static String credit(final JsonNode id, final long items)
    {
        final ObjectNode frame = frame("credit", id);
        frame.put("items", items);
        return write(frame);
    }

    static String sent(final JsonNode id)
    {
        return write(frame("sent", id));
    }

    static String error(final JsonNode id, final Status status, final String message)
    {
        final ObjectNode frame = frame("error", id);
        frame.put("status", status.name());
        frame.put("code", status.code());
        frame.put("message", message);
        return write(frame);
    }

    private static ObjectNode frame(final String type, final JsonNode id)
    {
        final ObjectNode frame = MAPPER.createObjectNode();
        frame.put("type", type);
        frame.set("id", id);
        return frame;
    }

    private static String write(final ObjectNode frame)
    {
        try
        {
            return MAPPER.writeValueAsString(frame);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
