package dev.aeronrpc.codegen.parse;

import java.util.List;
import java.util.Map;

/**
 * What the SAX pass learns of a schema: the rpc elements, and the lines of the SBE elements the checks may need to
 * point at, which SBE's own parser does not keep.
 *
 * @param services       the {@code rpc:service} elements, each holding its {@code rpc:method} elements.
 * @param rootLine       the line where the start tag of the {@code messageSchema} element ends.
 * @param compositeLines the line of each top-level composite type, by name.
 */
record RpcDocument(List<RpcElement> services, int rootLine, Map<String, Integer> compositeLines)
{
}
