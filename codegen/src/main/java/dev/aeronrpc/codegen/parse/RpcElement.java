package dev.aeronrpc.codegen.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@code rpc:service} or {@code rpc:method} element as written, before validation: its line, its unqualified
 * attributes and, for a service, its methods.
 */
final class RpcElement
{
    static final String SERVICE = "service";
    static final String METHOD = "method";

    final String name;
    final int line;
    final Map<String, String> attributes;
    final List<RpcElement> children = new ArrayList<>();

    RpcElement(final String name, final int line, final Map<String, String> attributes)
    {
        this.name = name;
        this.line = line;
        this.attributes = attributes;
    }

    String attribute(final String attributeName)
    {
        return attributes.get(attributeName);
    }
}
