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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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

    /** A stand-in for the training JVM: after {@code seconds}, writes the archive it was asked for, or fails. */
    private Path fakeJava(String seconds, boolean succeed) throws IOException {
        Path script = tmp.resolve(succeed ? "java-ok" : "java-fails");
        Files.writeString(script, String.join("\n", "#!/bin/sh",
                "out=\"${1#*=}\"",
                "sleep " + seconds,
                succeed ? "printf archive > \"$out\"" : "exit 3", ""));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(20); // polling a file condition, as Awaitility would
        }
    }

    private static List<String> leftovers(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".tmp") || n.endsWith(".config") || n.endsWith(".lock")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void trainingOutlivesTheShortProgramThatStartedItAndLeavesOnlyTheArchive() throws Exception {
        Path dir = tmp.resolve("cache/mpire4j/cds");
        assertNull(ClassDataArchive.privateDirProblem(dir));
        Path fake = fakeJava("1", true);
        Process program = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TrainThenExit.class.getName(), dir.toString(),
                fake.toString()).inheritIO().start();
        assertTrue(program.waitFor(30, TimeUnit.SECONDS), "the short program did not exit");
        assertEquals(0, program.exitValue());
        // The program is gone; its training carries on and renames the archive into place.
        awaitUntil(() -> Files.isRegularFile(dir.resolve("k.aot")), "the archive appears after its program exited");
        awaitUntil(() -> leftovers(dir).isEmpty(), "no temporary file or lock is left: " + leftovers(dir));
        assertEquals("archive", Files.readString(dir.resolve("k.aot")));
        assertFalse(Files.exists(dir.resolve("k.failed")));
    }

    @Test
    void aFailedTrainingIsMarkedAndLeavesNothingBehind() throws Exception {
        Path dir = tmp.resolve("cache/mpire4j/cds");
        assertNull(ClassDataArchive.privateDirProblem(dir));
        ClassDataArchive archive = new ClassDataArchive(true, dir, "k", List.of(fakeJava("0", false).toString()));
        archive.train();
        awaitUntil(() -> Files.exists(dir.resolve("k.failed")) && leftovers(dir).isEmpty(),
                "the failure is marked and nothing is left: " + leftovers(dir));
        assertTrue(Files.readString(dir.resolve("k.failed")).contains("exit code 3"));
        assertFalse(archive.ready());
        archive.train(); // marked failed: no second attempt
        assertTrue(leftovers(dir).isEmpty());
    }
}
