package io.mpire4j.internal;

import io.mpire4j.spi.PoolContext;
import io.mpire4j.spi.PoolEvents;
import io.mpire4j.spi.Worker;
import io.mpire4j.spi.WorkerContext;
import java.io.DataInput;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One worker in a slot: the loop every worker kind shares. It takes chunk after chunk, starts the
 * worker's lifecycle (init) before the first task, restarts the slot at the call's lifespan, runs
 * exit at the end, and keeps the deadlines the watchdog checks. Where the work happens is the
 * kind's {@link Worker}: on this loop's own thread, or by proxy in a child JVM or on a member.
 *
 * <p>Fields without a note are confined to the slot's thread. What the worker is doing for the
 * watchdog is kept by its {@link Deadline}, written only when a deadline applies (a task, init or
 * exit timeout), so untimed work pays nothing for it.
 */
final class WorkerLoop<S, E> implements Runnable, WorkerContext {
    final Generation<S, E> generation;
    /** The kind's worker; set before the thread starts. */
    Worker worker;
    final Slot<S, E> slot;
    /** Set before the thread starts. */
    Thread thread;
    /** Set before the thread starts: whether this worker replaces an earlier one in its slot. */
    boolean replacement;
    /**
     * Where a worker is in its life. Transitions happen only in {@link #move}, by compare-and-set:
     * <pre>
     * READY ──init──▶ STARTED ──exit──▶ RESTARTING | STOPPING ──▶ READY
     *   any of those ──lost()──▶ GONE          (its process died: replaced without exit)
     *   any but ABANDONED ──abandon()──▶ ABANDONED   (given up at a deadline: replaced, results dropped)
     * </pre>
     * GONE and ABANDONED are final. {@code STARTED}: init ran (or there is none) and exit is due.
     */
    enum Life { READY, STARTED, RESTARTING, STOPPING, GONE, ABANDONED }

    private final AtomicReference<Life> life = new AtomicReference<>(Life.READY);
    /** Whether a graceful stop still waits for this worker; guarded by the generation's lock. */
    boolean counted = true;
    /**
     * Set by a kind, on the worker's thread, when the worker should be replaced after the current
     * chunk (running exit first), as at the end of a lifespan: a child JVM whose task threw an
     * {@code OutOfMemoryError}.
     */
    private boolean retire;

    /**
     * While a lifespan restart runs exit: the chunk the fresh worker must run first. If exit is
     * abandoned at its deadline, the generation hands this chunk to the replacement, so no chunk
     * is lost. Written on the worker's thread, read by the watchdog.
     */
    volatile Work<S> handover;

    /** The ticket of a ranged call this worker is claiming ranges of, if any. */
    private Ticket<S> ticket;

    private final long createdNanos = System.nanoTime();
    private Work<S> carry;
    /** Tasks run since the lifecycle started, failed ones included: what a lifespan counts. */
    long tasksSinceStart;

    private final Deadline<S> deadline = new Deadline<>(this);

    WorkerLoop(Generation<S, E> generation, Slot<S, E> slot, Work<S> carry) {
        this.generation = generation;
        this.slot = slot;
        this.carry = carry;
    }

    // ---------------------------------------------------------------- life

    /** Moves from {@code from} to {@code to}; false (and no change) if the worker was not in {@code from}. */
    private boolean move(Life from, Life to) {
        return life.compareAndSet(from, to);
    }

    /** Moves to a final state unless already in one; false if it was final already (or ABANDONED). */
    private boolean end(Life to) {
        while (true) {
            Life now = life.get();
            if (now == Life.ABANDONED || now == to) {
                return false;
            }
            if (life.compareAndSet(now, to)) {
                return true;
            }
        }
    }

    /** Whether the generation gave up on this worker at a deadline. */
    boolean abandoned() {
        return life.get() == Life.ABANDONED;
    }

    /** Whether init ran (or there is none) and exit is due. Any thread. */
    boolean started() {
        return life.get() == Life.STARTED;
    }

    /** Whether this worker can work no more: gone or abandoned. */
    boolean over() {
        Life now = life.get();
        return now == Life.GONE || now == Life.ABANDONED;
    }

    /** Called by the generation (under its lock) as it gives up on this worker; false if it already had. */
    boolean abandon() {
        return end(Life.ABANDONED);
    }

    // ---------------------------------------------------------------- the kind's worker

    /** Opens the kind's worker; false if it cannot work (then the generation is broken, unless it is ending anyway). */
    private boolean open() {
        try {
            worker.open();
            generation.started(slot);
            return true;
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (!abandoned() && !generation.isTerminated() && !generation.isStopped()) {
                // The link broke as it started (its child JVM was killed, say): a fresh worker tries again.
                if (e instanceof java.io.IOException && generation.startAgain(this, carry)) {
                    carry = null;
                    return false;
                }
                generation.cannotStart(this, e instanceof IllegalStateException ise ? ise
                        : new IllegalStateException("mpire4j could not start worker " + slot.id + ": "
                                + ErrorReport.throwableText(e), e));
            }
            return false;
        }
    }

    /** Runs the chunk on the kind's worker; returns how many tasks ran, a failed one included. */
    private int runChunk(Chunk<S> chunk, WorkerStats stats) {
        ChunkRun<S> run = new ChunkRun<>(this, chunk, stats);
        // Busy workers are counted only while someone listens: otherwise a chunk pays one volatile read.
        PoolView counted = PoolEvents.current().length > 0 ? generation.view : null;
        if (counted != null) {
            counted.busy(1);
        }
        try {
            worker.run(run);
        } finally {
            if (counted != null) {
                counted.busy(-1);
            }
        }
        return run.ran();
    }

    /** Called by the watchdog as a phase passes its deadline: the kind interrupts or kills. */
    Deadline.Overdue expire(Deadline.Phase phase) {
        Deadline.Overdue ifGone = overdue(phase); // before the kind acts: a killed worker is no longer RESTARTING
        if (worker.expire()) {
            end(Life.GONE);
            return ifGone;
        }
        return Deadline.Overdue.NO;
    }

    // ---------------------------------------------------------------- WorkerContext, for the kind

    @Override
    public int id() {
        return slot.id;
    }

    @Override
    public PoolContext pool() {
        return generation.context;
    }

    @Override
    public void lost() {
        if (end(Life.GONE)) {
            generation.wake(slot);
        }
    }

    @Override
    public void retire() {
        retire = true;
    }

    @Override
    public void location(String where) {
        if (generation.measure) {
            slot.stats.location(where);
        }
    }

    @Override
    public boolean ending() {
        return abandoned() || generation.isTerminated();
    }

    @Override
    public Object readExit(DataInput in) throws IOException {
        Codec<E> codec = generation.program.exitCodec();
        return codec == null ? null : codec.read(in);
    }

    // ---------------------------------------------------------------- the loop

    @Override
    public final void run() {
        WorkerStats stats = generation.measure ? slot.stats : null;
        try {
            if (replacement) {
                generation.fire(l -> l.workerReplaced(generation.view, slot.id));
            }
            boolean opened = open();
            long startUp = System.nanoTime() - createdNanos; // a child JVM's launch included
            if (stats != null) {
                stats.startUp(startUp);
            }
            if (!opened) {
                return;
            }
            generation.fire(l -> l.workerStarted(generation.view, slot.id, Duration.ofNanos(startUp)));
            Chunk<S> chunk = null;
            if (carry instanceof Ticket<S> t) {
                ticket = t;
            } else if (carry instanceof Chunk<S> c) {
                chunk = c;
            }
            carry = null;
            while (true) {
                if (chunk == null) {
                    chunk = next(stats);
                    if (chunk == null) {
                        if (over()) {
                            leave();
                            return;
                        }
                        break;
                    }
                }
                Call<S, ?, ?> call = chunk.call;
                if (call.isDone()) {
                    chunk = null;
                    continue;
                }
                int lifespan = call.lifespan;
                if (lifespan > 0 && life.get() == Life.STARTED && tasksSinceStart + chunk.size() > lifespan) {
                    restart(chunk);
                    return;
                }
                if (life.get() != Life.STARTED && !init(call, stats)) {
                    if (over()) {
                        leave();
                        return;
                    }
                    chunk = null;
                    continue;
                }
                tasksSinceStart += runChunk(chunk, stats);
                if (over()) {
                    leave();
                    return;
                }
                if (retire || lifespan > 0 && tasksSinceStart >= lifespan) {
                    restart(null);
                    return;
                }
                chunk = null;
            }
            if (!over() && !generation.isTerminated()) {
                exit(stats, Life.STOPPING);
            }
        } catch (Throwable bug) {
            generation.crashed(this, bug);
        } finally {
            try {
                worker.close();
            } finally {
                generation.ended(this);
            }
        }
    }

    /** Ends this worker (running its exit) and starts a fresh one in the slot, which runs {@code next} first. */
    private void restart(Chunk<S> next) {
        Work<S> successorFirst = next != null ? next : ticket;
        handover = successorFirst;
        exit(generation.measure ? slot.stats : null, Life.RESTARTING);
        if (!abandoned()) {
            generation.restart(this, successorFirst);
        }
    }

    /**
     * The next chunk: a range claimed with the ticket this worker holds, else the next chunk
     * from the generation (waiting for one); {@code null} when the worker should stop.
     */
    private Chunk<S> next(WorkerStats stats) {
        while (true) {
            if (ticket != null) {
                Chunk<S> claimed = ticket.claim();
                if (claimed != null) {
                    return claimed;
                }
                ticket = null;
            }
            long waitStart = stats == null ? 0 : System.nanoTime();
            Work<S> work = generation.take(this);
            if (stats != null) {
                stats.waiting(System.nanoTime() - waitStart);
            }
            if (work instanceof Ticket<S> t) {
                ticket = t;
            } else if (work instanceof Start<S> start) {
                start(start.call(), stats);
                if (over()) {
                    return null;
                }
            } else {
                return (Chunk<S>) work;
            }
        }
    }

    /** The ticket this worker claims ranges with, which a successor in its slot takes over. */
    Ticket<S> ticket() {
        return ticket;
    }

    /**
     * Ends a worker that is gone or abandoned, without exit: a gone worker that the
     * generation did not abandon gets a fresh worker in its slot ({@link Generation#replaceLost}).
     */
    private void leave() {
        boolean given = abandoned();
        generation.fire(l -> l.workerDied(generation.view, slot.id, given ? "abandoned at a deadline"
                : "its process ended"));
        if (!given) {
            generation.replaceLost(this);
        }
    }

    /** Runs init for {@code call} unless it ran already or the call failed; always reports to the call. */
    private void start(Call<S, ?, ?> call, WorkerStats stats) {
        try {
            if (life.get() == Life.READY && !call.hasFailed()) {
                init(call, stats);
            }
        } finally {
            call.started();
        }
    }

    private boolean init(Call<S, ?, ?> call, WorkerStats stats) {
        WorkerProgram<S, E> program = generation.program;
        if (!program.hasInit()) {
            move(Life.READY, Life.STARTED);
            return true;
        }
        JfrWorkerInitEvent event = Jfr.on() ? new JfrWorkerInitEvent() : null;
        if (event != null) {
            event.begin();
        }
        long start = System.nanoTime();
        boolean timed = generation.initTimeoutNanos > 0;
        if (timed) {
            beginPhase(Deadline.Phase.INIT, call, null, -1, generation.initTimeoutNanos);
        }
        Throwable failed = null;
        try {
            worker.init();
            move(Life.READY, Life.STARTED);
        } catch (Throwable t) {
            failed = t;
            if (!abandoned()) {
                call.fail(() -> ErrorReport.initFailed(program.initName(), slot.id, "failed", t));
            }
        } finally {
            if (timed) {
                endPhase();
            }
            long took = System.nanoTime() - start;
            if (stats != null) {
                stats.init(took);
            }
            Throwable why = failed;
            if (event != null) {
                event.end();
                if (event.shouldCommit()) {
                    event.pool = generation.view.id();
                    event.workerId = slot.id;
                    event.failure = why == null ? null : why.getClass().getName();
                    event.commit();
                }
            }
            generation.fire(l -> l.workerInitDone(generation.view, slot.id, Duration.ofNanos(took), why));
        }
        return life.get() == Life.STARTED;
    }

    /** Runs exit if it is due, as {@code why} (a restart or a stop); back to READY after. */
    private void exit(WorkerStats stats, Life why) {
        if (!move(Life.STARTED, why)) {
            return;
        }
        JfrWorkerExitEvent event = Jfr.on() ? new JfrWorkerExitEvent() : null;
        if (event != null) {
            event.begin();
        }
        Throwable failure = null;
        try {
            failure = runExit(stats);
        } finally {
            if (event != null) {
                event.end();
                if (event.shouldCommit()) {
                    event.pool = generation.view.id();
                    event.workerId = slot.id;
                    event.failure = failure == null ? null : failure.getClass().getName();
                    event.commit();
                }
            }
            move(why, Life.READY);
            generation.fire(l -> l.workerExited(generation.view, slot.id));
        }
    }

    /** Runs the program's exit, if it has one; returns what it threw, else null. */
    private Throwable runExit(WorkerStats stats) {
        WorkerProgram<S, E> program = generation.program;
        if (!program.hasExit()) {
            return null;
        }
        long start = System.nanoTime();
        boolean timed = generation.exitTimeoutNanos > 0;
        if (timed) {
            beginPhase(Deadline.Phase.EXIT, null, null, -1, generation.exitTimeoutNanos);
        }
        E result = null;
        Throwable failure = null;
        try {
            @SuppressWarnings("unchecked")
            E exited = (E) worker.exit();
            result = exited;
        } catch (Throwable t) {
            failure = t;
        } finally {
            boolean late = timed && endPhase();
            if (stats != null) {
                stats.exit(System.nanoTime() - start);
            }
            if (!abandoned() && !late) {
                if (failure == null) {
                    generation.exits().result(result);
                } else {
                    Throwable cause = failure;
                    int id = slot.id;
                    generation.exits().failed(() -> ErrorReport.exitFailed(program.exitName(), id, "failed", cause));
                }
            }
        }
        return failure;
    }

    // ---------------------------------------------------------------- deadlines

    void beginPhase(Deadline.Phase kind, Call<S, ?, ?> call, Chunk<S> chunk, int position, long timeoutNanos) {
        deadline.begin(kind, call, chunk, position, timeoutNanos);
    }

    /** Leaves the current phase; returns whether it ran past its deadline. */
    boolean endPhase() {
        return deadline.end();
    }

    /** Called by the watchdog; see {@link Deadline#check}. */
    Deadline.Overdue checkDeadline(long now) {
        return deadline.check(now);
    }

    /** Called under the deadline lock as a phase ends: the kind may clear what it did at expiry. */
    void phaseEnded() {
        worker.phaseEnded();
    }

    /**
     * What to do with a worker given up in {@code phase}: replace it, except when it was exiting
     * for good (a stop), where nothing needs its slot.
     */
    Deadline.Overdue overdue(Deadline.Phase phase) {
        return phase == Deadline.Phase.EXIT && life.get() != Life.RESTARTING ? Deadline.Overdue.DROP
                : Deadline.Overdue.REPLACE;
    }

    /** Reports that {@code phase} ran past its deadline. Called by the watchdog under the deadline lock. */
    void reportTimeout(Deadline.Phase phase, Call<S, ?, ?> call, Chunk<S> chunk, int position) {
        WorkerProgram<S, E> program = generation.program;
        int id = slot.id;
        switch (phase) {
            case TASK -> call.failTimeout(id, chunk, position, generation.measure ? slot.stats : null);
            case INIT -> {
                String limit = "did not finish within " + ErrorReport.duration(generation.plan.initTimeout());
                call.fail(() -> ErrorReport.initFailed(program.initName(), id, limit, null));
            }
            case EXIT -> {
                String limit = "did not finish within " + ErrorReport.duration(generation.plan.exitTimeout());
                generation.exits().failed(() -> ErrorReport.exitFailed(program.exitName(), id, limit, null));
            }
            case IDLE -> { }
        }
    }
}
