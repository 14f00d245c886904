package dev.aeronrpc.codegen.model;

/**
 * How many messages travel each way in a call, as written in the {@code kind} attribute of an {@code rpc:method}.
 */
public enum MethodKind
{
    /** One request, one response. */
    UNARY("unary"),
    /** One request, a stream of responses. */
    SERVER_STREAM("server-stream"),
    /** A stream of requests, one response. */
    CLIENT_STREAM("client-stream"),
    /** Streams both ways. */
    BIDI_STREAM("bidi-stream"),
    /** One request, no response. */
    ONE_WAY("one-way");

    private final String xmlName;

    MethodKind(final String xmlName)
    {
        this.xmlName = xmlName;
    }

    /**
     * The spelling used in the schema.
     *
     * @return the value of the {@code kind} attribute for this kind.
     */
    public String xmlName()
    {
        return xmlName;
    }

    /**
     * The kind an attribute value names.
     *
     * @param xmlName the value of a {@code kind} attribute.
     * @return the kind, or null when the value names none.
     */
    public static MethodKind fromXmlName(final String xmlName)
    {
        for (final MethodKind kind : values())
        {
            if (kind.xmlName.equals(xmlName))
            {
                return kind;
            }
        }
        return null;
    }
}
