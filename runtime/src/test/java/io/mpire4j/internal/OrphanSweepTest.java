package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep of socket directories left by killed parents removes only what a pool made: never
 * through a symbolic link, never a directory holding anything but the socket.
 */
class OrphanSweepTest {
    /** A pid no process has: above Linux's largest pid_max. */
    private static final long DEAD = 99_999_999L;

    @TempDir
    Path tmp;

    private Path orphan(String name) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve(name));
        Files.writeString(dir.resolve("s"), "");
        return dir;
    }

    @Test
    void anOrphanWithTheExpectedLayoutIsRemoved() throws IOException {
        Path dir = orphan(ChildChannel.PREFIX + DEAD + "-123");
        ChildChannel.sweepOrphans(tmp);
        assertFalse(Files.exists(dir));
    }

    @Test
    void aLiveParentsDirectoryIsKept() throws IOException {
        Path dir = orphan(ChildChannel.PREFIX + ProcessHandle.current().pid() + "-123");
        ChildChannel.sweepOrphans(tmp);
        assertTrue(Files.exists(dir.resolve("s")));
    }

    @Test
    void aSymbolicLinkIsNeverFollowed() throws IOException {
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("s"), "precious");
        Path link = Files.createSymbolicLink(tmp.resolve(ChildChannel.PREFIX + DEAD + "-7"), elsewhere);
        ChildChannel.sweepOrphans(tmp);
        assertTrue(Files.exists(elsewhere.resolve("s")), "the sweep deleted a file through a link");
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void aDirectoryHoldingMoreThanTheSocketIsLeftWhole() throws IOException {
        Path dir = orphan(ChildChannel.PREFIX + DEAD + "-8");
        Files.writeString(dir.resolve("notes"), "someone's");
        ChildChannel.sweepOrphans(tmp);
        assertTrue(Files.exists(dir.resolve("s")), "the socket of an unexpected layout was deleted");
        assertTrue(Files.exists(dir.resolve("notes")));
    }

    @Test
    void aSocketThatIsADirectoryOrALinkIsLeft() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve(ChildChannel.PREFIX + DEAD + "-9"));
        Files.createDirectory(dir.resolve("s"));
        Path linked = Files.createDirectory(tmp.resolve(ChildChannel.PREFIX + DEAD + "-10"));
        Files.createSymbolicLink(linked.resolve("s"), dir);
        ChildChannel.sweepOrphans(tmp);
        assertTrue(Files.isDirectory(dir.resolve("s")));
        assertTrue(Files.isSymbolicLink(linked.resolve("s")));
    }

    @Test
    void namesOfAnotherLayoutAreNotOrphans() {
        assertFalse(ChildChannel.isOrphan(ChildChannel.PREFIX + "cds-root"));
        assertFalse(ChildChannel.isOrphan(ChildChannel.PREFIX + DEAD + "-12x"));
        assertFalse(ChildChannel.isOrphan(ChildChannel.PREFIX + DEAD + "-1-2"));
        assertFalse(ChildChannel.isOrphan(ChildChannel.PREFIX + "-1-2"));
        assertTrue(ChildChannel.isOrphan(ChildChannel.PREFIX + DEAD + "-12"));
    }
}
