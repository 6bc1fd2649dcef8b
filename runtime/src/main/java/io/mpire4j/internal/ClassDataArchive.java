package io.mpire4j.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class-data archive that makes child JVMs start faster: on JDK 24+ an AOT cache
 * ({@code -XX:AOTCacheOutput} / {@code -XX:AOTCache}), on 21–23 a dynamic AppCDS archive
 * ({@code -XX:ArchiveClassesAtExit} / {@code -XX:SharedArchiveFile}).
 *
 * <p>Archives live in {@code ${java.io.tmpdir}/mpire4j-cds-<user>/}, one per key: the JDK (version,
 * vendor, home), the class path and module path (with each entry's size and modification time, so
 * a rebuilt jar gets a new archive) and the JVM flags. The first pool that finds none starts a
 * training JVM in the background once its first child is ready ({@link #train()}); the training
 * writes to a temporary file that is renamed into place only when complete, so a reader never sees
 * a partial archive. Later children (and later pools, in any JVM of the same user) use it.
 *
 * <p>Archives cannot hold classes loaded from directories (the JVM refuses to create one), so a
 * class path with a directory gets none; nor does one when the system property
 * {@code mpire4j.cds} is {@code false}. Any failure is silent except for one line on stderr, and
 * never fails a pool: children then start without an archive. Thread-safe.
 */
final class ClassDataArchive {
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    private static final Set<String> TRAINING = ConcurrentHashMap.newKeySet();
    private static final Duration STALE = Duration.ofDays(7);
    private static final Duration LOCK_STALE = Duration.ofMinutes(10);

    private final boolean aot;
    private final Path dir;
    private final Path archive;
    private final Path failed;
    private final List<String> trainingCommand;
    private final AtomicBoolean trained = new AtomicBoolean();

    private ClassDataArchive(boolean aot, Path dir, String key, List<String> trainingCommand) {
        this.aot = aot;
        this.dir = dir;
        this.archive = dir.resolve(key + (aot ? ".aot" : ".jsa"));
        this.failed = dir.resolve(key + ".failed");
        this.trainingCommand = trainingCommand;
    }

    /**
     * The archive for children started with {@code java flags… -cp classPath… ChildMain}, or
     * {@code null} when archiving does not apply.
     *
     * @param java the java executable
     * @param flags the JVM flags (mpire4j's and the user's), without any sharing flag
     * @param pathArgs the class and module path arguments ({@code -cp x --module-path y …})
     * @param entries the class and module path entries
     */
    static ClassDataArchive find(String java, List<String> flags, List<String> pathArgs, List<String> entries) {
        if (!Boolean.parseBoolean(System.getProperty("mpire4j.cds", "true")) || Runtime.version().feature() < 21) {
            return null;
        }
        for (String flag : flags) {
            if (flag.startsWith("-Xshare") || flag.contains("SharedArchiveFile") || flag.contains("AOTCache")
                    || flag.contains("AOTMode") || flag.contains("ArchiveClassesAtExit")) {
                return null; // the user manages class-data sharing
            }
        }
        try {
            StringBuilder key = new StringBuilder();
            key.append(System.getProperty("java.vm.version")).append('\n')
                    .append(System.getProperty("java.vm.vendor")).append('\n')
                    .append(java).append('\n')
                    .append(String.join("\n", flags)).append('\n')
                    .append(String.join("\n", pathArgs)).append('\n');
            if (!describeEntries(entries, key)) {
                return null;
            }
            String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "mpire4j-cds-" + user);
            boolean aot = Runtime.version().feature() >= 24;
            List<String> training = new ArrayList<>();
            training.add(java);
            training.addAll(flags);
            training.addAll(pathArgs);
            training.add(ChildMain.class.getName());
            training.add(ChildMain.TRAIN_ARG);
            return new ClassDataArchive(aot, dir, hash(key.toString()), training);
        } catch (IOException | RuntimeException e) {
            warn(e.toString());
            return null;
        }
    }

    /**
     * Appends each entry's size and modification time; false if one is a directory (or a jar
     * whose manifest reaches a directory), which archives cannot cover.
     */
    private static boolean describeEntries(List<String> entries, StringBuilder key) throws IOException {
        for (String entry : entries) {
            if (entry.isEmpty()) {
                continue;
            }
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                return false;
            }
            if (!Files.isRegularFile(path)) {
                continue;
            }
            key.append(path.toAbsolutePath()).append(' ').append(Files.size(path)).append(' ')
                    .append(Files.getLastModifiedTime(path).toMillis()).append('\n');
            if (entries.size() == 1) {
                // A manifest-only jar (as Surefire writes) names the real class path in its manifest.
                List<String> reached = manifestClassPath(path);
                if (!reached.isEmpty() && !describeEntries(reached, key)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<String> manifestClassPath(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null
                    : manifest.getMainAttributes().getValue(java.util.jar.Attributes.Name.CLASS_PATH);
            if (classPath == null || classPath.isBlank()) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (String url : classPath.trim().split("\\s+")) {
                try {
                    java.net.URI uri = jar.toUri().resolve(url);
                    out.add(Path.of(uri).toString());
                } catch (RuntimeException e) {
                    out.add(url);
                }
            }
            return out;
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The flags that make a child use the archive, or plain sharing when there is none yet. */
    List<String> useFlags() {
        if (Files.isRegularFile(archive)) {
            return List.of(aot ? "-XX:AOTCache=" + archive : "-XX:SharedArchiveFile=" + archive);
        }
        return List.of("-Xshare:auto");
    }

    /** Whether the archive exists, so that children start with it. */
    boolean ready() {
        return Files.isRegularFile(archive);
    }

    /**
     * Starts the training JVM in the background if there is no archive yet, it has not failed
     * before, and no other pool (in this JVM or another) is training for the same key. Returns at
     * once; the JDK's process-exit thread renames the result into place.
     */
    void train() {
        if (!trained.compareAndSet(false, true) || ready() || Files.exists(failed)) {
            return;
        }
        String key = archive.toString();
        if (!TRAINING.add(key)) {
            return;
        }
        Path lock = Path.of(archive + ".lock");
        try {
            createPrivateDir(dir);
            cleanUp();
            try {
                Files.createFile(lock);
            } catch (FileAlreadyExistsException e) {
                if (Files.getLastModifiedTime(lock).toInstant().isAfter(Instant.now().minus(LOCK_STALE))) {
                    TRAINING.remove(key);
                    return; // someone else is training
                }
                Files.setLastModifiedTime(lock, FileTime.from(Instant.now()));
            }
            Path temp = dir.resolve(archive.getFileName() + "." + ProcessHandle.current().pid() + "-"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            List<String> command = new ArrayList<>(trainingCommand);
            int at = 1; // right after the java executable
            if (aot) {
                command.add(at, "-XX:AOTCacheOutput=" + temp);
            } else {
                command.add(at, "-XX:ArchiveClassesAtExit=" + temp);
                command.add(at, "-Xshare:auto");
            }
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.getOutputStream().close();
            process.onExit().whenComplete((p, error) -> finish(p, temp, lock, key));
        } catch (IOException | RuntimeException e) {
            markFailed(e.toString());
            deleteQuietly(lock);
            TRAINING.remove(key);
        }
    }

    /** Runs on the JDK's process-exit thread when the training JVM ends. */
    private void finish(Process process, Path temp, Path lock, String key) {
        try {
            if (process != null && process.exitValue() == 0 && Files.isRegularFile(temp) && Files.size(temp) > 0) {
                Files.move(temp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                markFailed("the training JVM ended with "
                        + (process == null ? "an error" : ErrorReport.describeExit(process.exitValue())));
            }
        } catch (IOException | RuntimeException e) {
            markFailed(e.toString());
        } finally {
            deleteQuietly(temp);
            deleteQuietly(Path.of(temp + ".config"));
            deleteQuietly(lock);
            TRAINING.remove(key);
        }
    }

    private void markFailed(String why) {
        try {
            createPrivateDir(dir);
            Files.writeString(failed, why + System.lineSeparator());
        } catch (IOException | RuntimeException ignored) {
            // then we may try again next time
        }
        warn(why);
    }

    private static void warn(String why) {
        if (WARNED.compareAndSet(false, true)) {
            System.err.println("mpire4j: child JVMs start without a class-data archive (" + why + ")");
        }
    }

    /** Deletes archives and leftovers not touched for a week. */
    private void cleanUp() {
        Instant limit = Instant.now().minus(STALE);
        try (var files = Files.list(dir)) {
            files.filter(f -> {
                try {
                    return Files.getLastModifiedTime(f).toInstant().isBefore(limit);
                } catch (IOException e) {
                    return false;
                }
            }).forEach(ClassDataArchive::deleteQuietly);
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
    }

    private static void createPrivateDir(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            if (File.separatorChar == '/') {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        } catch (FileAlreadyExistsException e) {
            // created meanwhile
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
    }
}
