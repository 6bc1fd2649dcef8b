package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * On JDK 25+, the first pool's worker records the AOT cache as it works, a JVM in the background
 * builds it, and the next program's children start from it: real JVMs, a class path of jars (as
 * archives need), a home directory of the test's own.
 */
@Timeout(120)
class RecordedArchiveTest {
    @TempDir
    Path tmp;

    @Test
    void theFirstPoolRecordsTheCacheQuietlyAndTheNextProgramStartsFromIt() throws Exception {
        assumeTrue(Runtime.version().feature() >= ClassDataArchive.AOT_FEATURE, "AOT caches with profiles: JDK 25+");
        String classPath = jarredClassPath();
        Path home = Files.createDirectory(tmp.resolve("home"));
        Path dir = home.resolve(".cache/mpire4j/cds");

        Run first = run(classPath, home);
        assertEquals(List.of("CHILD none", "CHILD record"), first.children(), first.output);
        assertTrue(first.output.contains("SQUARES [1, 4, 9, 16]"), first.output);
        awaitArchive(dir);
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertEquals(1, names.size(), "only the cache is left: " + names);
            assertTrue(names.get(0).endsWith(".aot"), names.toString());
        }

        Run second = run(classPath, home);
        assertEquals(List.of("CHILD cache", "CHILD cache"), second.children(), second.output);
        assertTrue(second.output.contains("SHARING cache sharing"), "the children map the cache: " + second.output);
        assertTrue(second.output.contains("SQUARES [1, 4, 9, 16]"), second.output);
    }

    private record Run(String output) {
        List<String> children() {
            return output.lines().filter(l -> l.startsWith("CHILD ")).sorted().toList();
        }
    }

    /**
     * Runs {@link RecordThenUse} in a fresh JVM and checks that it printed nothing of the JVM's own
     * about the cache (the recording child's note and warnings stay out of the user's output).
     */
    private Run run(String classPath, Path home) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-cp", classPath,
                RecordThenUse.class.getName()).redirectErrorStream(true);
        builder.environment().remove("XDG_CACHE_HOME");
        Process program = builder.start();
        String output = new String(program.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(program.waitFor(60, TimeUnit.SECONDS), "the program did not exit: " + output);
        assertEquals(0, program.exitValue(), output);
        List<String> foreign = output.lines().filter(l -> !l.startsWith("CHILD ") && !l.startsWith("SHARING ")
                && !l.startsWith("SQUARES ")).toList();
        assertEquals(List.of(), foreign, "only the program's own lines");
        return new Run(output);
    }

    private static void awaitArchive(Path dir) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(dir)) {
                List<String> names = files.map(f -> f.getFileName().toString()).toList();
                assertFalse(names.stream().anyMatch(n -> n.endsWith(".failed")), "the build failed: " + names);
                if (names.stream().anyMatch(n -> n.endsWith(".aot")) && names.size() == 1) {
                    return;
                }
            }
            Thread.sleep(50); // polling a directory for a file a detached process writes
        }
        throw new AssertionError("no archive in " + dir + " within 60 s");
    }

    /**
     * This test's class path with every directory packed into a jar (archives cannot cover
     * directories) and a manifest-only jar (as Surefire starts tests with) opened up.
     */
    private String jarredClassPath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.addAll(expand(Path.of(entry)));
        }
        List<String> jarred = new ArrayList<>();
        for (String entry : entries) {
            Path path = Path.of(entry);
            jarred.add(Files.isDirectory(path) ? jar(path, tmp.resolve("cp" + jarred.size() + ".jar")).toString() : entry);
        }
        return String.join(File.pathSeparator, jarred);
    }

    private static List<String> expand(Path entry) throws IOException {
        if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
            return List.of(entry.toString());
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            String classPath = jar.getManifest() == null ? null
                    : jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null || classPath.isBlank() || jar.stream().anyMatch(e -> e.getName().endsWith(".class"))) {
                return List.of(entry.toString());
            }
            List<String> out = new ArrayList<>();
            for (String url : classPath.trim().split("\\s+")) {
                out.add(Path.of(entry.toUri().resolve(url)).toString());
            }
            return out;
        }
    }

    private static Path jar(Path directory, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> walk = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new ZipEntry(directory.relativize(path).toString().replace(File.separatorChar, '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
