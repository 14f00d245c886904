package dev.aeronrpc.codegen.parse;

import dev.aeronrpc.codegen.model.Delivery;
import dev.aeronrpc.codegen.model.JavaNames;
import dev.aeronrpc.codegen.model.MethodDefinition;
import dev.aeronrpc.codegen.model.MethodKind;
import dev.aeronrpc.codegen.model.ServiceDefinition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the attributes of the {@code rpc:service} and {@code rpc:method} elements and turns them into the model:
 * names, ids, kinds, delivery, the messages they name, and that nothing is declared twice.
 */
final class ServiceValidator
{
    private static final List<String> SERVICE_ATTRIBUTES = List.of("name", "id", "description");
    private static final List<String> METHOD_ATTRIBUTES =
        List.of("name", "id", "kind", "request", "response", "delivery", "description");
    private static final List<String> KINDS = Arrays.stream(MethodKind.values()).map(MethodKind::xmlName).toList();
    private static final List<String> DELIVERIES = Arrays.stream(Delivery.values()).map(Delivery::xmlName).toList();


    private final Problems problems;
    private final Set<String> messageNames;

    /**
     * A validator for one schema.
     *
     * @param problems     where to report.
     * @param messageNames the names of the schema's messages, or null when SBE could not read them: the messages
     *                     named are then not checked, SBE's own problems being reported already.
     */
    ServiceValidator(final Problems problems, final Set<String> messageNames)
    {
        this.problems = problems;
        this.messageNames = messageNames;
    }

    /**
     * Validates the services of a schema.
     *
     * @param elements the {@code rpc:service} elements.
     * @return the services that are sound; complete only when no problem was reported.
     */
    List<ServiceDefinition> validate(final List<RpcElement> elements)
    {
        final Map<String, RpcElement> byName = new HashMap<>();
        final Map<Integer, RpcElement> byId = new HashMap<>();
        final List<ServiceDefinition> services = new ArrayList<>();

        for (final RpcElement element : elements)
        {
            final String rawName = element.attribute("name");
            final AttributeReader attrs = new AttributeReader(element, Problems.service(rawName), problems);
            attrs.rejectUnknown(SERVICE_ATTRIBUTES);
            final String name = attrs.javaName("name");
            final int id = attrs.id("id");
            final String description = attrs.optional("description");

            final RpcElement sameName = null != name ? byName.putIfAbsent(name, element) : null;
            if (null != sameName)
            {
                attrs.problem("service name " + name + " is already used by the service on line " + sameName.line);
            }
            final RpcElement sameId = 0 != id ? byId.putIfAbsent(id, element) : null;
            if (null != sameId)
            {
                attrs.problem("service id " + id + " is already used by " + describe(sameId));
            }

            final List<MethodDefinition> methods = validateMethods(rawName, element.children);
            if (attrs.isSound() && methods.size() == element.children.size())
            {
                services.add(new ServiceDefinition(name, id, description, element.line, methods));
            }
        }
        return services;
    }

    private List<MethodDefinition> validateMethods(final String serviceName, final List<RpcElement> elements)
    {
        final Map<String, RpcElement> byName = new HashMap<>();
        final Map<Integer, RpcElement> byId = new HashMap<>();
        final Map<String, RpcElement> byConstant = new HashMap<>();
        final List<MethodDefinition> methods = new ArrayList<>();

        for (final RpcElement element : elements)
        {
            final AttributeReader attrs =
                new AttributeReader(element, Problems.method(serviceName, element.attribute("name")), problems);
            attrs.rejectUnknown(METHOD_ATTRIBUTES);
            final String name = attrs.javaName("name");
            final int id = attrs.id("id");
            final MethodKind kind = kind(attrs);
            final String request = message(attrs, "request");
            final String response;
            final Delivery delivery = attrs.choice("delivery", Delivery::fromXmlName, DELIVERIES, Delivery.DEFAULT);
            if (MethodKind.ONE_WAY == kind)
            {
                // Nothing answers a one-way message, so nothing can tell the sender it was lost: no response,
                // no retries.
                response = null;
                if (null != element.attribute("response"))
                {
                    attrs.problem("a one-way method has no response");
                }
                if (Delivery.AT_MOST_ONCE != delivery)
                {
                    attrs.problem("a one-way method is never answered, so it can only be at-most-once");
                }
            }
            else
            {
                response = message(attrs, "response");
                if (null != kind && MethodKind.UNARY != kind && Delivery.AT_MOST_ONCE != delivery)
                {
                    attrs.problem("a stream is never sent again, so it can only be at-most-once");
                }
            }
            final String description = attrs.optional("description");

            final RpcElement sameName = null != name ? byName.putIfAbsent(name, element) : null;
            if (null != sameName)
            {
                attrs.problem("method name " + name + " is already used by the method on line " + sameName.line);
            }
            else if (null != name)
            {
                // fooBar and foo_bar would share the constant FOO_BAR_METHOD_ID.
                final String constant = JavaNames.methodIdConstant(name);
                final RpcElement sameConstant = byConstant.putIfAbsent(constant, element);
                if (null != sameConstant)
                {
                    attrs.problem("its id constant " + constant + " is also that of " + describe(sameConstant));
                }
            }
            final RpcElement sameId = 0 != id ? byId.putIfAbsent(id, element) : null;
            if (null != sameId)
            {
                attrs.problem("method id " + id + " is already used by " + describe(sameId));
            }

            if (attrs.isSound())
            {
                methods.add(new MethodDefinition(
                    name, id, kind, request, response, delivery, description, element.line));
            }
        }
        return methods;
    }

    private static MethodKind kind(final AttributeReader attrs)
    {
        return attrs.choice("kind", MethodKind::fromXmlName, KINDS, null);
    }

    private String message(final AttributeReader attrs, final String attribute)
    {
        final String name = attrs.required(attribute);
        if (null != name && null != messageNames && !messageNames.contains(name))
        {
            attrs.problem(attribute + " names message " + name + ", which the schema does not declare");
        }
        return name;
    }

    private static String describe(final RpcElement element)
    {
        final String name = element.attribute("name");
        return element.name + (null != name ? " " + name : "") + " (line " + element.line + ")";
    }
}
