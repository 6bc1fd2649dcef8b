package io.mpire4j.internal;

import io.mpire4j.spi.Batch;
import io.mpire4j.spi.Worker;
import io.mpire4j.spi.WorkerContext;
import java.util.List;
import java.util.Set;

/**
 * A worker that runs tasks on its slot's own thread (platform or virtual): direct calls, no copies.
 * A task past its timeout is interrupted; if it has not returned a grace period later, the pool
 * abandons the thread and gives the slot a fresh worker. Confined to the slot's thread, except
 * {@link #expire()} (the watchdog), which is ordered with {@link #phaseEnded()} by the pool's
 * deadline lock.
 */
final class ThreadWorker<S, E> implements Worker {
    /** The most tasks run between two looks at cancellation: {@link #nextBlock}. */
    static final int MAX_BLOCK = 256;
    /** A block of tasks that took less than this doubles; one that took longer starts again at one task. */
    static final long QUICK_BLOCK_NANOS = 100_000;

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
     * tight as a hand-written loop. Results go to an array of the chunk's own, copied into the
     * call's results in one {@code arraycopy}: workers that wrote straight into one shared result
     * array ran a third slower on trivial tasks, because neighbouring chunks, run at the same time
     * by two workers, share the cache lines of the collector's card table, which every reference
     * store writes.
     */
    private void runPlain(ChunkRun<S> run, WorkerProgram.Task<S, Object, Object> task) {
        List<?> source = run.source(); // a chunk of a list is read where it is, not copied out
        Object[] tasks = source == null ? run.tasks() : null;
        int first = source == null ? 0 : run.firstIndex();
        int n = run.size();
        Object[] results = new Object[n];
        int id = slot.id();
        int block = 1;
        for (int i = 0; i < n; ) {
            if (run.cancelled()) {
                Thread.interrupted();
                return;
            }
            int end = Math.min(n, i + block);
            boolean last = end == n; // the chunk's last block: its time would decide nothing
            long started = last ? 0 : System.nanoTime();
            for (; i < end; i++) {
                try {
                    results[i] = task.run(state, id, tasks != null ? tasks[i] : source.get(first + i));
                } catch (Throwable t) {
                    Thread.interrupted(); // a task's stray self-interrupt must not fail the next task
                    run.failed(i, t, results);
                    return;
                }
            }
            if (!last) {
                block = nextBlock(block, System.nanoTime() - started);
            }
        }
        Thread.interrupted();
        run.completed(results, null);
    }

    /**
     * How many tasks to run before the next look at cancellation, after a block of {@code block}
     * tasks took {@code nanos}: a look per task while tasks are slow (a cancelled call stops after
     * the task running), growing to one per {@value #MAX_BLOCK} tasks while they are quick, so that
     * a trivial task does not pay a volatile read. A block only doubles after the one before it took
     * under {@value #QUICK_BLOCK_NANOS} ns, so a cancelled call stops within a fraction of a
     * millisecond of quick tasks, or after at most {@value #MAX_BLOCK} tasks if they turn slow.
     */
    static int nextBlock(int block, long nanos) {
        if (nanos < QUICK_BLOCK_NANOS) {
            return Math.min(MAX_BLOCK, block * 2);
        }
        return 1;
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
