package io.mpire4j.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class-data archive that makes child JVMs start faster. On JDK 25+ an AOT cache
 * ({@code -XX:AOTCache}) recorded by the first worker that starts without one, as it does its real
 * work ({@link #record()}): it holds the classes that worker loaded (the user's too) and the
 * profiles of the methods it ran, so later children skip loading and linking them and compile the
 * hot ones sooner. The recording child writes its configuration as it exits (a few hundred
 * milliseconds more at that pool's close, once per archive), and a detached JVM builds the cache
 * from it in the background. On 21–24 a dynamic AppCDS archive ({@code -XX:ArchiveClassesAtExit} /
 * {@code -XX:SharedArchiveFile}) of mpire4j's own classes, trained by a JVM of its own.
 *
 * <p>Archives live in a directory of the user's own: {@code $XDG_CACHE_HOME/mpire4j/cds}, or
 * {@code ~/.cache/mpire4j/cds} (see {@link #cacheDir}), made {@code rwx------} and checked before
 * every use: a real directory (no symbolic link), owned by this user, open to nobody else —
 * otherwise children start without an archive. One archive per key: the JDK (version,
 * vendor, home), the class path and module path (with each entry's size and modification time, so
 * a rebuilt jar gets a new archive) and the JVM flags. The JVM that builds an archive runs at a
 * lower priority and detached from this one, so that it finishes even when a short program exits
 * first; it writes to a temporary file that is renamed into place only when complete, so a reader
 * never sees a partial archive. Later children (and later pools, in any JVM of the same user) use
 * it. No temporary file or lock outlives its builder: the builder removes them as it ends, and the
 * next claim removes those of builders or recorders that were killed (their pid, in the file's
 * name or the lock, is dead).
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
    /**
     * The first JDK whose AOT cache a real worker records ({@code -XX:AOTMode=record}) with the
     * profiles of the methods it ran (JEP 515), so that children start with the user's classes
     * loaded and linked and compile their hot code sooner. Before it: a dynamic AppCDS archive of
     * mpire4j's own classes, from a training JVM.
     */
    static final int AOT_FEATURE = 25;

    private final boolean aot;
    private final Path dir;
    private final Path archive;
    private final Path failed;
    private final List<String> javaCommand;
    private final AtomicBoolean trained = new AtomicBoolean();

    /**
     * An archive named {@code key} in {@code dir}, for children started with {@code javaCommand}:
     * the java executable, then the children's flags and class path (no sharing flag, no main class).
     */
    ClassDataArchive(boolean aot, Path dir, String key, List<String> javaCommand) {
        this.aot = aot;
        this.dir = dir;
        this.archive = dir.resolve(key + (aot ? ".aot" : ".jsa"));
        this.failed = dir.resolve(key + ".failed");
        this.javaCommand = javaCommand;
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
        if (managedByUser(flags)) {
            return null;
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
            Path dir = cacheDir(System.getenv("XDG_CACHE_HOME"), System.getProperty("user.home"));
            String refused = dir == null ? "no home directory" : privateDirProblem(dir);
            if (refused != null) {
                warn(refused);
                return null;
            }
            boolean aot = Runtime.version().feature() >= AOT_FEATURE;
            List<String> command = new ArrayList<>();
            command.add(java);
            command.addAll(flags);
            command.addAll(pathArgs);
            return new ClassDataArchive(aot, dir, hash(key.toString()), command);
        } catch (IOException | RuntimeException e) {
            warn(e.toString());
            return null;
        }
    }

    /**
     * Whether {@code flags} already choose how the JVM shares class data ({@code -Xshare:…}, an AOT
     * cache or configuration, a CDS archive): then mpire4j adds no sharing flag of its own, since
     * the JVM refuses most pairs of them.
     */
    static boolean managedByUser(List<String> flags) {
        for (String flag : flags) {
            if (flag.startsWith("-Xshare") || flag.contains("SharedArchiveFile") || flag.contains("AOTCache")
                    || flag.contains("AOTMode") || flag.contains("AOTConfiguration")
                    || flag.contains("ArchiveClassesAtExit") || flag.contains("SharedClassListFile")
                    || flag.contains("DumpLoadedClassList")) {
                return true;
            }
        }
        return false;
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

    /**
     * 32 hex digits of two 64-bit hashes of {@code text} (FNV-1a, and a multiplicative one with a
     * final mix): a file name, not a secret, so no {@code MessageDigest}, whose first use sets up the
     * JDK's security providers (about 20 ms in a JVM that has not used them yet).
     */
    static String hash(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        long fnv = 0xcbf29ce484222325L;
        long mul = 0x9e3779b97f4a7c15L;
        for (byte b : bytes) {
            fnv = (fnv ^ (b & 0xff)) * 0x100000001b3L;
            mul = (mul + (b & 0xff)) * 0xbf58476d1ce4e5b9L;
        }
        mul ^= mul >>> 31;
        mul *= 0x94d049bb133111ebL;
        mul ^= mul >>> 29;
        return HexFormat.of().toHexDigits(fnv) + HexFormat.of().toHexDigits(mul);
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
     * What builds an archive, detached from the JVM that asks for it: a POSIX shell that writes its
     * own pid into the lock, runs the building JVM at a lower priority (so that it takes what the
     * workers leave of the CPUs) with the archive going to {@code <archive>.<its pid>-0.tmp},
     * renames that into place when it is complete, marks the key failed otherwise, and removes its
     * temporary files and the lock. Arguments: archive, lock, failed-marker, output flag, the
     * recorded AOT configuration (or an empty argument), then the building command. A recorded
     * configuration is first renamed to the shell's own temporary name, so that it is this shell's
     * to remove, and passed on as {@code -XX:AOTConfiguration}.
     */
    static final String TRAINER = String.join("\n",
            "archive=$1; lock=$2; failed=$3; flag=$4; recorded=$5; shift 5",
            "tmp=\"$archive.$$-0.tmp\"",
            "echo $$ > \"$lock\"",
            "conf=; if [ -n \"$recorded\" ] && mv -f \"$recorded\" \"$tmp.config\"; then conf=\"$tmp.config\"; fi",
            "nice=; if command -v nice >/dev/null 2>&1; then nice='nice -n 10'; fi",
            "java=$1; shift",
            "$nice \"$java\" \"$flag$tmp\" \"$@\" ${conf:+\"-XX:AOTConfiguration=$conf\"} </dev/null >/dev/null 2>&1",
            "code=$?",
            "if [ $code -eq 0 ] && [ -s \"$tmp\" ]; then mv -f \"$tmp\" \"$archive\";",
            "else echo \"the JVM that builds the archive ended with exit code $code\" > \"$failed\"; fi",
            "rm -f \"$tmp\" \"$tmp.config\" \"$lock\"");

    private static final Path SHELL = Path.of("/bin/sh");
    private static final AtomicLong RECORDINGS = new AtomicLong();

    /**
     * The recording of an AOT cache by a real worker (JDK 25+): the child started with
     * {@link #flags()} writes, as it exits, the classes it loaded and the profiles of the methods it
     * ran to {@link #configuration}; {@link #recorded} then builds the cache from that in the
     * background.
     *
     * @param configuration {@code <archive>.<this JVM's pid>-<n>.tmp.config}: removed by the next
     *     training if this JVM dies before handing it over
     */
    record Recording(Path configuration) {
        /** The flags of the recording child (after the user's: the JVM's messages about it stay quiet). */
        List<String> flags() {
            return List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + configuration, "-Xlog:aot*=off:stderr",
                    "-Xlog:cds*=off:stderr");
        }

        /**
         * Whether {@code line} (of the child's stdout, as the JVM prints when it has recorded) is the
         * JVM's note about this recording rather than the user's output.
         */
        boolean isJvmNote(String line) {
            return line.contains("AOTConfiguration") && line.endsWith(configuration.toString());
        }
    }

    /**
     * Starts the recording (JDK 25+) if there is no archive yet, none has failed, and no other child
     * (in this JVM or another) is recording or building the same archive; else returns null. The
     * child that gets a recording starts with its {@link Recording#flags()}, and {@link #recorded}
     * must be called once it has exited, whatever way.
     */
    Recording record() {
        if (!aot || !trained.compareAndSet(false, true) || ready() || Files.exists(failed) || !claim()) {
            return null;
        }
        return new Recording(Path.of(archive + "." + ProcessHandle.current().pid() + "-"
                + Long.toHexString(RECORDINGS.incrementAndGet()) + TMP + ".config"));
    }

    /**
     * The recording child has exited: builds the archive from its recording in the background
     * (detached, at a lower priority: {@link #TRAINER}); or, if the child wrote none (it was killed,
     * or could not start), gives the claim back, so that a later pool records again.
     */
    void recorded(Recording recording) {
        Path configuration = recording.configuration();
        boolean written;
        try {
            written = Files.isRegularFile(configuration, LinkOption.NOFOLLOW_LINKS) && Files.size(configuration) > 0;
        } catch (IOException e) {
            written = false;
        }
        if (!written) {
            deleteQuietly(configuration);
            release();
            return;
        }
        List<String> command = new ArrayList<>(javaCommand);
        command.add("-XX:AOTMode=create");
        startTrainer("-XX:AOTCache=", configuration.toString(), command);
    }

    /** The recording child could not start: marks the key failed, so that children start without an archive. */
    void recordingFailed(String why) {
        markFailed("a worker JVM could not record the archive: " + why);
    }

    /**
     * On JDK 21–24: starts the training in the background if there is no archive yet, it has not
     * failed before, and no other pool (in this JVM or another) is training for the same key: a
     * JVM of its own that serves a built-in program. Returns at once. The training outlives this
     * JVM if need be ({@link #TRAINER}): a short program that exits before it is done still leaves
     * the archive for the next one, and never a partial file. (From JDK 25 a real worker records
     * the archive instead: {@link #record()}.)
     */
    void train() {
        if (aot || !trained.compareAndSet(false, true) || ready() || Files.exists(failed) || !claim()) {
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(javaCommand.get(0));
        command.add("-Xshare:auto");
        command.addAll(javaCommand.subList(1, javaCommand.size()));
        command.add(ChildMain.class.getName());
        command.add(ChildMain.TRAIN_ARG);
        startTrainer("-XX:ArchiveClassesAtExit=", "", command);
    }

    /**
     * Claims the right to make this archive: for this JVM ({@link #TRAINING}) and against other JVMs
     * (the lock, holding this JVM's pid until a trainer's shell writes its own). False if another
     * has it, or the directory is not usable.
     */
    private boolean claim() {
        String key = archive.toString();
        if (!TRAINING.add(key)) {
            return false;
        }
        try {
            if (privateDirProblem(dir) == null && Files.isExecutable(SHELL)) {
                cleanUp();
                if (takeLock(lock())) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            // as if another had it: children start without an archive
        }
        TRAINING.remove(key);
        return false;
    }

    /** Gives a claim back without making anything. */
    private void release() {
        deleteQuietly(lock());
        TRAINING.remove(archive.toString());
    }

    private Path lock() {
        return Path.of(archive + ".lock");
    }

    /** Starts {@link #TRAINER} for a claimed archive; the claim ends with it. */
    private void startTrainer(String outputFlag, String recorded, List<String> buildCommand) {
        String key = archive.toString();
        try {
            List<String> command = new ArrayList<>(List.of(SHELL.toString(), "-c", TRAINER, "mpire4j-cds-trainer",
                    archive.toString(), lock().toString(), failed.toString(), outputFlag, recorded));
            command.addAll(buildCommand);
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.getOutputStream().close();
            process.onExit().whenComplete((p, error) -> TRAINING.remove(key));
        } catch (IOException | RuntimeException e) {
            markFailed(e.toString());
            if (!recorded.isEmpty()) {
                deleteQuietly(Path.of(recorded));
            }
            release();
        }
    }

    /**
     * Creates {@code lock} holding this JVM's pid; false if a live trainer holds it. A lock whose
     * pid is dead, or that is older than {@link #LOCK_STALE}, is taken over.
     */
    private static boolean takeLock(Path lock) throws IOException {
        byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
        try {
            Files.write(lock, pid, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            return true;
        } catch (FileAlreadyExistsException e) {
            if (!staleLock(lock)) {
                return false;
            }
            deleteQuietly(lock);
            try {
                Files.write(lock, pid, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
                return true;
            } catch (FileAlreadyExistsException taken) {
                return false; // another JVM took it over first
            }
        }
    }

    /** Whether a lock was left by a trainer that is gone: its pid is dead, or it is too old. */
    static boolean staleLock(Path lock) {
        try {
            if (Files.getLastModifiedTime(lock, LinkOption.NOFOLLOW_LINKS).toInstant()
                    .isBefore(Instant.now().minus(LOCK_STALE))) {
                return true;
            }
            String owner = Files.readString(lock, StandardCharsets.US_ASCII).trim();
            return !owner.matches("[0-9]{1,18}") || ProcessHandle.of(Long.parseLong(owner)).isEmpty();
        } catch (IOException | RuntimeException e) {
            return false; // gone meanwhile, or unreadable: not ours to judge
        }
    }

    private void markFailed(String why) {
        try {
            if (privateDirProblem(dir) == null) {
                Files.writeString(failed, why + System.lineSeparator());
            }
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

    /**
     * Deletes archives and leftovers not touched for a week, and the temporary files and locks of
     * trainers that were killed before they could remove them.
     */
    void cleanUp() {
        Instant limit = Instant.now().minus(STALE);
        try (var files = Files.list(dir)) {
            files.filter(f -> {
                try {
                    return Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(limit)
                            || orphanedTemp(f.getFileName().toString())
                            || f.getFileName().toString().endsWith(".lock") && staleLock(f);
                } catch (IOException e) {
                    return false;
                }
            }).forEach(ClassDataArchive::deleteQuietly);
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
    }

    private static final String TMP = ".tmp";

    /** Whether {@code name} is {@code <archive>.<pid>-<hex>.tmp[.config]} of a pid that is dead. */
    static boolean orphanedTemp(String name) {
        String base = name.endsWith(TMP + ".config") ? name.substring(0, name.length() - ".config".length()) : name;
        if (!base.endsWith(TMP)) {
            return false;
        }
        base = base.substring(0, base.length() - TMP.length());
        int dash = base.lastIndexOf('-');
        int dot = base.lastIndexOf('.', dash);
        if (dash < 0 || dot < 0) {
            return false;
        }
        String pid = base.substring(dot + 1, dash);
        if (!pid.matches("[0-9]{1,18}")) {
            return false;
        }
        long owner = Long.parseLong(pid);
        return owner != ProcessHandle.current().pid() && ProcessHandle.of(owner).isEmpty();
    }

    /**
     * The directory archives live in: {@code $XDG_CACHE_HOME/mpire4j/cds} if that variable is an
     * absolute path, else {@code <home>/.cache/mpire4j/cds}; null without a home.
     */
    static Path cacheDir(String xdgCacheHome, String userHome) {
        if (xdgCacheHome != null && !xdgCacheHome.isBlank() && Path.of(xdgCacheHome).isAbsolute()) {
            return Path.of(xdgCacheHome, "mpire4j", "cds");
        }
        if (userHome == null || userHome.isBlank() || "?".equals(userHome)) {
            return null;
        }
        return Path.of(userHome, ".cache", "mpire4j", "cds");
    }

    /**
     * Makes {@code dir} (and its parent {@code mpire4j}) if missing, {@code rwx------}, checking
     * each level before going into it: a real directory, not a symbolic link, owned by this user,
     * with no access for group or others. Returns null if all is well, else what is wrong; never
     * follows a link at either level.
     */
    static String privateDirProblem(Path dir) {
        try {
            Path parent = dir.getParent();
            if (parent != null && parent.getParent() != null) {
                Files.createDirectories(parent.getParent());
            }
            UserPrincipal me = dir.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            FileAttribute<Set<PosixFilePermission>> privately = PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------"));
            for (Path d : new Path[] {parent, dir}) {
                if (d == null) {
                    continue;
                }
                try {
                    Files.createDirectory(d, privately);
                } catch (FileAlreadyExistsException there) {
                    // checked below, as is one just made
                }
                PosixFileAttributes attributes = Files.readAttributes(d, PosixFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (attributes.isSymbolicLink() || !attributes.isDirectory()) {
                    return d + " is not a directory of its own (a symbolic link or a file)";
                }
                if (!me.equals(attributes.owner())) {
                    return d + " belongs to " + attributes.owner().getName() + ", not to " + me.getName();
                }
                Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
                open.addAll(attributes.permissions());
                open.retainAll(EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
                        PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE));
                if (!open.isEmpty()) {
                    return d + " is open to others (" + PosixFilePermissions.toString(attributes.permissions())
                            + "); make it rwx------";
                }
            }
            return null;
        } catch (UnsupportedOperationException e) {
            return "the file system of " + dir + " has no owners and permissions to check";
        } catch (IOException | RuntimeException e) {
            return "cannot use " + dir + ": " + e;
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
