package io.mpire4j.internal;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A worker whose tasks run in a child JVM ({@link StartMethod#PROCESSES}). The slot's platform
 * thread ({@code mpire4j-worker-<id>}) is the child's proxy: it launches the child in
 * {@link #open()} (each slot's thread launches its own, so children start in parallel), then runs
 * the shared {@link Worker} loop, turning init, each chunk and exit into one round trip of
 * {@link Wire} frames. Two daemon threads ({@code mpire4j-output-<id>}) forward the child's stdout
 * and stderr; {@link #close()} joins them.
 *
 * <p>Deaths: a timeout makes the watchdog {@link #expire} the worker, which kills the child at once
 * and lets the generation put a fresh worker in the slot (the timeout already failed the call). A
 * child that dies on its own fails the call whose chunk it held with {@link WorkerDiedException};
 * the worker is then {@link Worker#gone gone} and the loop puts a fresh one in the slot without
 * running exit. A child that dies while idle is noticed by a process-exit callback, which wakes
 * the slot's thread for the same replacement. A child that exits because it was told to (at a
 * stop or at the end of its lifespan) is never reported.
 *
 * <p>Fields are confined to the slot's thread except the volatile flags and {@link #process}, which
 * the watchdog may kill.
 */
final class ChildWorker<S, E> extends Worker<S, E> {
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** How long a child may take to exit after SHUTDOWN before it is killed. */
    private static final long SHUTDOWN_WAIT_MILLIS = 3000;
    /** How long to wait for a dead or killed child to be reaped, and for its output to drain. */
    private static final long REAP_WAIT_MILLIS = 5000;
    /** Tasks listed in a {@link WorkerDiedException}'s message. */
    private static final int LISTED_TASKS = 5;
    static final int TIMED = 1;
    static final int MEASURED = 2;

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

    ChildWorker(Generation<S, E> generation, Generation.Slot<S, E> slot, Chunk<S> carry) {
        super(generation, slot, carry);
    }

    @Override
    boolean open() {
        ChildLauncher launcher = generation.children();
        long token = launcher.channel.newToken();
        try {
            Process p = launcher.start(slot.id, token);
            process = p;
            p.getOutputStream().close();
            stdout = OutputForwarder.start(p, p.getInputStream(), slot.id, false);
            stderr = OutputForwarder.start(p, p.getErrorStream(), slot.id, true);
            p.onExit().thenRun(this::childExited);
            channel = launcher.channel.await(token, p, START_TIMEOUT_NANOS);
            in = new Wire.In(Channels.newInputStream(channel));
            out = new Wire.Out(Channels.newOutputStream(channel));
            out.begin().write(launcher.receiver);
            out.send(Wire.HELLO);
            byte type = in.next();
            if (type == Wire.START_FAILED) {
                Throwable why = Wire.readThrowable(in.data);
                throw new IllegalStateException("the child JVM of worker " + slot.id + " could not build the program "
                        + launcher.programName + ": " + ErrorReport.throwableText(why), why);
            }
            if (type != Wire.READY) {
                throw Wire.unexpected(type, "instead of READY");
            }
            launcher.childReady();
            return true;
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (!abandoned && !generation.isTerminated() && !generation.isStopped()) {
                generation.cannotStart(this, e instanceof IllegalStateException ise ? ise
                        : new IllegalStateException("mpire4j could not start the child JVM of worker " + slot.id + ": "
                                + ErrorReport.messageOf(e), e));
            }
            return false;
        }
    }

    /** The process-exit callback (on a JDK thread): a child that died while idle is replaced. */
    private void childExited() {
        if (!closing && !killed && !gone) {
            gone = true;
            generation.wake(slot);
        }
    }

    @Override
    void callInit() throws Throwable {
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
    E callExit() throws Throwable {
        Throwable failure;
        try {
            out.sendEmpty(Wire.EXIT);
            byte type = in.next();
            if (type == Wire.EXIT_OK) {
                Codec<E> codec = generation.program.exitCodec();
                try {
                    return codec == null ? null : codec.read(in.data);
                } catch (IOException | RuntimeException e) {
                    throw new IllegalStateException("could not read the @WorkerExit result of worker " + slot.id
                            + ": " + ErrorReport.throwableText(e), e);
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
    int runChunk(Chunk<S> chunk, WorkerStats stats) {
        Process child = process;
        if (child == null || !child.isAlive()) {
            // It died while idle, before this chunk reached it: nothing of the chunk ran, so it goes
            // back to the queue for the fresh worker that takes this slot, and no call fails.
            gone = true;
            generation.requeue(chunk);
            return 0;
        }
        Call<S, ?, ?> call = chunk.call;
        int id = slot.id;
        int index = call.method.index();
        @SuppressWarnings("unchecked")
        WorkerProgram.TaskDef<S, Object, Object> def =
                (WorkerProgram.TaskDef<S, Object, Object>) generation.program.tasks().get(index);
        Object[] tasks = chunk.tasks;
        int n = tasks.length;
        long timeout = call.timeoutNanos;
        boolean timed = timeout > 0;
        long chunkStart = System.nanoTime(); // for insights and adaptive chunking
        DataOutputStream payload = out.begin();
        try {
            payload.writeInt(index);
            payload.writeByte((timed ? TIMED : 0) | (stats != null ? MEASURED : 0));
            payload.writeInt(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte buffer does not fail
        }
        for (int i = 0; i < n; i++) {
            try {
                def.taskCodec().write(payload, tasks[i]);
            } catch (IOException | RuntimeException e) {
                call.failTask(id, chunk, i, ChildMain.cannotSend("the task", tasks[i], e));
                return 0;
            }
        }
        int position = -1;
        if (timed) {
            beginPhase(Phase.TASK, call, chunk, 0, timeout);
        }
        try {
            out.send(Wire.CHUNK);
            while (true) {
                byte type = in.next();
                if (type == Wire.STARTED) {
                    position = in.data.readInt();
                    if (timed) {
                        beginPhase(Phase.TASK, call, chunk, position, timeout);
                    }
                    continue;
                }
                boolean late = timed && endPhase();
                if (type == Wire.RESULTS) {
                    received(chunk, def, stats, chunkStart, late);
                    return n;
                }
                if (type == Wire.FAILED) {
                    int at = in.data.readInt();
                    Throwable cause = Wire.readThrowable(in.data);
                    if (stats != null) {
                        stats.working(System.nanoTime() - chunkStart, at);
                    }
                    if (!late && !abandoned) {
                        call.failTask(id, chunk, at, cause);
                    }
                    if (cause instanceof VirtualMachineError) {
                        retire = true; // e.g. OutOfMemoryError: the JVM may be in a bad way, start afresh
                    }
                    return at + 1;
                }
                throw Wire.unexpected(type, "while running a chunk");
            }
        } catch (IOException e) {
            if (timed) {
                endPhase();
            }
            diedHolding(chunk, position, e);
            return n;
        }
    }

    private void received(Chunk<S> chunk, WorkerProgram.TaskDef<S, Object, Object> def, WorkerStats stats,
            long chunkStart, boolean late) throws IOException {
        Call<S, ?, ?> call = chunk.call;
        int n = in.data.readInt();
        Object[] results = new Object[n];
        for (int i = 0; i < n; i++) {
            try {
                results[i] = def.resultCodec().read(in.data);
            } catch (IOException | RuntimeException e) {
                if (!late && !abandoned) {
                    call.failTask(slot.id, chunk, i, new IOException("could not read the result from the child JVM: " + ErrorReport.throwableText(e), e));
                }
                return;
            }
        }
        if (stats != null) {
            for (int i = 0; i < n; i++) {
                stats.task(in.data.readLong(), call.method, chunk.tasks[i]);
            }
            stats.working(System.nanoTime() - chunkStart, n);
        }
        if (!late && !abandoned) {
            chunk.nanos = System.nanoTime() - chunkStart;
            chunk.results = results;
            call.progress.advance(n);
            call.completed(chunk);
        }
    }

    /** Whether an end of the channel now is one this side caused. */
    private boolean expectedEnd() {
        return killed || closing || abandoned || generation.isTerminated();
    }

    /** The channel broke outside a chunk: marks the worker gone and returns what to report. */
    private IOException broke(IOException e, String when) {
        boolean expected = expectedEnd();
        gone = true;
        if (expected) {
            return new IOException("worker " + slot.id + " was stopped " + when, e);
        }
        return new IOException("the child JVM of worker " + slot.id + " died " + when + " ("
                + ErrorReport.describeExit(exitCode()) + ")", e);
    }

    /** The channel broke while the child held {@code chunk}: fails its call unless this side ended the child. */
    private void diedHolding(Chunk<S> chunk, int position, IOException e) {
        boolean expected = expectedEnd();
        gone = true;
        if (expected) {
            return;
        }
        int code = exitCode();
        Call<S, ?, ?> call = chunk.call;
        MethodSpec<S, ?, ?> method = call.method;
        int primary = Math.max(position, 0);
        TaskFailure failure = new TaskFailure(method.displayName(), slot.id, chunk.taskIndex(primary),
                method.parameterNames(), method.argumentsOf(chunk.tasks[primary]));
        String message = diedMessage(method, slot.id, code, chunk, position);
        call.fail(() -> ErrorReport.died(failure, code, message));
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
            text.append(" running task index ").append(chunk.taskIndex(position)).append(nl).append("    ")
                    .append(arguments(method, chunk.tasks[position])).append(nl).append(" ");
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
        ProcessTree.destroyForcibly(p); // its channel broke, so it is of no use
        return -1;
    }

    /** Called by the watchdog: kills the child at once; the generation replaces the worker. */
    @Override
    Overdue expire(Phase phase) {
        killed = true;
        gone = true;
        Process p = process;
        if (p != null) {
            ProcessTree.destroyForcibly(p);
        }
        return overdue(phase);
    }

    /**
     * Asks the child to exit (SHUTDOWN), waits a bounded time, kills it if needed, and always reaps
     * it; then joins the output threads. At termination or after a death, kills at once.
     */
    @Override
    void close() {
        closing = true;
        boolean interrupted = Thread.interrupted();
        try {
            Process p = process;
            if (p != null) {
                boolean polite = out != null && !killed && !gone && !generation.isTerminated() && p.isAlive();
                if (polite) {
                    try {
                        out.sendEmpty(Wire.SHUTDOWN);
                    } catch (IOException e) {
                        polite = false;
                    }
                }
                try {
                    if (!polite || !p.waitFor(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
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

    /** The child's process, for tests. */
    Process process() {
        return process;
    }
}
