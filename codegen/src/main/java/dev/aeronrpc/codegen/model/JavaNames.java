package dev.aeronrpc.codegen.model;

import javax.lang.model.SourceVersion;

/**
 * The names generated code gives to things, in one place: the validator needs them to catch clashes before any file
 * is written, and the generators to write the files.
 */
public final class JavaNames
{
    private JavaNames()
    {
    }

    /**
     * Whether a name can be a Java class, method or field name.
     *
     * @param name a name from the schema.
     * @return true for a Java identifier that is not a keyword or literal.
     */
    public static boolean isJavaIdentifier(final String name)
    {
        return SourceVersion.isIdentifier(name) && !SourceVersion.isKeyword(name);
    }

    /**
     * The class SBE's Java generator writes to encode a message or composite.
     *
     * @param sbeName the {@code name} of an {@code sbe:message} or composite.
     * @return the encoder's simple class name, as SBE forms it: first letter upper-cased, then {@code Encoder}.
     */
    public static String encoderName(final String sbeName)
    {
        return upperFirst(sbeName) + "Encoder";
    }

    /**
     * The class SBE's Java generator writes to decode a message or composite.
     *
     * @param sbeName the {@code name} of an {@code sbe:message} or composite.
     * @return the decoder's simple class name, as SBE forms it: first letter upper-cased, then {@code Decoder}.
     */
    public static String decoderName(final String sbeName)
    {
        return upperFirst(sbeName) + "Decoder";
    }

    /**
     * The class SBE's Java generator writes for an enum type.
     *
     * @param sbeName the {@code name} of an enum.
     * @return the enum's simple class name.
     */
    public static String enumName(final String sbeName)
    {
        return upperFirst(sbeName);
    }

    /**
     * The typed client proxy of a service.
     *
     * @param serviceName the {@code name} of an {@code rpc:service}.
     * @return the proxy's simple class name.
     */
    public static String clientName(final String serviceName)
    {
        return serviceName + "Client";
    }

    /**
     * The server stub of a service.
     *
     * @param serviceName the {@code name} of an {@code rpc:service}.
     * @return the stub's simple class name.
     */
    public static String stubName(final String serviceName)
    {
        return serviceName + "Stub";
    }

    /**
     * The constant of a service interface that holds a method's id.
     *
     * @param methodName the {@code name} of an {@code rpc:method}, such as {@code getBalance}.
     * @return the constant's name, such as {@code GET_BALANCE_METHOD_ID}.
     */
    public static String methodIdConstant(final String methodName)
    {
        return upperSnake(methodName) + "_METHOD_ID";
    }

    /**
     * The name of the constant holding a method's declared delivery guarantee.
     *
     * @param methodName the method's name.
     * @return {@code DEPOSIT_DELIVERY} for {@code deposit}.
     */
    public static String deliveryConstant(final String methodName)
    {
        return upperSnake(methodName) + "_DELIVERY";
    }

    /**
     * The name of the constant holding a method's descriptor.
     *
     * @param methodName the method's name.
     * @return {@code DEPOSIT_METHOD} for {@code deposit}.
     */
    public static String descriptorConstant(final String methodName)
    {
        return upperSnake(methodName) + "_METHOD";
    }

    /**
     * A camel-case name in upper snake case: {@code getBalance} to {@code GET_BALANCE}, {@code readHTTPHeader} to
     * {@code READ_HTTP_HEADER}.
     *
     * @param name a Java identifier.
     * @return the name in upper case with words split by underscores.
     */
    public static String upperSnake(final String name)
    {
        final StringBuilder sb = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (i > 0 && Character.isUpperCase(c) && startsWord(name, i))
            {
                sb.append('_');
            }
            sb.append(Character.toUpperCase(c));
        }
        return sb.toString();
    }

    private static boolean startsWord(final String name, final int i)
    {
        final char previous = name.charAt(i - 1);
        if (Character.isLowerCase(previous) || Character.isDigit(previous))
        {
            return true;
        }
        // The last capital of an acronym starts the next word: HTTPHeader is HTTP_HEADER.
        return Character.isUpperCase(previous) && i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
    }

    private static String upperFirst(final String name)
    {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
