package io.mpire4j;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One worker thread in a slot. Runs init before its first task, then chunk after chunk, then exit.
 *
 * <p>Fields without a note are confined to the worker's own thread. The phase fields describe what
 * the worker is doing for the watchdog; they are guarded by {@link #phaseLock} and only written
 * when a deadline applies (a task, init or exit timeout), so untimed work pays nothing for them.
 */
final class Worker<S, E> implements Runnable {
    enum Phase { IDLE, INIT, TASK, EXIT }

    /** What the watchdog should do about a worker. */
    enum Overdue { NO, REPLACE, DROP }

    final Generation<S, E> generation;
    final Generation.Slot<S, E> slot;
    /** Set before the thread starts. */
    Thread thread;
    /** Set by the generation when it gives up on this worker. */
    volatile boolean abandoned;
    /** Whether a graceful stop still waits for this worker; guarded by the generation's lock. */
    boolean counted = true;

    private final long createdNanos = System.nanoTime();
    private Chunk<S> carry;
    private S state;
    private boolean started;
    private long tasksSinceStart;

    private final ReentrantLock phaseLock = new ReentrantLock();
    private Phase phase = Phase.IDLE;
    private long deadline;
    private Call<S, ?, ?> phaseCall;
    private Chunk<S> phaseChunk;
    private int phasePosition;
    private boolean expired;
    private boolean interruptSent;
    private long abandonAt;

    Worker(Generation<S, E> generation, Generation.Slot<S, E> slot, Chunk<S> carry) {
        this.generation = generation;
        this.slot = slot;
        this.carry = carry;
    }

    @Override
    public void run() {
        WorkerStats stats = generation.measure ? slot.stats : null;
        if (stats != null) {
            stats.startUp(System.nanoTime() - createdNanos);
        }
        try {
            Chunk<S> chunk = carry;
            carry = null;
            while (true) {
                if (chunk == null) {
                    long waitStart = stats == null ? 0 : System.nanoTime();
                    chunk = generation.take(this);
                    if (stats != null) {
                        stats.waiting(System.nanoTime() - waitStart);
                    }
                    if (chunk == null) {
                        break;
                    }
                }
                Call<S, ?, ?> call = chunk.call;
                if (call.isDone()) {
                    chunk = null;
                    continue;
                }
                int lifespan = call.lifespan;
                if (lifespan > 0 && started && tasksSinceStart + chunk.tasks.length > lifespan) {
                    restart(chunk);
                    return;
                }
                if (!started && !init(call, stats)) {
                    if (abandoned) {
                        return;
                    }
                    chunk = null;
                    continue;
                }
                runChunk(chunk, stats);
                if (abandoned) {
                    return;
                }
                Thread.interrupted(); // a task's stray self-interrupt must not fail the next task
                if (lifespan > 0 && tasksSinceStart >= lifespan) {
                    restart(null);
                    return;
                }
                chunk = null;
            }
            if (!abandoned && !generation.isTerminated()) {
                exit(stats);
            }
        } catch (Throwable bug) {
            generation.crashed(this, bug);
        } finally {
            generation.ended(this);
        }
    }

    /** Ends this worker (running its exit) and starts a fresh one in the slot, which runs {@code next} first. */
    private void restart(Chunk<S> next) {
        exit(generation.measure ? slot.stats : null);
        if (!abandoned) {
            generation.restart(this, next);
        }
    }

    private boolean init(Call<S, ?, ?> call, WorkerStats stats) {
        WorkerProgram<S, E> program = generation.program;
        if (!program.hasInit()) {
            started = true;
            return true;
        }
        long start = System.nanoTime();
        boolean timed = generation.initTimeoutNanos > 0;
        if (timed) {
            beginPhase(Phase.INIT, call, null, -1, generation.initTimeoutNanos);
        }
        try {
            state = program.init(slot.id);
            started = true;
        } catch (Throwable t) {
            if (!abandoned) {
                call.fail(() -> new WorkerInitException(program.initName(), slot.id, "threw", t));
            }
        } finally {
            if (timed) {
                endPhase();
            }
            if (stats != null) {
                stats.init(System.nanoTime() - start);
            }
        }
        return started;
    }

    private void runChunk(Chunk<S> chunk, WorkerStats stats) {
        Call<S, ?, ?> call = chunk.call;
        WorkerProgram.Task<S, Object, Object> task = call.task();
        Object[] tasks = chunk.tasks;
        int n = tasks.length;
        Object[] results = new Object[n];
        long timeout = call.timeoutNanos;
        boolean timed = timeout > 0;
        long chunkStart = stats == null ? 0 : System.nanoTime();
        int id = slot.id;
        int done = 0;
        int failed = 0;
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
                if (!abandoned) {
                    call.failTask(id, chunk, done, t);
                }
                failed = 1;
                break;
            }
            if (timed) {
                endPhase();
            }
            if (stats != null) {
                stats.task(System.nanoTime() - taskStart, call.method, tasks[done]);
            }
        }
        tasksSinceStart += done + failed; // a lifespan counts every task a worker ran, failed ones too
        if (stats != null) {
            stats.working(System.nanoTime() - chunkStart, done);
        }
        if (done == n && !abandoned) {
            chunk.results = results;
            call.progress.advance(n);
            call.completed(chunk);
        }
    }

    private void exit(WorkerStats stats) {
        if (!started) {
            return;
        }
        started = false;
        WorkerProgram<S, E> program = generation.program;
        if (!program.hasExit()) {
            state = null;
            return;
        }
        long start = System.nanoTime();
        boolean timed = generation.exitTimeoutNanos > 0;
        if (timed) {
            beginPhase(Phase.EXIT, null, null, -1, generation.exitTimeoutNanos);
        }
        E result = null;
        Throwable failure = null;
        try {
            result = program.exit(state, slot.id);
        } catch (Throwable t) {
            failure = t;
        } finally {
            boolean late = timed && endPhase();
            state = null;
            if (stats != null) {
                stats.exit(System.nanoTime() - start);
            }
            if (!abandoned && !late) {
                if (failure == null) {
                    generation.exitResult(result);
                } else {
                    generation.exitFailed(new WorkerExitException(program.exitName(), slot.id, "threw", failure));
                }
            }
        }
    }

    // ---------------------------------------------------------------- deadlines

    private void beginPhase(Phase kind, Call<S, ?, ?> call, Chunk<S> chunk, int position, long timeoutNanos) {
        phaseLock.lock();
        try {
            phase = kind;
            phaseCall = call;
            phaseChunk = chunk;
            phasePosition = position;
            deadline = System.nanoTime() + timeoutNanos;
            expired = false;
        } finally {
            phaseLock.unlock();
        }
    }

    /** Leaves the current phase; returns whether it ran past its deadline. Clears our own interrupt. */
    private boolean endPhase() {
        boolean late;
        boolean clearInterrupt;
        phaseLock.lock();
        try {
            phase = Phase.IDLE;
            phaseCall = null;
            phaseChunk = null;
            late = expired;
            expired = false;
            clearInterrupt = interruptSent;
            interruptSent = false;
        } finally {
            phaseLock.unlock();
        }
        if (clearInterrupt) {
            Thread.interrupted();
        }
        return late;
    }

    /**
     * Called by the watchdog. The first time a phase is past its deadline, reports the timeout and
     * interrupts the worker; if the phase is still running a grace period later, says to abandon it.
     */
    Overdue checkDeadline(long now) {
        phaseLock.lock();
        try {
            if (phase == Phase.IDLE) {
                return Overdue.NO;
            }
            if (!expired) {
                if (now - deadline < 0) {
                    return Overdue.NO;
                }
                expired = true;
                abandonAt = now + Generation.GRACE_NANOS;
                reportTimeout();
                interruptSent = true;
                thread.interrupt();
                return Overdue.NO;
            }
            if (now - abandonAt < 0) {
                return Overdue.NO;
            }
            return phase == Phase.EXIT ? Overdue.DROP : Overdue.REPLACE;
        } finally {
            phaseLock.unlock();
        }
    }

    /** Guarded by phaseLock. */
    private void reportTimeout() {
        WorkerProgram<S, E> program = generation.program;
        int id = slot.id;
        switch (phase) {
            case TASK -> phaseCall.failTimeout(id, phaseChunk, phasePosition);
            case INIT -> {
                String limit = "did not finish within " + ErrorReport.duration(generation.options.workerInitTimeout().orElseThrow());
                phaseCall.fail(() -> new WorkerInitException(program.initName(), id, limit, null));
            }
            case EXIT -> generation.exitFailed(new WorkerExitException(program.exitName(), id,
                    "did not finish within " + ErrorReport.duration(generation.options.workerExitTimeout().orElseThrow()), null));
            case IDLE -> { }
        }
    }
}
