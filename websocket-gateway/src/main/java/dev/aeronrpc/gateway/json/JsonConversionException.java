package dev.aeronrpc.gateway.json;

/**
 * JSON that does not fit the message it should become: the message names the field and what was wrong.
 */
public final class JsonConversionException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    /**
     * An error about one field.
     *
     * @param path    the field's path from the message root, such as {@code legs[1].quantity}.
     * @param problem what is wrong with it.
     */
    public JsonConversionException(final String path, final String problem)
    {
        super(path.isEmpty() ? problem : "field \"" + path + "\": " + problem);
    }
}
