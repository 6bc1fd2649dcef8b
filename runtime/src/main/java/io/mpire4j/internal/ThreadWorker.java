package io.mpire4j.internal;

import io.mpire4j.spi.Batch;
import io.mpire4j.spi.Worker;
import io.mpire4j.spi.WorkerContext;
import java.util.Set;

/**
 * A worker that runs tasks on its slot's own thread (platform or virtual): direct calls, no copies.
 * A task past its timeout is interrupted; if it has not returned a grace period later, the pool
 * abandons the thread and gives the slot a fresh worker. Confined to the slot's thread, except
 * {@link #expire()} (the watchdog), which is ordered with {@link #phaseEnded()} by the pool's
 * deadline lock.
 */
final class ThreadWorker<S, E> implements Worker {
    private final WorkerContext slot;
    private final WorkerProgram<S, E> program;
    /** The slot's thread, set by {@link #open()} before any deadline applies; read by the watchdog. */
    private volatile Thread thread;
    private S state;
    /** Guarded by the deadline lock: whether the watchdog interrupted this thread in the current phase. */
    private boolean interruptSent;

    ThreadWorker(WorkerContext slot, WorkerProgram<S, E> program) {
        this.slot = slot;
        this.program = program;
    }

    /** Pins this worker's thread when the pool has {@code cpuIds}; a failure breaks the generation. */
    @Override
    public void open() {
        thread = Thread.currentThread();
        Set<Integer> cpus = slot.pool().cpus(slot.id());
        if (!cpus.isEmpty()) {
            CpuPinning.pinCurrentThread(slot.pool().taskset(), cpus);
        }
    }

    @Override
    public void init() throws Throwable {
        state = program.init(slot.id());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void run(Batch batch) {
        ChunkRun<S> run = (ChunkRun<S>) batch;
        WorkerProgram.Task<S, Object, Object> task = run.directCall();
        int n = batch.size();
        boolean measured = batch.measured();
        int id = slot.id();
        // Asked once per chunk: without a recording, tasks pay nothing for their JFR events.
        boolean traced = Jfr.on() && new JfrTaskEvent().isEnabled();
        if (!traced && !measured && batch.timeoutNanos() == 0) {
            runPlain(run, task);
            return;
        }
        Object[] results = new Object[n];
        long[] nanos = measured ? new long[n] : null;
        for (int i = 0; i < n; i++) {
            if (batch.cancelled()) {
                Thread.interrupted();
                return;
            }
            long taskStart = nanos == null ? 0 : System.nanoTime();
            JfrTaskEvent event = traced ? new JfrTaskEvent() : null;
            if (event != null) {
                event.begin();
            }
            batch.begin(i);
            try {
                results[i] = task.run(state, id, batch.task(i));
            } catch (Throwable t) {
                batch.end();
                if (event != null) {
                    commit(event, run, id, i, true);
                }
                Thread.interrupted(); // a task's stray self-interrupt must not fail the next task
                run.failed(i, t, results);
                return;
            }
            batch.end();
            if (event != null) {
                commit(event, run, id, i, false);
            }
            if (nanos != null) {
                nanos[i] = System.nanoTime() - taskStart;
            }
        }
        Thread.interrupted();
        batch.completed(results, nanos);
    }

    /**
     * The common case, with no deadline, no insights and no recording: nothing but the calls, as
     * tight as a hand-written loop. An ordered {@code map} over a list gets its results written
     * straight into the call's result array ({@link ChunkRun#resultsInPlace()}), not copied there
     * per chunk.
     */
    private void runPlain(ChunkRun<S> run, WorkerProgram.Task<S, Object, Object> task) {
        Object[] tasks = run.tasks();
        Object[] inPlace = run.resultsInPlace();
        Object[] results = inPlace != null ? inPlace : new Object[tasks.length];
        int offset = inPlace != null ? run.firstIndex() : 0;
        int id = slot.id();
        for (int i = 0; i < tasks.length; i++) {
            if (run.cancelled()) {
                Thread.interrupted();
                return;
            }
            try {
                results[offset + i] = task.run(state, id, tasks[i]);
            } catch (Throwable t) {
                Thread.interrupted(); // a task's stray self-interrupt must not fail the next task
                run.failed(i, t, results);
                return;
            }
        }
        Thread.interrupted();
        run.completed(results, null);
    }

    private static void commit(JfrTaskEvent event, ChunkRun<?> run, int workerId, int position, boolean failed) {
        event.end();
        if (event.shouldCommit()) {
            event.method = run.methodName();
            event.workerId = workerId;
            event.taskIndex = run.taskIndex(position);
            event.failed = failed;
            event.commit();
        }
    }

    @Override
    public Object exit() throws Throwable {
        try {
            return program.exit(state, slot.id());
        } finally {
            state = null;
        }
    }

    @Override
    public boolean expire() {
        interruptSent = true;
        thread.interrupt();
        return false;
    }

    @Override
    public void phaseEnded() {
        if (interruptSent) {
            interruptSent = false;
            Thread.interrupted(); // ours, sent for this phase only
        }
    }

    @Override
    public void close() {
        state = null;
    }
}
