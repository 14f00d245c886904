package dev.aeronrpc.codegen.generate;

import dev.aeronrpc.codegen.model.MethodDefinition;
import dev.aeronrpc.codegen.model.ServiceDefinition;
import dev.aeronrpc.codegen.model.ServiceSchema;

/**
 * What the three service files share: how they begin, and how they describe services and methods.
 * <p>
 * The files name the framework's types in full, as {@code dev.aeronrpc.core.RpcException}: they live in the schema's
 * package beside the codecs, where a message or service could take any simple name.
 */
final class ServiceSource
{
    static final String RPC_EXCEPTION = "dev.aeronrpc.core.RpcException";
    static final String STATUS = "dev.aeronrpc.core.Status";
    static final String DELIVERY = "dev.aeronrpc.core.Delivery";
    static final String RPC_CLIENT = "dev.aeronrpc.client.RpcClient";
    static final String SERVICE_CLIENT = "dev.aeronrpc.client.ServiceClient";
    static final String CALL_OPTIONS = "dev.aeronrpc.client.CallOptions";
    static final String METHOD_DESCRIPTOR = "dev.aeronrpc.core.MethodDescriptor";
    static final String DECODER_FLYWEIGHT = "org.agrona.sbe.MessageDecoderFlyweight";
    static final String RESPONSE_LISTENER = "dev.aeronrpc.client.ResponseListener";
    static final String SERVICE_STUB = "dev.aeronrpc.server.ServiceStub";
    static final String SERVER_CALL = "dev.aeronrpc.server.ServerCall";
    static final String STREAM_SINK = "dev.aeronrpc.server.StreamSink";
    static final String CLIENT_STREAM = "dev.aeronrpc.client.ClientStream";
    static final String STREAM_OBSERVER = "dev.aeronrpc.core.StreamObserver";
    static final String INBOUND_STREAM = "dev.aeronrpc.server.InboundStream";
    static final String RESPONDER = "dev.aeronrpc.server.Responder";
    static final String CLIENT_STREAM_CALL = "dev.aeronrpc.client.ClientStreamCall";
    static final String BIDI_STREAM = "dev.aeronrpc.client.BidiStream";
    static final String OBJECTS = "java.util.Objects";

    private ServiceSource()
    {
    }

    /**
     * A writer holding the start of a generated file: the notice and the package.
     *
     * @param schema the schema the file is generated from.
     * @return a writer to continue with the file's class.
     */
    static JavaSourceWriter begin(final ServiceSchema schema)
    {
        // A file name is no comment text: keep it from closing the comment or forming a Unicode escape.
        final String fileName = schema.fileName().replace("*/", "* /").replace('\\', '/');
        return new JavaSourceWriter()
            .line("/* Generated from " + fileName + " by aeron-rpc codegen. Do not edit. */")
            .line("package " + schema.packageName() + ";")
            .blank();
    }

    /**
     * The service's description, as the first sentence of its documentation.
     */
    static String describe(final ServiceDefinition service)
    {
        return service.description().isEmpty() ?
            "The " + service.name() + " service." : Javadoc.sentence(Javadoc.escape(service.description()));
    }

    /**
     * The method's description, as the first sentence of its documentation.
     *
     * @param method   the method.
     * @param fallback the sentence to use when the schema gives no description.
     */
    static String describe(final MethodDefinition method, final String fallback)
    {
        return method.description().isEmpty() ? fallback : Javadoc.sentence(Javadoc.escape(method.description()));
    }

    /**
     * How a method behaves on the wire, for its documentation.
     */
    static String kindAndDelivery(final MethodDefinition method)
    {
        return "Kind: " + method.kind().xmlName() + ". Delivery: " + method.delivery().xmlName() + ".";
    }

    /**
     * A Java string literal for text made of identifiers, dots and spaces, which need no escaping.
     */
    static String quote(final String identifier)
    {
        return "\"" + identifier + "\"";
    }
}
