package dev.aeronrpc.core;

import io.aeron.Aeron;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JvmAccessCheckTest
{
    @Test
    void shouldPassInAJvmStartedWithTheFlags()
    {
        // Surefire starts this JVM with the flags (the parent pom's argLine).
        assertDoesNotThrow(JvmAccessCheck::check);
    }

    @Test
    void shouldFindBothPackagesClosedToAModuleNotGivenThem()
    {
        // java.logging is a named module that no flag opens anything to: both packages are closed to it.
        final Module javaLogging = java.util.logging.Logger.class.getModule();

        assertEquals(JvmAccessCheck.PACKAGES, JvmAccessCheck.closedPackages(Object.class.getModule(), javaLogging));
        assertEquals(List.of(), JvmAccessCheck.closedPackages(Object.class.getModule(), getClass().getModule()));
    }

    @Test
    void shouldGiveTheExactFlagsAndEveryWayToSetThem()
    {
        final String message = JvmAccessCheck.message(List.of("jdk.internal.misc"));

        assertTrue(message.startsWith("aeron-rpc cannot start: "), message);
        assertTrue(message.contains("this JVM keeps java.base/jdk.internal.misc closed;"), message);
        assertTrue(message.contains(
            "    --add-opens java.base/jdk.internal.misc=ALL-UNNAMED --add-opens java.base/java.util.zip=ALL-UNNAMED"),
            message);
        assertTrue(message.contains("JDK_JAVA_OPTIONS=\"" + JvmAccessCheck.JVM_FLAGS + "\""), message);
        assertTrue(message.contains("Add-Opens: java.base/jdk.internal.misc java.base/java.util.zip"), message);
        assertTrue(message.contains("<argLine>" + JvmAccessCheck.JVM_FLAGS + "</argLine>"), message);
        assertTrue(message.contains(".mvn/jvm.config"), message);
        assertTrue(message.contains("VM options"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = { "server", "client" })
    @Timeout(60)
    void shouldFailWithTheFlagsRatherThanAgronasErrorInAJvmWithoutThem(final String side) throws Exception
    {
        final Process process = startWithoutFlags(side);
        try
        {
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), output);

            assertNotEquals(0, process.exitValue(), output);
            assertTrue(output.contains("java.lang.IllegalStateException: aeron-rpc cannot start"), output);
            assertTrue(output.contains("    " + JvmAccessCheck.JVM_FLAGS), output);
            assertFalse(output.contains("java.lang.IllegalAccessError"), output);
            assertFalse(output.contains("launched") || output.contains("connected"), output);
        }
        finally
        {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    private static Process startWithoutFlags(final String side) throws IOException, URISyntaxException
    {
        // The class path of a user's application: the framework, Aeron, and the application's own classes.
        final String classPath = String.join(File.pathSeparator,
            locationOf(JvmAccessCheck.class), locationOf(Aeron.class), locationOf(LaunchWithoutJvmFlags.class));
        final ProcessBuilder builder = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
            "-cp", classPath, LaunchWithoutJvmFlags.class.getName(), side, "40999")
            .redirectErrorStream(true);
        // Nothing may slip the flags in.
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        return builder.start();
    }

    private static String locationOf(final Class<?> type) throws URISyntaxException
    {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
