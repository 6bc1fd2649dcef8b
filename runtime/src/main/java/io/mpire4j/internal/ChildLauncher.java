package io.mpire4j.internal;

import io.mpire4j.PoolOptions;
import io.mpire4j.StartMethod;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
    private final PoolPlan plan;
    private final String java;
    private final List<String> flags;
    private final List<String> pathArgs;
    private final ClassDataArchive archive;

    private ChildLauncher(String programName, byte[] receiver, ChildChannel channel, PoolPlan plan, String java, List<String> flags, List<String> pathArgs, ClassDataArchive archive) {
        this.programName = programName;
        this.receiver = receiver;
        this.channel = channel;
        this.plan = plan;
        this.java = java;
        this.flags = flags;
        this.pathArgs = pathArgs;
        this.archive = archive;
    }

    /**
     * Checks what {@link StartMethod#PROCESSES} needs of a program and options; called when the pool
     * is created, so that a mistake fails there.
     */
    static void check(WorkerProgram<?, ?> program) {
        if (program.generatedName() == null) {
            throw new IllegalArgumentException("StartMethod.PROCESSES needs the program of " + program.className()
                    + " to name its generated class (WorkerProgram.Builder.generatedName): a child JVM finds the "
                    + "program through it; recompile " + program.className() + " with the mpire4j processor");
        }
    }

    /**
     * Prepares a generation's launches: binds the socket, finds the archive. {@code receiver} is
     * the shared receiver as {@link #encodeReceiver} wrote it, once for the pool.
     */
    static ChildLauncher create(WorkerProgram<?, ?> program, PoolPlan plan, byte[] receiver) {
        String java = javaExecutable();
        List<String> flags = new ArrayList<>(FLAGS);
        flags.addAll(plan.jvmOptions());
        List<String> pathArgs = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        String classPath = System.getProperty("java.class.path", "");
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
            channel = ChildChannel.open();
        } catch (IOException e) {
            throw new IllegalStateException("mpire4j could not open the local socket for child JVM workers: " + e, e);
        }
        return new ChildLauncher(program.generatedName(), receiver, channel, plan, java,
                List.copyOf(flags), List.copyOf(pathArgs), archive);
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

    /** Starts the child of worker {@code id}, which will present {@code token}. Called on the slot's thread. */
    Process start(int id, long token) throws IOException {
        List<String> command = new ArrayList<>(flags.size() + pathArgs.size() + 12);
        Set<Integer> cpus = plan.cpus(id);
        if (!cpus.isEmpty()) {
            command.add(plan.taskset());
            command.add("-c");
            command.add(CpuPinning.format(cpus));
        }
        command.add(java);
        command.addAll(archive == null ? List.of("-Xshare:auto") : archive.useFlags());
        command.addAll(flags);
        command.addAll(pathArgs);
        command.add(ChildMain.class.getName());
        command.add(channel.path().toString());
        command.add(Long.toString(token));
        command.add(Integer.toString(id));
        command.add(programName);
        return new ProcessBuilder(command).start();
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
