package dev.aeronrpc.codegen.model;

import java.util.Objects;

/**
 * One {@code rpc:method} of a service, checked against its schema.
 *
 * @param name            the method's name, a Java identifier.
 * @param id              the method id requests carry, positive and unique within the service.
 * @param kind            how many messages travel each way.
 * @param requestMessage  the name of the {@code sbe:message} a request holds.
 * @param responseMessage the name of the {@code sbe:message} a response holds; null for a one-way method.
 * @param delivery        what the method promises about requests sent again.
 * @param description     the {@code description} attribute, empty when absent.
 * @param line            the line of the schema the method is declared on, for messages.
 */
public record MethodDefinition(
    String name,
    int id,
    MethodKind kind,
    String requestMessage,
    String responseMessage,
    Delivery delivery,
    String description,
    int line)
{
    /**
     * Checks that no part is missing.
     *
     * @param name            the method's name, a Java identifier.
     * @param id              the method id requests carry, positive and unique within the service.
     * @param kind            how many messages travel each way.
     * @param requestMessage  the name of the {@code sbe:message} a request holds.
     * @param responseMessage the name of the {@code sbe:message} a response holds.
     * @param delivery        what the method promises about requests sent again.
     * @param description     the {@code description} attribute, empty when absent.
     * @param line            the line of the schema the method is declared on, for messages.
     */
    public MethodDefinition
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(requestMessage, "requestMessage");
        if (MethodKind.ONE_WAY != kind)
        {
            Objects.requireNonNull(responseMessage, "responseMessage");
        }
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(description, "description");
    }

    /**
     * Whether the method is a one-way message: sent, never answered.
     *
     * @return true for kind one-way.
     */
    public boolean oneWay()
    {
        return MethodKind.ONE_WAY == kind;
    }

    /**
     * Whether the method answers with a stream of responses.
     *
     * @return true for kind server-stream.
     */
    public boolean serverStream()
    {
        return MethodKind.SERVER_STREAM == kind;
    }

    /**
     * Whether the client sends a stream of requests and gets one response.
     *
     * @return true for kind client-stream.
     */
    public boolean clientStream()
    {
        return MethodKind.CLIENT_STREAM == kind;
    }

    /**
     * Whether both sides send streams.
     *
     * @return true for kind bidi-stream.
     */
    public boolean bidiStream()
    {
        return MethodKind.BIDI_STREAM == kind;
    }

    /**
     * Whether the client sends its requests as a stream of items rather than one request message.
     *
     * @return true for client-stream and bidi-stream.
     */
    public boolean clientSendsStream()
    {
        return clientStream() || bidiStream();
    }
}
