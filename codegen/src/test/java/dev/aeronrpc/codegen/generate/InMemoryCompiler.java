package dev.aeronrpc.codegen.generate;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles sources in memory, against the test class path, and loads the classes: for checking that generated code
 * compiles, without writing class files anywhere.
 */
final class InMemoryCompiler
{
    private InMemoryCompiler()
    {
    }

    /**
     * Compiles sources with all lint warnings on and as errors.
     *
     * @param sources the source of each class, by fully qualified class name.
     * @return a class loader holding the compiled classes.
     * @throws AssertionError listing the compiler's diagnostics when compilation fails.
     */
    static ClassLoader compile(final Map<String, String> sources)
    {
        final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        final DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        final Map<String, ByteArrayOutputStream> classes = new HashMap<>();

        final List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((className, source) -> units.add(new Source(className, source)));

        final StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, null, null);
        try (JavaFileManager fileManager = new ClassOutput(standard, classes))
        {
            final List<String> options = List.of(
                "-classpath", System.getProperty("java.class.path"),
                "-Xlint:all,-processing,-serial", "-Werror");
            final boolean compiled = compiler.getTask(null, fileManager, diagnostics, options, null, units).call();
            if (!compiled)
            {
                final StringBuilder sb = new StringBuilder("generated code does not compile:");
                for (final Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics())
                {
                    sb.append('\n').append(null != d.getSource() ? d.getSource().getName() : "")
                        .append(':').append(d.getLineNumber()).append(": ").append(d.getMessage(null));
                }
                throw new AssertionError(sb.toString());
            }
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }

        return new ClassLoader(InMemoryCompiler.class.getClassLoader())
        {
            @Override
            protected Class<?> findClass(final String name) throws ClassNotFoundException
            {
                final ByteArrayOutputStream bytes = classes.get(name);
                if (null == bytes)
                {
                    throw new ClassNotFoundException(name);
                }
                final byte[] code = bytes.toByteArray();
                return defineClass(name, code, 0, code.length);
            }
        };
    }

    private static final class Source extends SimpleJavaFileObject
    {
        private final String source;

        Source(final String className, final String source)
        {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.source = source;
        }

        @Override
        public CharSequence getCharContent(final boolean ignoreEncodingErrors)
        {
            return source;
        }
    }

    private static final class ClassOutput extends ForwardingJavaFileManager<StandardJavaFileManager>
    {
        private final Map<String, ByteArrayOutputStream> classes;

        ClassOutput(final StandardJavaFileManager delegate, final Map<String, ByteArrayOutputStream> classes)
        {
            super(delegate);
            this.classes = classes;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(
            final Location location, final String className, final JavaFileObject.Kind kind, final FileObject sibling)
        {
            return new SimpleJavaFileObject(URI.create("bytes:///" + className.replace('.', '/')), kind)
            {
                @Override
                public OutputStream openOutputStream()
                {
                    return classes.computeIfAbsent(className, k -> new ByteArrayOutputStream());
                }
            };
        }
    }
}
