package dev.aeronrpc.codegen.parse;

import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.DefaultHandler2;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code rpc:} elements of a schema with SAX, which, unlike the DOM SBE builds, knows the line of each
 * element. Reports misplaced and unknown {@code rpc:} elements; the attributes are left to {@link ServiceValidator}.
 */
final class RpcElementReader extends DefaultHandler2
{
    private final Problems problems;
    private final List<RpcElement> services = new ArrayList<>();
    private final Map<String, Integer> compositeLines = new HashMap<>();
    private final Set<String> reportedForeignRpcPrefixes = new HashSet<>();
    private final Deque<Frame> open = new ArrayDeque<>();
    private Locator locator;
    private int lastEventEndLine = 1;
    private int rootLine = 1;

    private RpcElementReader(final Problems problems)
    {
        this.problems = problems;
    }

    /**
     * Reads a schema.
     *
     * @param xml      the schema's bytes.
     * @param systemId where the schema came from, to resolve relative references.
     * @param problems where to report what is wrong.
     * @return what was read, or null when the document is not well-formed XML (reported as a problem).
     * @throws IOException when the XML parser cannot be set up or read.
     */
    static RpcDocument read(final byte[] xml, final String systemId, final Problems problems) throws IOException
    {
        final RpcElementReader handler = new RpcElementReader(problems);
        try
        {
            final SAXParserFactory factory = SAXParserFactory.newInstance();
            // No more restrictions than SBE's own parser, which reads the same file: a schema SbeTool accepts is
            // read here too.
            factory.setNamespaceAware(true);
            final XMLReader reader = factory.newSAXParser().getXMLReader();
            reader.setContentHandler(handler);
            reader.setErrorHandler(handler);
            // Comments are events too: without them the start line of an element after a comment would be wrong.
            reader.setProperty("http://xml.org/sax/properties/lexical-handler", handler);

            final InputSource source = new InputSource(new ByteArrayInputStream(xml));
            source.setSystemId(systemId);
            reader.parse(source);
        }
        catch (final SAXParseException ex)
        {
            problems.add(ex.getLineNumber() > 0 ? ex.getLineNumber() : Problems.NO_LINE, null,
                "not well-formed XML: " + ex.getMessage());
            return null;
        }
        catch (final SAXException | ParserConfigurationException ex)
        {
            throw new IOException("cannot read " + systemId + ": " + ex.getMessage(), ex);
        }

        return new RpcDocument(List.copyOf(handler.services), handler.rootLine, Map.copyOf(handler.compositeLines));
    }

    @Override
    public void setDocumentLocator(final Locator locator)
    {
        this.locator = locator;
    }

    @Override
    public void startElement(final String uri, final String localName, final String qName, final Attributes attrs)
    {
        // The locator stands at the end of the start tag; the tag began where the previous event ended, which for
        // a tag spread over several lines is the line worth reporting.
        final int line = lastEventEndLine;
        final Frame parent = open.peek();
        RpcElement element = null;

        if (null == parent)
        {
            // Nothing before the root is reported, so where its start tag begins is unknown: take where it ends.
            rootLine = null != locator ? locator.getLineNumber() : line;
        }
        else if (ServiceSchemaParser.RPC_NAMESPACE.equals(uri))
        {
            element = startRpcElement(localName, line, attrs, parent);
        }
        else
        {
            checkForeignElement(uri, qName, line, parent);
            if (open.size() == 2 && "composite".equals(localName) && null != attrs.getValue("name"))
            {
                compositeLines.putIfAbsent(attrs.getValue("name"), line);
            }
        }

        open.push(new Frame(element, null != parent ? parent.subject(element) : null));
        endEvent();
    }

    @Override
    public void endElement(final String uri, final String localName, final String qName)
    {
        open.pop();
        endEvent();
    }

    @Override
    public void characters(final char[] ch, final int start, final int length)
    {
        endEvent();
    }

    @Override
    public void ignorableWhitespace(final char[] ch, final int start, final int length)
    {
        endEvent();
    }

    @Override
    public void processingInstruction(final String target, final String data)
    {
        endEvent();
    }

    @Override
    public void comment(final char[] ch, final int start, final int length)
    {
        endEvent();
    }

    @Override
    public void fatalError(final SAXParseException ex) throws SAXException
    {
        throw ex;
    }

    private RpcElement startRpcElement(
        final String localName, final int line, final Attributes attrs, final Frame parent)
    {
        final boolean parentIsRoot = open.size() == 1;
        final boolean parentIsService = null != parent.element && RpcElement.SERVICE.equals(parent.element.name);

        switch (localName)
        {
            case RpcElement.SERVICE:
                if (!parentIsRoot)
                {
                    problems.add(line, parent.subject, "rpc:service must be a child of the messageSchema element");
                    return null;
                }
                final RpcElement service = new RpcElement(localName, line, unqualified(attrs));
                services.add(service);
                return service;

            case RpcElement.METHOD:
                if (!parentIsService)
                {
                    problems.add(line, parent.subject, "rpc:method must be a child of an rpc:service");
                    return null;
                }
                final RpcElement method = new RpcElement(localName, line, unqualified(attrs));
                parent.element.children.add(method);
                return method;

            default:
                // SBE reads any element named "message" under the root as a message, whatever its namespace.
                final String hint = "message".equals(localName) ?
                    " (messages are sbe:message elements; SBE would read this one as a message too)" : "";
                problems.add(line, parent.subject,
                    "unknown element rpc:" + localName + ": the rpc namespace has only service and method" + hint);
                return null;
        }
    }

    private void checkForeignElement(final String uri, final String qName, final int line, final Frame parent)
    {
        if (null != parent.element)
        {
            problems.add(line, parent.subject, "unexpected element <" + qName + "> inside rpc:" + parent.element.name +
                (RpcElement.SERVICE.equals(parent.element.name) ? ", which holds only rpc:method elements" : ""));
        }

        // A mistyped namespace would make every service vanish without a word.
        if (qName.startsWith("rpc:") && reportedForeignRpcPrefixes.add(uri))
        {
            problems.add(line, null, "prefix rpc is bound to '" + uri + "', not " + ServiceSchemaParser.RPC_NAMESPACE +
                ": its elements would be ignored");
        }
    }

    private void endEvent()
    {
        if (null != locator)
        {
            lastEventEndLine = locator.getLineNumber();
        }
    }

    private static Map<String, String> unqualified(final Attributes attrs)
    {
        // Attributes of other namespaces belong to other tools: not ours to check.
        final Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < attrs.getLength(); i++)
        {
            if (attrs.getURI(i).isEmpty())
            {
                map.put(attrs.getLocalName(i), attrs.getValue(i));
            }
        }
        return map;
    }

    /**
     * An open element: the rpc element it is, if any, and the subject problems inside it concern.
     */
    private record Frame(RpcElement element, String subject)
    {
        String subject(final RpcElement child)
        {
            if (null == child)
            {
                return subject;
            }
            final String name = child.attribute("name");
            return RpcElement.SERVICE.equals(child.name) ?
                Problems.service(name) : Problems.method(null != element ? element.attribute("name") : null, name);
        }
    }
}
