package io.mpire4j.internal;

/**
 * A worker that runs tasks on its own thread (platform or virtual): direct calls, no copies. A task
 * past its timeout is interrupted; if it has not returned a grace period later, the thread is
 * abandoned and the slot gets a fresh worker.
 */
final class ThreadWorker<S, E> extends Worker<S, E> {
    private S state;
    /** Guarded by the phase lock: whether the watchdog interrupted this thread in the current phase. */
    private boolean interruptSent;

    ThreadWorker(Generation<S, E> generation, Generation.Slot<S, E> slot, Chunk<S> carry) {
        super(generation, slot, carry);
    }

    /** Pins this worker's thread when the pool has {@code cpuIds}; a failure breaks the generation. */
    @Override
    boolean open() {
        java.util.Set<Integer> cpus = generation.plan.cpus(slot.id);
        if (!cpus.isEmpty()) {
            try {
                CpuPinning.pinCurrentThread(generation.plan.taskset(), cpus);
            } catch (IllegalStateException e) {
                generation.cannotStart(this, e);
                return false;
            }
        }
        return true;
    }

    @Override
    void callInit() throws Throwable {
        state = generation.program.init(slot.id);
    }

    @Override
    int runChunk(Chunk<S> chunk, WorkerStats stats) {
        Call<S, ?, ?> call = chunk.call;
        WorkerProgram.Task<S, Object, Object> task = call.task();
        Object[] tasks = chunk.tasks;
        int n = tasks.length;
        Object[] results = new Object[n];
        long timeout = call.timeoutNanos;
        boolean timed = timeout > 0;
        int id = slot.id;
        int done = 0;
        long chunkStart = System.nanoTime(); // for insights and adaptive chunking
        for (; done < n; done++) {
            if (call.isDone()) {
                break;
            }
            long taskStart = stats == null ? 0 : System.nanoTime();
            try {
                if (timed) {
                    beginPhase(Phase.TASK, call, chunk, done, timeout);
                }
                results[done] = task.run(state, id, tasks[done]);
            } catch (Throwable t) {
                if (timed) {
                    endPhase();
                }
                if (stats != null) {
                    stats.working(System.nanoTime() - chunkStart, done);
                }
                if (!abandoned) {
                    call.failTask(id, chunk, done, t);
                }
                Thread.interrupted(); // a task's stray self-interrupt must not fail the next task
                return done + 1;
            }
            if (timed) {
                endPhase();
            }
            if (stats != null) {
                stats.task(System.nanoTime() - taskStart, call.method, tasks[done]);
            }
        }
        Thread.interrupted();
        if (stats != null) {
            stats.working(System.nanoTime() - chunkStart, done);
        }
        if (done == n && !abandoned) {
            chunk.nanos = System.nanoTime() - chunkStart;
            chunk.results = results;
            call.progress.advance(n);
            call.completed(chunk);
        }
        return done;
    }

    @Override
    E callExit() throws Throwable {
        try {
            return generation.program.exit(state, slot.id);
        } finally {
            state = null;
        }
    }

    @Override
    Overdue expire(Phase phase) {
        interruptSent = true;
        thread.interrupt();
        return Overdue.NO;
    }

    @Override
    void afterPhase(boolean late) {
        if (interruptSent) {
            interruptSent = false;
            Thread.interrupted(); // ours, sent for this phase only
        }
    }

    @Override
    void close() {
        state = null;
    }
}
