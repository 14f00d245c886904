package dev.aeronrpc.codegen.model;

/**
 * What a method promises about running a request that is sent again, as written in the {@code delivery} attribute of
 * an {@code rpc:method}. The attribute is optional: {@link #AT_MOST_ONCE} when absent.
 */
public enum Delivery
{
    /** A request runs once or not at all; a caller that gets no answer does not know which. */
    AT_MOST_ONCE("at-most-once"),
    /** A request is sent again until answered, so it may run more than once. */
    AT_LEAST_ONCE("at-least-once"),
    /** A request sent again is recognised and answered from the first run. */
    EXACTLY_ONCE("exactly-once");

    /** The delivery of a method whose schema says nothing. */
    public static final Delivery DEFAULT = AT_MOST_ONCE;

    private final String xmlName;

    Delivery(final String xmlName)
    {
        this.xmlName = xmlName;
    }

    /**
     * The spelling used in the schema.
     *
     * @return the value of the {@code delivery} attribute for this guarantee.
     */
    public String xmlName()
    {
        return xmlName;
    }

    /**
     * The guarantee an attribute value names.
     *
     * @param xmlName the value of a {@code delivery} attribute.
     * @return the guarantee, or null when the value names none.
     */
    public static Delivery fromXmlName(final String xmlName)
    {
        for (final Delivery delivery : values())
        {
            if (delivery.xmlName.equals(xmlName))
            {
                return delivery;
            }
        }
        return null;
    }
}
