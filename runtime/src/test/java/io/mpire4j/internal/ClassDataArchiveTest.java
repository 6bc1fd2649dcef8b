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
        Path dir = cacheDir();
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

    /**
     * A stand-in for the JVM that builds the archive: after {@code seconds}, writes the archive it
     * was asked for (the first argument, {@code -XX:AOTCache=<file>}), or fails. Given a recording
     * ({@code -XX:AOTConfiguration=<file>}, the last argument), the archive is that recording's
     * text, so that a test sees which recording it was built from.
     */
    private Path fakeJava(String seconds, boolean succeed) throws IOException {
        Path script = tmp.resolve(succeed ? "java-ok" : "java-fails");
        Files.writeString(script, String.join("\n", "#!/bin/sh",
                "out=\"${1#*=}\"",
                "for last; do :; done",
                "sleep " + seconds,
                succeed ? "case \"$last\" in -XX:AOTConfiguration=*) cat \"${last#*=}\" > \"$out\";;"
                        + " *) printf archive > \"$out\";; esac" : "exit 3", ""));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** The archive directory, made as a pool would make it. */
    private Path cacheDir() {
        Path dir = tmp.resolve("cache/mpire4j/cds");
        assertNull(ClassDataArchive.privateDirProblem(dir));
        return dir;
    }

    /** Archive {@code k} in {@code dir} as JDK 25+ makes it, built by the stand-in {@code java}. */
    private static ClassDataArchive recorder(Path dir, Path java) {
        return new ClassDataArchive(true, dir, "k", List.of(java.toString()));
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
    void theArchiveIsBuiltFromTheRecordingEvenAfterTheProgramExitedAndOnlyTheArchiveIsLeft() throws Exception {
        Path dir = cacheDir();
        Path fake = fakeJava("1", true);
        Process program = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TrainThenExit.class.getName(), dir.toString(),
                fake.toString()).inheritIO().start();
        assertTrue(program.waitFor(30, TimeUnit.SECONDS), "the short program did not exit");
        assertEquals(0, program.exitValue());
        // The program is gone; the builder carries on and renames the archive into place.
        awaitUntil(() -> Files.isRegularFile(dir.resolve("k.aot")), "the archive appears after its program exited");
        awaitUntil(() -> leftovers(dir).isEmpty(), "no temporary file or lock is left: " + leftovers(dir));
        assertEquals("recorded", Files.readString(dir.resolve("k.aot")), "built from the worker's recording");
        assertFalse(Files.exists(dir.resolve("k.failed")));
    }

    @Test
    void oneChildRecordsAtATimeAndNoneOnceTheArchiveExists() throws Exception {
        Path dir = cacheDir();
        Path fake = fakeJava("0", true);
        ClassDataArchive first = recorder(dir, fake);
        ClassDataArchive.Recording recording = first.record();
        assertNotNull(recording);
        assertTrue(recording.flags().contains("-XX:AOTMode=record"), recording.flags().toString());
        assertTrue(recording.flags().contains("-XX:AOTConfiguration=" + recording.configuration()));
        assertNull(first.record(), "a second child of the same pool");
        assertNull(recorder(dir, fake).record(), "another pool");
        assertTrue(Files.exists(dir.resolve("k.aot.lock")), "other JVMs are kept out by the lock");

        Files.writeString(recording.configuration(), "recorded");
        first.recorded(recording);
        awaitUntil(() -> Files.isRegularFile(dir.resolve("k.aot")) && leftovers(dir).isEmpty(),
                "the archive is built and nothing else is left: " + leftovers(dir));
        ClassDataArchive later = recorder(dir, fake);
        assertTrue(later.ready());
        assertNull(later.record(), "the archive exists: nobody records");
        assertEquals(List.of("-XX:AOTCache=" + dir.resolve("k.aot")), later.useFlags());
    }

    @Test
    void aChildThatRecordedNothingGivesTheClaimBack() throws Exception {
        Path dir = cacheDir();
        Path fake = fakeJava("0", true);
        ClassDataArchive killed = recorder(dir, fake);
        ClassDataArchive.Recording recording = killed.record();
        assertNotNull(recording);
        killed.recorded(recording); // it was killed before it could write its recording
        assertTrue(leftovers(dir).isEmpty(), "lock given back: " + leftovers(dir));
        assertFalse(Files.exists(dir.resolve("k.failed")), "no failure: the next pool records again");
        assertNotNull(recorder(dir, fake).record(), "the next pool");
    }

    @Test
    void aFailedBuildIsMarkedAndLeavesNothingBehind() throws Exception {
        Path dir = cacheDir();
        ClassDataArchive archive = recorder(dir, fakeJava("0", false));
        ClassDataArchive.Recording recording = archive.record();
        Files.writeString(recording.configuration(), "recorded");
        archive.recorded(recording);
        awaitUntil(() -> Files.exists(dir.resolve("k.failed")) && leftovers(dir).isEmpty(),
                "the failure is marked and nothing is left: " + leftovers(dir));
        assertTrue(Files.readString(dir.resolve("k.failed")).contains("exit code 3"));
        assertFalse(archive.ready());
        assertNull(recorder(dir, fakeJava("0", false)).record(),
                "marked failed: no second attempt");
        assertTrue(leftovers(dir).isEmpty());
    }

    @Test
    void beforeJdk25aTrainingJvmMakesADynamicArchive() throws Exception {
        Path dir = cacheDir();
        ClassDataArchive archive = new ClassDataArchive(false, dir, "k", List.of(fakeJava("0", true).toString()));
        assertNull(archive.record(), "no worker records a dynamic archive");
        archive.train();
        awaitUntil(() -> Files.isRegularFile(dir.resolve("k.jsa")) && leftovers(dir).isEmpty(),
                "the archive is trained and nothing else is left: " + leftovers(dir));
        assertEquals("archive", Files.readString(dir.resolve("k.jsa")));
        assertEquals(List.of("-XX:SharedArchiveFile=" + dir.resolve("k.jsa")), archive.useFlags());
    }

    @Test
    void archiveNamesAre32HexDigitsThatFollowTheKey() {
        String a = ClassDataArchive.hash("jdk 25\n-cp\na.jar 100 1700000000000\n");
        assertTrue(a.matches("[0-9a-f]{32}"), a);
        assertEquals(a, ClassDataArchive.hash("jdk 25\n-cp\na.jar 100 1700000000000\n"), "stable");
        assertFalse(a.equals(ClassDataArchive.hash("jdk 25\n-cp\na.jar 100 1700000000001\n")), "a rebuilt jar");
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            names.add(ClassDataArchive.hash("key " + i));
        }
        assertEquals(10_000, names.size(), "no two keys share a name");
    }

    @Test
    void optionsThatChooseTheirOwnSharingTurnTheArchiveOff() {
        assertTrue(ClassDataArchive.managedByUser(List.of("-Xmx1g", "-XX:AOTCache=app.aot")));
        assertTrue(ClassDataArchive.managedByUser(List.of("-Xshare:off")));
        assertTrue(ClassDataArchive.managedByUser(List.of("-XX:SharedArchiveFile=a.jsa")));
        assertFalse(ClassDataArchive.managedByUser(List.of("-Xmx1g", "-XX:+UseParallelGC")));
        assertNull(ClassDataArchive.find("java", List.of("-Xshare:off"), List.of(), List.of()));
    }
}
