package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The flags of child JVMs: the user's {@code jvmOptions} come after mpire4j's, so they win; a
 * collector the user chooses replaces mpire4j's serial one (the JVM refuses to start with two:
 * "Multiple garbage collectors selected").
 */
class ChildFlagsTest {

    @Test
    void withoutUserOptionsTheChildGetsMpire4jsFlags() {
        assertEquals(ChildLauncher.FLAGS, ChildLauncher.flags(List.of()));
    }

    @Test
    void userOptionsComeLast() {
        List<String> flags = ChildLauncher.flags(List.of("-Xmx512m", "-Dx=y"));

        assertEquals(List.of("-Xmx512m", "-Dx=y"), flags.subList(flags.size() - 2, flags.size()));
        assertTrue(flags.contains("-XX:+UseSerialGC"), flags.toString());
    }

    @Test
    void aCollectorTheUserChoosesReplacesTheSerialOne() {
        List<String> flags = ChildLauncher.flags(List.of("-Xmx3g", "-XX:+UseParallelGC"));

        assertFalse(flags.contains("-XX:+UseSerialGC"), flags.toString());
        assertEquals(1, flags.stream().filter(f -> f.startsWith("-XX:+Use") && f.endsWith("GC")).count(), flags.toString());
        assertTrue(flags.containsAll(List.of("-XX:-UsePerfData", "-Xss512k")), "the other flags stay: " + flags);
    }
}
