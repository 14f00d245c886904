package dev.aeronrpc.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that this JVM lets Agrona reach the JDK internals it needs, and says how to start it when it does not.
 * <p>
 * Agrona, under Aeron and SBE, uses {@code jdk.internal.misc.Unsafe} and the internals of {@code java.util.zip}. From
 * JDK 17 on these are closed unless the JVM starts with {@value #JVM_FLAGS}. Without them the first Agrona class that
 * needs Unsafe fails with {@code IllegalAccessError: org.agrona.UnsafeApi cannot access jdk.internal.misc.Unsafe},
 * which says nothing of the cure; {@link #check()} fails first, with the flags and where to put them.
 * <p>
 * This class must touch no Aeron or Agrona class: it runs before any of them is initialised.
 */
public final class JvmAccessCheck
{
    /** The flags Agrona needs, as the {@code java} command takes them. */
    public static final String JVM_FLAGS =
        "--add-opens java.base/jdk.internal.misc=ALL-UNNAMED --add-opens java.base/java.util.zip=ALL-UNNAMED";

    /** The same, as the value of a jar manifest's {@code Add-Opens} attribute, which {@code java -jar} honours. */
    public static final String MANIFEST_ADD_OPENS = "java.base/jdk.internal.misc java.base/java.util.zip";

    /** The packages of {@code java.base} that Agrona needs open. */
    static final List<String> PACKAGES = List.of("jdk.internal.misc", "java.util.zip");

    private JvmAccessCheck()
    {
    }

    /**
     * Checks that the packages Agrona needs are open to the code this class is part of.
     *
     * @throws IllegalStateException when one is not, with the flags and the ways to set them.
     */
    public static void check()
    {
        final List<String> closed = closedPackages(Object.class.getModule(), JvmAccessCheck.class.getModule());
        if (!closed.isEmpty())
        {
            throw new IllegalStateException(message(closed));
        }
    }

    /**
     * The packages of {@link #PACKAGES} that a module keeps closed to another.
     *
     * @param javaBase the module holding them, {@code java.base}.
     * @param reader   the module that needs them open: this class's, the unnamed module on a class path.
     * @return the closed ones, in the order of {@link #PACKAGES}.
     */
    static List<String> closedPackages(final Module javaBase, final Module reader)
    {
        final List<String> closed = new ArrayList<>();
        for (final String packageName : PACKAGES)
        {
            if (!javaBase.isOpen(packageName, reader))
            {
                closed.add(packageName);
            }
        }
        return closed;
    }

    /**
     * What to tell a person whose JVM lacks the flags.
     *
     * @param closed the packages found closed.
     * @return the message: what is wrong, the flags, and where to put them.
     */
    static String message(final List<String> closed)
    {
        final String n = System.lineSeparator();
        return "aeron-rpc cannot start: Agrona (under Aeron and SBE) needs java.base/jdk.internal.misc and " +
            "java.base/java.util.zip open on JDK 17 and later, and this JVM keeps " +
            String.join(" and ", closed.stream().map(name -> "java.base/" + name).toList()) + " closed; " +
            "without them Agrona fails with \"IllegalAccessError: org.agrona.UnsafeApi cannot access " +
            "jdk.internal.misc.Unsafe\"." + n +
            "Start the JVM with:" + n +
            n +
            "    " + JVM_FLAGS + n +
            n +
            "Ways to set them:" + n +
            "  - any java command: export JDK_JAVA_OPTIONS=\"" + JVM_FLAGS + "\"" + n +
            "  - java -jar: in the jar's manifest, Add-Opens: " + MANIFEST_ADD_OPENS +
            " (maven-jar-plugin's or maven-shade-plugin's manifestEntries)" + n +
            "  - Maven Surefire or Failsafe tests: <argLine>" + JVM_FLAGS + "</argLine>" + n +
            "  - mvn exec:java (runs in Maven's JVM): the flags on one line in .mvn/jvm.config in the project's " +
            "directory" + n +
            "  - an IDE: the flags in the run configuration's VM options";
    }
}
