package io.mpire4j.internal;

import io.mpire4j.spi.Batch;
import io.mpire4j.spi.Worker;
import io.mpire4j.spi.WorkerContext;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A worker whose tasks run in a child JVM ({@link StartMethod#PROCESSES}). The slot's platform
 * thread ({@code mpire4j-worker-<id>}) is the child's proxy: it launches the child in
 * {@link #open()} (each slot's thread launches its own, so children start in parallel), then runs
 * the pool's worker loop, turning init, each chunk and exit into one round trip of
 * {@link Wire} frames. Two daemon threads ({@code mpire4j-output-<id>}) forward the child's stdout
 * and stderr; {@link #close()} joins them.
 *
 * <p>Deaths: a timeout makes the watchdog {@link #expire} the worker, which kills the child at once
 * and lets the generation put a fresh worker in the slot (the timeout already failed the call). A
 * child that dies on its own fails the call whose chunk it held with {@link WorkerDiedException};
 * the worker is then {@link WorkerContext#lost() lost} and the loop puts a fresh one in the slot without
 * running exit. A child that dies while idle is noticed by a process-exit callback, which wakes
 * the slot's thread for the same replacement. A child that exits because it was told to (at a
 * stop or at the end of its lifespan) is never reported.
 *
 * <p>Fields are confined to the slot's thread except the volatile flags and {@link #process}, which
 * the watchdog may kill.
 */
final class ChildWorker implements Worker {
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** How long a child may take to exit after SHUTDOWN before it is killed. */
    private static final long SHUTDOWN_WAIT_MILLIS = 3000;
    /** How long to wait for a dead or killed child to be reaped, and for its output to drain. */
    private static final long REAP_WAIT_MILLIS = 5000;
    /** Tasks listed in a {@link WorkerDiedException}'s message. */
    private static final int LISTED_TASKS = 5;

    private final WorkerContext slot;
    private final int id;
    private final ChildLauncher launcher;
    private volatile Process process;
    private SocketChannel channel;
    private Wire.In in;
    private Wire.Out out;
    private Thread stdout;
    private Thread stderr;
    /** Set when this side ends the child: exits after this are expected. */
    private volatile boolean closing;
    /** Set when the watchdog killed the child at a deadline. */
    private volatile boolean killed;

    ChildWorker(WorkerContext slot, ChildLauncher launcher) {
        this.slot = slot;
        this.id = slot.id();
        this.launcher = launcher;
    }

    @Override
    public void open() throws IOException, InterruptedException {
        long token = launcher.channel.newToken();
        {
            Process p = launcher.start(id, token);
            process = p;
            p.getOutputStream().close();
            stdout = OutputForwarder.start(p.getInputStream(), id, false);
            stderr = OutputForwarder.start(p.getErrorStream(), id, true);
            p.onExit().thenRun(this::childExited);
            channel = launcher.channel.await(token, p, START_TIMEOUT_NANOS);
            in = new Wire.In(Channels.newInputStream(channel));
            out = new Wire.Out(Channels.newOutputStream(channel));
            out.begin().write(launcher.receiver);
            out.send(Wire.HELLO);
            byte type = in.next();
            if (type == Wire.START_FAILED) {
                Throwable why = Wire.readThrowable(in.data);
                throw new IllegalStateException("the child JVM of worker " + id + " could not build the program "
                        + launcher.programName + ": " + why, why);
            }
            if (type != Wire.READY) {
                throw Wire.unexpected(type, "instead of READY");
            }
            launcher.childReady();
        }
    }

    /** The process-exit callback (on a JDK thread): a child that died while idle is replaced. */
    private void childExited() {
        if (!closing && !killed) {
            slot.lost();
        }
    }

    @Override
    public void init() throws Throwable {
        Throwable failure;
        try {
            out.sendEmpty(Wire.INIT);
            byte type = in.next();
            if (type == Wire.INIT_OK) {
                return;
            }
            if (type != Wire.INIT_FAILED) {
                throw Wire.unexpected(type, "after INIT");
            }
            failure = Wire.readThrowable(in.data);
        } catch (IOException e) {
            throw broke(e, "during @WorkerInit");
        }
        throw failure;
    }

    @Override
    public Object exit() throws Throwable {
        Throwable failure;
        try {
            out.sendEmpty(Wire.EXIT);
            byte type = in.next();
            if (type == Wire.EXIT_OK) {
                try {
                    return slot.readExit(in.data);
                } catch (IOException | RuntimeException e) {
                    throw new IllegalStateException("could not read the @WorkerExit result of worker " + id
                            + ": " + e, e);
                }
            }
            if (type != Wire.EXIT_FAILED) {
                throw Wire.unexpected(type, "after EXIT");
            }
            failure = Wire.readThrowable(in.data);
        } catch (IOException e) {
            throw broke(e, "during @WorkerExit");
        }
        throw failure;
    }

    @Override
    public void run(Batch batch) {
        Process child = process;
        if (child == null || !child.isAlive()) {
            // It died while idle, before this chunk reached it: nothing of the chunk ran, so it goes
            // back to the queue for the fresh worker that takes this slot, and no call fails.
            batch.untouched();
            return;
        }
        int n = batch.size();
        boolean timed = batch.timeoutNanos() > 0;
        boolean measured = batch.measured();
        DataOutputStream payload = Frames.beginChunk(out, batch.method(), timed, measured, n);
        for (int i = 0; i < n; i++) {
            try {
                batch.writeTask(payload, i);
            } catch (IOException | RuntimeException e) {
                batch.failed(i, ChildMain.cannotSend("the task", batch.task(i), e));
                return;
            }
        }
        int position = -1;
        batch.begin(0);
        try {
            out.send(Wire.CHUNK);
            while (true) {
                byte type = in.next();
                if (type == Wire.STARTED) {
                    position = Frames.readStarted(in.data);
                    batch.begin(position);
                    continue;
                }
                batch.end();
                if (type == Wire.RESULTS) {
                    received(batch, measured);
                    return;
                }
                if (type == Wire.FAILED) {
                    Frames.Failed failed = Frames.readFailed(in.data);
                    if (failed.cause() instanceof VirtualMachineError) {
                        slot.retire(); // e.g. OutOfMemoryError: the JVM may be in a bad way, start afresh
                    }
                    batch.failed(failed.position(), failed.cause());
                    return;
                }
                throw Wire.unexpected(type, "while running a chunk");
            }
        } catch (IOException e) {
            batch.end();
            slot.lost();
            batch.lost(position, expectedEnd() ? -1 : exitCode());
        }
    }

    private void received(Batch batch, boolean measured) throws IOException {
        int n = Frames.readResultCount(in.data);
        Object[] results = new Object[n];
        for (int i = 0; i < n; i++) {
            try {
                results[i] = batch.readResult(in.data);
            } catch (IOException | RuntimeException e) {
                batch.failed(i, new IOException("could not read the result from the child JVM: " + e, e));
                return;
            }
        }
        batch.completed(results, measured ? Frames.readNanos(in.data, n) : null);
    }

    /** Whether an end of the channel now is one this side caused. */
    private boolean expectedEnd() {
        return killed || closing || slot.ending();
    }

    /** The channel broke outside a chunk: marks the worker gone and returns what to report. */
    private IOException broke(IOException e, String when) {
        boolean expected = expectedEnd();
        slot.lost();
        if (expected) {
            return new IOException("worker " + id + " was stopped " + when, e);
        }
        return new IOException("the child JVM of worker " + id + " died " + when + " ("
                + ErrorReport.describeExit(exitCode()) + ")", e);
    }

    static String diedMessage(MethodSpec<?, ?, ?> method, int workerId, int code, Chunk<?> chunk, int position) {
        String nl = System.lineSeparator();
        int n = chunk.tasks.length;
        StringBuilder text = new StringBuilder(method.displayName()).append(": worker ").append(workerId)
                .append(" died (").append(ErrorReport.describeExit(code)).append(')');
        if (chunk.firstIndex < 0) {
            text.append(" running its task").append(nl).append("    ").append(arguments(method, chunk.tasks[0]));
            return text.toString();
        }
        if (position >= 0) {
            text.append(" running task index ").append(chunk.taskIndex(position)).append(',');
        }
        text.append(" holding ").append(n).append(n == 1 ? " task (task index " : " tasks (task indexes ")
                .append(chunk.firstIndex);
        if (n > 1) {
            text.append('–').append(chunk.taskIndex(n - 1));
        }
        text.append(')');
        for (int i = 0; i < Math.min(n, LISTED_TASKS); i++) {
            text.append(nl).append("    task ").append(chunk.taskIndex(i)).append(": ")
                    .append(arguments(method, chunk.tasks[i]));
        }
        if (n > LISTED_TASKS) {
            text.append(nl).append("    … ").append(n - LISTED_TASKS).append(" more");
        }
        return text.toString();
    }

    private static String arguments(MethodSpec<?, ?, ?> method, Object task) {
        Object[] args = method.argumentsOf(task);
        List<String> names = method.parameterNames();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.length; i++) {
            out.append(i == 0 ? "" : ", ").append(i < names.size() ? names.get(i) : "arg" + i).append(" = ")
                    .append(ErrorReport.describe(args[i]));
        }
        return out.toString();
    }

    /** The dead child's exit code, waiting a bounded time for it; a child that lingers is killed. */
    private int exitCode() {
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
        p.destroyForcibly(); // its channel broke, so it is of no use
        return -1;
    }

    /** Called by the watchdog: kills the child at once; the generation replaces the worker. */
    @Override
    public boolean expire() {
        killed = true;
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
        return true;
    }

    /**
     * Asks the child to exit (SHUTDOWN), waits a bounded time, kills it if needed, and always reaps
     * it; then joins the output threads. At termination or after a death, kills at once.
     */
    @Override
    public void close() {
        closing = true;
        boolean interrupted = Thread.interrupted();
        try {
            Process p = process;
            if (p != null) {
                boolean polite = out != null && !killed && !slot.ending() && p.isAlive();
                if (polite) {
                    try {
                        out.sendEmpty(Wire.SHUTDOWN);
                    } catch (IOException e) {
                        polite = false;
                    }
                }
                try {
                    if (!polite || !p.waitFor(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                        p.destroyForcibly();
                        p.waitFor(REAP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                    p.destroyForcibly();
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
