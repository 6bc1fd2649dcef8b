package io.mpire4j.internal;

import io.mpire4j.PoolOptions;
import io.mpire4j.StartMethod;
import io.mpire4j.spi.PoolContext;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.channels.spi.SelectorProvider;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * How one generation starts its child JVMs ({@link StartMethod#PROCESSES}): the command line, the
 * encoded shared receiver (encoded once, sent to every child), the socket the children connect to,
 * and the class-data archive. Created by the generation; {@link #start} is called by slot threads
 * in parallel. Immutable apart from the channel, which is thread-safe.
 */
final class ChildLauncher implements AutoCloseable {
    /**
     * Flags for short-lived workers: the serial collector and small stacks start fastest, no
     * perf-data file, and the JVM's own messages go to stderr, never stdout.
     */
    static final List<String> FLAGS = List.of("-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xss512k",
            "-Xlog:disable", "-Xlog:all=warning:stderr", "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8");

    final String programName;
    final byte[] receiver;
    final ChildChannel channel;
    private final PoolContext pool;
    private final String java;
    private final List<String> flags;
    private final List<String> pathArgs;
    private final ClassDataArchive archive;

    private ChildLauncher(String programName, byte[] receiver, ChildChannel channel, PoolContext pool, String java, List<String> flags, List<String> pathArgs, ClassDataArchive archive) {
        this.programName = programName;
        this.receiver = receiver;
        this.channel = channel;
        this.pool = pool;
        this.java = java;
        this.flags = flags;
        this.pathArgs = pathArgs;
        this.archive = archive;
    }

    /**
     * Prepares a generation's launches: binds the socket, finds the archive. {@code receiver} is
     * the shared receiver as {@link #encodeReceiver} wrote it, once for the pool.
     */
    static ChildLauncher create(PoolContext pool) {
        // The socket opens on a thread of its own meanwhile: in a JVM that has not used one yet,
        // both halves run the JDK's set-up code in the interpreter, about 15 ms each.
        CompletableFuture<ChildChannel> opening = new CompletableFuture<>();
        Thread.ofPlatform().name("mpire4j-socket").daemon(true).start(() -> {
            try {
                opening.complete(ChildChannel.open());
            } catch (Throwable t) {
                opening.completeExceptionally(t);
            }
        });
        try {
            return create(pool, opening);
        } catch (RuntimeException | Error e) {
            opening.thenAccept(ChildChannel::close);
            throw e;
        }
    }

    private static ChildLauncher create(PoolContext pool, CompletableFuture<ChildChannel> opening) {
        String java = javaExecutable();
        List<String> flags = flags(pool.jvmOptions());
        List<String> pathArgs = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        String classPath = String.join(File.pathSeparator, classPath(pool.programName()));
        if (!classPath.isEmpty()) {
            pathArgs.add("-cp");
            pathArgs.add(classPath);
            entries.addAll(List.of(classPath.split(File.pathSeparator)));
        }
        String modulePath = System.getProperty("jdk.module.path", "");
        if (!modulePath.isEmpty()) {
            pathArgs.add("--module-path");
            pathArgs.add(modulePath);
            pathArgs.add("--add-modules");
            pathArgs.add("ALL-MODULE-PATH");
            entries.addAll(List.of(modulePath.split(File.pathSeparator)));
        }
        ClassDataArchive archive = ClassDataArchive.find(java, List.copyOf(flags), List.copyOf(pathArgs), entries);
        ChildChannel channel;
        try {
            channel = opening.join();
        } catch (CompletionException e) {
            Throwable why = e.getCause();
            if (why instanceof IOException) {
                throw new IllegalStateException("mpire4j could not open the local socket for child JVM workers: " + why,
                        why);
            }
            if (why instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
        return new ChildLauncher(pool.programName(), pool.encodedReceiver(), channel, pool, java,
                List.copyOf(flags), List.copyOf(pathArgs), archive);
    }

    /**
     * mpire4j's {@link #FLAGS}, the JDK's selector provider named (see {@link #selectorProviderFlag}),
     * then the user's options. The JVM refuses two collectors, so when the user's options choose one
     * ({@code -XX:+Use…GC}), mpire4j's serial collector is left out.
     */
    static List<String> flags(List<String> userOptions) {
        boolean userGc = userOptions.stream().anyMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"));
        List<String> flags = new ArrayList<>();
        for (String flag : FLAGS) {
            if (!(userGc && flag.equals("-XX:+UseSerialGC"))) {
                flags.add(flag);
            }
        }
        String selector = selectorProviderFlag(SelectorProvider.provider());
        if (selector != null && userOptions.stream().noneMatch(o -> o.startsWith(SELECTOR_PROVIDER_PROPERTY))) {
            flags.add(selector);
        }
        flags.addAll(userOptions);
        return flags;
    }

    private static final String SELECTOR_PROVIDER_PROPERTY = "-Djava.nio.channels.spi.SelectorProvider=";

    /**
     * The option that names the JDK's own selector provider, the one this JVM uses, or null if this
     * JVM uses another. A child's socket asks for the selector provider, and without a name the JDK
     * looks for one in the service files of every jar on the class path, opening them all: tens of
     * milliseconds of every child's start when the class path is large. Named, no jar is opened.
     */
    static String selectorProviderFlag(SelectorProvider provider) {
        if (provider.getClass().getModule() != Object.class.getModule()) {
            return null; // the user's own provider: the child finds it as this JVM did
        }
        return SELECTOR_PROVIDER_PROPERTY + provider.getClass().getName();
    }

    /** Overrides the class path of child JVMs: {@code -Dmpire4j.classPath=a.jar:classes}. */
    static final String CLASS_PATH_PROPERTY = "mpire4j.classPath";

    /**
     * The class path of child JVMs: {@code -Dmpire4j.classPath} if set; else this JVM's
     * {@code java.class.path}, plus, when the program or the runtime was loaded by another class
     * loader than the application's (under {@code mvn exec:java}, where {@code java.class.path}
     * names only Maven's launcher, or in a container), the URLs of the context class loader's
     * chain and the locations of the generated class and of the runtime.
     */
    static List<String> classPath(String generatedName) {
        String forced = System.getProperty(CLASS_PATH_PROPERTY, "");
        if (!forced.isBlank()) {
            return List.of(forced.split(File.pathSeparator));
        }
        List<String> entries = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                add(entries, seen, entry);
            }
        }
        ClassLoader application = ClassLoader.getSystemClassLoader();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        Class<?> generated = generatedName == null ? null : load(generatedName, context);
        boolean elsewhere = generated != null && generated.getClassLoader() != application
                || ChildLauncher.class.getClassLoader() != application;
        if (!elsewhere) {
            return entries; // the application class loader found both: java.class.path is all they need
        }
        for (ClassLoader loader = context; loader != null && loader != application; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    addLocation(entries, seen, url);
                }
            }
        }
        if (generated != null) {
            addCodeSource(entries, seen, generated);
        }
        addCodeSource(entries, seen, ChildLauncher.class);
        return entries;
    }

    private static Class<?> load(String binaryName, ClassLoader context) {
        for (ClassLoader loader : new ClassLoader[] {context, ChildLauncher.class.getClassLoader()}) {
            try {
                return Class.forName(binaryName, false, loader);
            } catch (ClassNotFoundException | LinkageError | RuntimeException notThere) {
                // try the next
            }
        }
        return null;
    }

    private static void addCodeSource(List<String> entries, Set<Path> seen, Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null) {
            addLocation(entries, seen, source.getLocation());
        }
    }

    /** Adds a {@code file:} URL as a path; other URLs (nested jars, http) cannot go on a command line. */
    private static void addLocation(List<String> entries, Set<Path> seen, URL url) {
        if ("file".equals(url.getProtocol())) {
            try {
                add(entries, seen, Path.of(url.toURI()).toString());
            } catch (URISyntaxException | IllegalArgumentException notAPath) {
                // not a local file after all
            }
        }
    }

    private static void add(List<String> entries, Set<Path> seen, String entry) {
        Path key;
        try {
            key = Path.of(entry).toAbsolutePath().normalize();
        } catch (InvalidPathException odd) {
            entries.add(entry);
            return;
        }
        if (seen.add(key)) {
            entries.add(entry);
        }
    }

    /**
     * The shared receiver in the bytes every child reads; an {@link IllegalArgumentException}
     * naming its class if it cannot be sent. Called when the pool is created, so the problem
     * shows before any child starts.
     */
    static byte[] encodeReceiver(WorkerProgram<?, ?> program) {
        if (program.receiverCodec() == null) {
            return new byte[0];
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            program.receiverCodec().write(out, program.receiver());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the shared " + program.className() + " instance ("
                    + program.receiver().getClass().getName() + ") cannot be sent to child JVM workers: " + ErrorReport.messageOf(e), e);
        }
        return bytes.toByteArray();
    }

    private static String javaExecutable() {
        Path home = Path.of(System.getProperty("java.home"), "bin", File.separatorChar == '\\' ? "java.exe" : "java");
        if (Files.isExecutable(home)) {
            return home.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * A started child JVM; {@code recording} is the class-data archive's recording for the one child
     * that records it as it works (see {@link ClassDataArchive#record()}), null for all others.
     */
    record Launch(Process process, ClassDataArchive.Recording recording) {}

    /**
     * Starts the child of worker {@code id}, which will present {@code token}. The first child that
     * starts while there is no archive may record it. Called on the slot's thread.
     */
    Launch start(int id, long token) throws IOException {
        List<String> command = new ArrayList<>(flags.size() + pathArgs.size() + 16);
        Set<Integer> cpus = pool.cpus(id);
        if (!cpus.isEmpty()) {
            command.add(pool.taskset());
            command.add("-c");
            command.add(CpuPinning.format(cpus));
        }
        command.add(java);
        ClassDataArchive.Recording recording = archive == null ? null : archive.record();
        if (archive != null && recording == null) {
            command.addAll(archive.useFlags());
        } else if (archive == null && !ClassDataArchive.managedByUser(flags)) {
            command.add("-Xshare:auto");
        }
        command.addAll(flags);
        if (recording != null) {
            command.addAll(recording.flags());
        }
        command.addAll(pathArgs);
        command.add(ChildMain.class.getName());
        command.add(channel.path().toString());
        command.add(Long.toString(token));
        command.add(Integer.toString(id));
        command.add(programName);
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException | RuntimeException e) {
            if (recording != null) {
                archive.recorded(recording);
            }
            throw e;
        }
        if (recording != null) {
            ClassDataArchive.Recording made = recording;
            process.onExit().whenComplete((p, error) -> archive.recorded(made));
        }
        return new Launch(process, recording);
    }

    /** The recording child of {@code launch} ended before it connected: no child records this archive again. */
    void recordingFailed(Launch launch, String why) {
        if (archive != null && launch.recording() != null) {
            archive.recordingFailed(why);
        }
    }

    /** A child is ready: the first time, start training the class-data archive if there is none. */
    void childReady() {
        if (archive != null && !archive.ready()) {
            archive.train();
        }
    }

    @Override
    public void close() {
        channel.close();
    }
}
