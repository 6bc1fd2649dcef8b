package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.spi.SelectorProvider;
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
        List<String> flags = ChildLauncher.flags(List.of());
        assertEquals(ChildLauncher.FLAGS, flags.subList(0, ChildLauncher.FLAGS.size()));
        assertEquals(List.of("-Djava.nio.channels.spi.SelectorProvider="
                + SelectorProvider.provider().getClass().getName()), flags.subList(ChildLauncher.FLAGS.size(), flags.size()),
                "and the JDK's selector provider, named");
    }

    @Test
    void aSelectorProviderOfTheUsersIsNotNamed() {
        SelectorProvider own = new SelectorProvider() {
            @Override
            public java.nio.channels.DatagramChannel openDatagramChannel() {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.nio.channels.DatagramChannel openDatagramChannel(java.net.ProtocolFamily family) {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.nio.channels.Pipe openPipe() {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.nio.channels.spi.AbstractSelector openSelector() {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.nio.channels.ServerSocketChannel openServerSocketChannel() {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.nio.channels.SocketChannel openSocketChannel() {
                throw new UnsupportedOperationException();
            }
        };
        assertNull(ChildLauncher.selectorProviderFlag(own));
        List<String> flags = ChildLauncher.flags(List.of("-Djava.nio.channels.spi.SelectorProvider=x.Mine"));
        assertEquals(1, flags.stream().filter(f -> f.contains("SelectorProvider")).count(), "the user's choice only: " + flags);
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
