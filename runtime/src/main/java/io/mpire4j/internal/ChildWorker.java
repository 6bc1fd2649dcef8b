package io.mpire4j.internal;

import io.mpire4j.spi.WorkerContext;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * A worker whose tasks run in a child JVM ({@code StartMethod.PROCESSES}). The slot's platform
 * thread ({@code mpire4j-worker-<id>}) is the child's proxy: it launches the child in
 * {@link #connect()} (each slot's thread launches its own, so children start in parallel) and
 * then speaks the {@link RemoteWorker} protocol with the child's {@link WorkerHost} over a local
 * socket. Two daemon threads ({@code mpire4j-output-<id>}) forward the child's stdout and stderr;
 * {@link #release} joins them.
 *
 * <p>A timeout kills the child at once ({@link #kill()}); a child that dies while idle is noticed by
 * a process-exit callback ({@link #ended()}); a child that exits because it was told to (at a stop
 * or at the end of its lifespan) is never reported. Fields are confined to the slot's thread except
 * {@link #process}, which the watchdog may kill.
 */
final class ChildWorker extends RemoteWorker {
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** How long a child may take to exit after SHUTDOWN before it is killed. */
    private static final long SHUTDOWN_WAIT_MILLIS = 3000;
    /**
     * The same for the child that records the class-data archive: it writes the recording as it
     * exits, which takes about 0.4 s for a small program and grows with the classes it loaded.
     */
    private static final long RECORDING_SHUTDOWN_WAIT_MILLIS = 60_000;
    /** How long to wait for a dead or killed child to be reaped, and for its output to drain. */
    private static final long REAP_WAIT_MILLIS = 5000;
    /** Tasks listed in a {@link io.mpire4j.WorkerDiedException}'s message. */
    private static final int LISTED_TASKS = 5;

    private final int id;
    private final ChildLauncher launcher;
    private volatile Process process;
    private long shutdownWaitMillis = SHUTDOWN_WAIT_MILLIS;
    private SocketChannel channel;
    private Thread stdout;
    private Thread stderr;

    ChildWorker(WorkerContext slot, ChildLauncher launcher) {
        super(slot);
        this.id = slot.id();
        this.launcher = launcher;
    }

    /** Launches the child JVM (on the slot's thread, so children start in parallel) and waits for it to connect. */
    @Override
    protected Link connect() throws IOException, InterruptedException {
        long token = launcher.channel.newToken();
        ChildLauncher.Launch launch = launcher.start(id, token);
        Process p = launch.process();
        process = p;
        ClassDataArchive.Recording recording = launch.recording();
        shutdownWaitMillis = recording == null ? SHUTDOWN_WAIT_MILLIS : RECORDING_SHUTDOWN_WAIT_MILLIS;
        p.getOutputStream().close();
        stdout = OutputForwarder.start(p, p.getInputStream(), id, false,
                recording == null ? line -> false : recording::isJvmNote);
        stderr = OutputForwarder.start(p, p.getErrorStream(), id, true, line -> false);
        p.onExit().thenRun(this::ended); // a child that dies while idle is replaced
        try {
            channel = launcher.channel.await(token, p, START_TIMEOUT_NANOS);
        } catch (IOException e) {
            launcher.recordingFailed(launch, e.getMessage());
            throw e;
        }
        return new Link(Channels.newInputStream(channel), Channels.newOutputStream(channel));
    }

    @Override
    protected void opened() {
        launcher.childReady();
    }

    @Override
    protected boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    @Override
    protected String describe() {
        return "the child JVM of worker " + id;
    }

    static String diedMessage(MethodSpec<?, ?, ?> method, int workerId, int code, Chunk<?> chunk, int position) {
        return diedMessage(method, workerId, ErrorReport.describeExit(code), chunk, position);
    }

    static String diedMessage(MethodSpec<?, ?, ?> method, int workerId, String how, Chunk<?> chunk, int position) {
        String nl = System.lineSeparator();
        int n = chunk.size();
        StringBuilder text = new StringBuilder(method.displayName()).append(": worker ").append(workerId)
                .append(" died (").append(how).append(')');
        if (chunk.firstIndex < 0) {
            text.append(" running its task").append(nl).append("    ").append(arguments(method, chunk.task(0)));
            return text.toString();
        }
        if (position >= 0) {
            text.append(" running task index ").append(chunk.taskIndex(position)).append(nl).append("    ")
                    .append(arguments(method, chunk.task(position))).append(nl).append(" ");
        }
        text.append(" holding ").append(n).append(n == 1 ? " task (task index " : " tasks (task indexes ")
                .append(chunk.firstIndex);
        if (n > 1) {
            text.append('–').append(chunk.taskIndex(n - 1));
        }
        text.append(')');
        for (int i = 0; i < Math.min(n, LISTED_TASKS); i++) {
            text.append(nl).append("    task ").append(chunk.taskIndex(i)).append(": ")
                    .append(arguments(method, chunk.task(i)));
        }
        if (n > LISTED_TASKS) {
            text.append(nl).append("    … ").append(n - LISTED_TASKS).append(" more");
        }
        return text.toString();
    }

    private static String arguments(MethodSpec<?, ?, ?> method, Object task) {
        return ErrorReport.arguments(method.parameterNames(), method.argumentsOf(task), ", ");
    }

    /** The dead child's exit code, waiting a bounded time for it; a child that lingers is killed. */
    @Override
    protected int exitCode() {
        Process p = process;
        boolean interrupted = Thread.interrupted();
        try {
            if (p.waitFor(REAP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                return p.exitValue();
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        ProcessTree.destroyForcibly(p); // its channel broke, so it is of no use
        return -1;
    }

    /** Called by the watchdog: kills the child at once; the generation replaces the worker. */
    @Override
    protected boolean kill() {
        Process p = process;
        if (p != null) {
            ProcessTree.destroyForcibly(p);
        }
        return true;
    }

    /**
     * Asks the child to exit (SHUTDOWN), waits a bounded time, kills it if needed, and always reaps
     * it; then joins the output threads. At termination or after a death, kills at once.
     */
    @Override
    protected void release(boolean polite) {
        boolean interrupted = Thread.interrupted();
        try {
            Process p = process;
            if (p != null) {
                try {
                    if (!polite || !p.waitFor(shutdownWaitMillis, TimeUnit.MILLISECONDS)) {
                        ProcessTree.destroyForcibly(p);
                        p.waitFor(REAP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                    ProcessTree.destroyForcibly(p);
                }
            }
            ChildChannel.closeQuietly(channel);
            for (Thread forwarder : new Thread[] {stdout, stderr}) {
                if (forwarder != null) {
                    try {
                        forwarder.join(REAP_WAIT_MILLIS);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
