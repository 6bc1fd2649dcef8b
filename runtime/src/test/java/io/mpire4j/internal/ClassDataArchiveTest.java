package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where class-data archives live: a directory of the user's own, checked before use, never
 * reached through a symbolic link; and no trainer's temporary file or lock outlives it.
 */
class ClassDataArchiveTest {
    /** A pid no process has: above Linux's largest pid_max. */
    private static final long DEAD = 99_999_999L;

    @TempDir
    Path tmp;

    @Test
    void theDirectoryIsTheUsersCache() {
        assertEquals(Path.of("/x/cache/mpire4j/cds"), ClassDataArchive.cacheDir("/x/cache", "/home/u"));
        assertEquals(Path.of("/home/u/.cache/mpire4j/cds"), ClassDataArchive.cacheDir(null, "/home/u"));
        assertEquals(Path.of("/home/u/.cache/mpire4j/cds"), ClassDataArchive.cacheDir("relative", "/home/u"));
        assertNull(ClassDataArchive.cacheDir("", ""));
    }

    @Test
    void aMissingDirectoryIsMadePrivate() throws IOException {
        Path dir = tmp.resolve("cache/mpire4j/cds");
        assertNull(ClassDataArchive.privateDirProblem(dir));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.getParent())));
    }

    @Test
    void aSymbolicLinkIsRefused() throws IOException {
        Path real = Files.createDirectories(tmp.resolve("real"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path parent = Files.createDirectory(tmp.resolve("mpire4j"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path link = Files.createSymbolicLink(parent.resolve("cds"), real);
        assertNotNull(ClassDataArchive.privateDirProblem(link));
        Path linkedParent = Files.createSymbolicLink(tmp.resolve("other"), parent);
        assertNotNull(ClassDataArchive.privateDirProblem(linkedParent.resolve("cds2")));
        assertFalse(Files.exists(parent.resolve("cds2")), "a directory was made through the link");
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void aDirectoryOpenToOthersIsRefused() throws IOException {
        Path parent = Files.createDirectory(tmp.resolve("mpire4j"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path dir = Files.createDirectory(parent.resolve("cds"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        String problem = ClassDataArchive.privateDirProblem(dir);
        assertNotNull(problem);
        assertTrue(problem.contains("open to others"), problem);
    }

    @Test
    void aFileInPlaceOfTheDirectoryIsRefused() throws IOException {
        Path parent = Files.createDirectory(tmp.resolve("mpire4j"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(parent.resolve("cds"), "");
        assertNotNull(ClassDataArchive.privateDirProblem(parent.resolve("cds")));
    }

    @Test
    void leftoversOfDeadTrainersAreRecognized() throws IOException {
        long me = ProcessHandle.current().pid();
        assertTrue(ClassDataArchive.orphanedTemp("0123abcd.aot." + DEAD + "-1f2e.tmp"));
        assertTrue(ClassDataArchive.orphanedTemp("0123abcd.jsa." + DEAD + "-1f2e.tmp.config"));
        assertFalse(ClassDataArchive.orphanedTemp("0123abcd.aot." + me + "-1f2e.tmp"));
        assertFalse(ClassDataArchive.orphanedTemp("0123abcd.aot"));
        assertFalse(ClassDataArchive.orphanedTemp("0123abcd.aot.x-1.tmp"));

        Path dead = Files.writeString(tmp.resolve("k.aot.lock"), Long.toString(DEAD));
        Path live = Files.writeString(tmp.resolve("l.aot.lock"), Long.toString(me));
        assertTrue(ClassDataArchive.staleLock(dead));
        assertFalse(ClassDataArchive.staleLock(live));
        assertFalse(Files.exists(tmp.resolve("none.lock"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(ClassDataArchive.staleLock(tmp.resolve("none.lock")));
    }
}
