package io.mpire4j.internal;

import io.mpire4j.spi.PoolEvents;
import io.mpire4j.spi.PoolListener;
import io.mpire4j.spi.Workers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One set of started workers: their threads, their work queues, and what they leave behind (exit
 * results, exit failures, insights). A pool with {@code keepAlive(true)} keeps one generation until
 * it is stopped; with {@code keepAlive(false)} every call gets its own.
 *
 * <p>Lifecycle: {@code RUNNING → STOPPING → STOPPED} (graceful: queued chunks run, then every
 * worker that ran a task runs its exit) or {@code RUNNING/STOPPING → TERMINATED} (at once, no
 * exits). Every field below the lock is guarded by {@link #lock}.
 *
 * <p>Each slot runs a {@link WorkerLoop} on its own thread around the pool's worker kind's
 * {@link io.mpire4j.spi.Worker}; what the kind's workers share (a child-JVM socket, say) is the
 * {@link Workers} it made for this generation, closed when the generation ends. A worker that cannot
 * start makes the generation <em>broken</em>: running calls fail with the reason, new ones are
 * refused, and the pool starts a fresh generation for its next call.
 */
final class Generation<S, E> {
    /** How long an interrupted worker may take to return before it is abandoned and replaced. */
    static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    enum State { RUNNING, STOPPING, STOPPED, TERMINATED }

    final WorkerProgram<S, E> program;
    final PoolPlan plan;
    /** The pool as listeners see it. */
    final PoolView view;
    final long initTimeoutNanos;
    final long exitTimeoutNanos;
    final boolean measure;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workerEnded = lock.newCondition();
    private final WorkQueue<S, E> queue;
    private final List<Slot<S, E>> slots;
    private final List<Thread> threads = new ArrayList<>();
    private final Set<Call<S, ?, ?>> calls = new HashSet<>();
    private final Exits<E> exits = new Exits<>();
    private State state = State.RUNNING;
    private int live;
    private Watchdog watchdog;
    private volatile boolean terminated;
    /** Why a child worker could not start; null while the generation is sound. */
    private RuntimeException startFailure;
    /** The pool as its worker kind sees it. */
    final KindContext context;
    /** The kind's workers of this generation and what they share; closed when the generation ends. */
    private final Workers workers;

    Generation(WorkerProgram<S, E> program, PoolPlan plan, KindContext context, PoolView view) {
        this.program = program;
        this.view = view;
        this.plan = plan;
        this.initTimeoutNanos = plan.initTimeoutNanos();
        this.exitTimeoutNanos = plan.exitTimeoutNanos();
        this.measure = plan.insights();
        this.queue = new WorkQueue<>(plan.workers(), plan.orderTasks(), lock);
        this.slots = queue.slots();
        this.context = context;
        this.workers = plan.kind().start(context);
    }


    /** Tells the pool listeners, if any, of a worker event. */
    void fire(Consumer<PoolListener> event) {
        PoolListener[] listeners = PoolEvents.current();
        if (listeners.length > 0) {
            Events.fire(listeners, event);
        }
    }

    /** Starts every worker thread. Called once, by the pool, under no lock of this generation. */
    void start() {
        lock.lock();
        try {
            for (Slot<S, E> slot : slots) {
                startWorker(slot, null);
            }
            long tick = Math.min(initTimeoutNanos == 0 ? Long.MAX_VALUE : initTimeoutNanos,
                    exitTimeoutNanos == 0 ? Long.MAX_VALUE : exitTimeoutNanos);
            if (tick != Long.MAX_VALUE) {
                ensureWatchdog(tick);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Guarded by lock. */
    private void startWorker(Slot<S, E> slot, Work<S> first) {
        WorkerLoop<S, E> worker = new WorkerLoop<>(this, slot, first);
        worker.worker = workers.worker(worker);
        Thread thread = newThread(slot.id, worker);
        worker.thread = thread;
        worker.replacement = slot.current != null; // told to listeners by the new worker's own thread
        slot.current = worker;
        live++;
        if (threads.size() > 2 * slots.size()) {
            threads.removeIf(t -> !t.isAlive());
        }
        threads.add(thread);
        thread.start();
    }

    private Thread newThread(int id, Runnable body) {
        String name = "mpire4j-worker-" + id;
        if (plan.kind().virtualThreads()) {
            return Thread.ofVirtual().name(name).unstarted(body);
        }
        return Thread.ofPlatform().name(name).daemon(true)
                .uncaughtExceptionHandler((t, e) -> System.err.println("mpire4j: " + t.getName() + " failed: " + e))
                .unstarted(body);
    }

    /** Guarded by lock. */
    private void ensureWatchdog(long timeoutNanos) {
        long tick = Math.max(TimeUnit.MILLISECONDS.toNanos(1),
                Math.min(TimeUnit.MILLISECONDS.toNanos(50), timeoutNanos / 10));
        if (watchdog == null) {
            watchdog = new Watchdog(this, tick);
            watchdog.start();
        } else {
            watchdog.tighten(tick);
        }
    }

    // ---------------------------------------------------------------- calls

    /** Registers a call so that terminate() can fail it. */
    void register(Call<S, ?, ?> call) {
        lock.lock();
        try {
            requireRunning(call);
            calls.add(call);
            if (call.timeoutNanos > 0) {
                ensureWatchdog(call.timeoutNanos);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asks every worker that has not run init to run it now, for {@code call}, ahead of any task:
     * a call starts every worker it may use. Does nothing for a program without init or exit.
     */
    void startAll(Call<S, ?, ?> call) {
        if (!program.hasInit() && !program.hasExit()) {
            return;
        }
        lock.lock();
        try {
            List<Slot<S, E>> due = new ArrayList<>(slots.size());
            for (Slot<S, E> slot : slots) {
                if (slot.current == null || !slot.current.started()) {
                    due.add(slot);
                }
            }
            call.starting(due.size());
            for (Slot<S, E> slot : due) {
                queue.addFirst(slot, new Start<>(call));
            }
        } finally {
            lock.unlock();
        }
    }

    void unregister(Call<S, ?, ?> call) {
        lock.lock();
        try {
            calls.remove(call);
        } finally {
            lock.unlock();
        }
    }

    /** Queues a chunk: round-robin by chunk number with orderTasks, else for whichever worker is free. */
    void submit(Work<S> chunk) {
        lock.lock();
        try {
            requireRunning(chunk.call());
            queue.add(chunk);
        } finally {
            lock.unlock();
        }
    }

    private void requireRunning(Call<S, ?, ?> call) {
        if (startFailure != null) {
            throw new IllegalStateException(startFailure.getMessage(), startFailure);
        }
        if (state != State.RUNNING) {
            throw new IllegalStateException("the pool's workers were " + (state == State.TERMINATED ? "terminated"
                    : "stopped") + " while " + call.method.displayName() + " was running");
        }
    }

    /**
     * The next chunk for {@code worker}, waiting while there is none; {@code null} when the worker
     * should stop. Called on the worker's thread.
     */
    Work<S> take(WorkerLoop<S, E> worker) {
        Slot<S, E> slot = worker.slot;
        lock.lock();
        try {
            while (true) {
                if (worker.over() || state == State.TERMINATED || slot.current != worker) {
                    return null;
                }
                Work<S> chunk = queue.poll(slot);
                if (chunk != null) {
                    return chunk;
                }
                if (state != State.RUNNING) {
                    return null;
                }
                slot.waiting = true;
                try {
                    slot.wake.await();
                } catch (InterruptedException e) {
                    // Only terminate() interrupts a waiting worker; the loop sees the new state.
                } finally {
                    slot.waiting = false;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    boolean isTerminated() {
        return terminated;
    }

    /** Whether a graceful stop has finished or the generation was terminated. */
    boolean isStopped() {
        lock.lock();
        try {
            return state == State.STOPPED || state == State.TERMINATED;
        } finally {
            lock.unlock();
        }
    }

    /** Whether a child worker could not start: the pool should replace this generation. */
    boolean isBroken() {
        lock.lock();
        try {
            return startFailure != null;
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- worker lifecycle

    /** A worker reached its lifespan; its slot gets a fresh worker, which runs {@code carry} first. */
    void restart(WorkerLoop<S, E> old, Work<S> carry) {
        lock.lock();
        try {
            if (state == State.TERMINATED || old.slot.current != old) {
                return;
            }
            startWorker(old.slot, carry);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A worker whose child JVM died (it is gone) leaves its slot without exit; a fresh
     * worker takes the slot while there may be work for it. Called on the worker's thread.
     */
    void replaceLost(WorkerLoop<S, E> lost) {
        lock.lock();
        try {
            Slot<S, E> slot = lost.slot;
            boolean work = state == State.RUNNING
                    || state == State.STOPPING && (queue.hasWorkFor(slot) || lost.ticket() != null);
            if (slot.current == lost && work && startFailure == null) {
                startWorker(slot, lost.ticket()); // a ranged call's ticket lives on in the successor
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts back a chunk that a worker took but could not start (its child JVM had already died),
     * at the head of the queue it came from, so that it runs next.
     */
    void requeue(Chunk<S> chunk) {
        lock.lock();
        try {
            queue.putBack(chunk);
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the slot's worker if it waits for work, so that it sees it is gone. */
    void wake(Slot<S, E> slot) {
        lock.lock();
        try {
            slot.wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A child worker could not start: fails the running calls with {@code failure}, refuses new
     * ones, and leaves the slot empty (the pool replaces the whole generation on its next call).
     * Called on the worker's thread.
     */
    /** How many starts in a row of one slot may lose their remote side before the generation is broken. */
    static final int MAX_LOST_STARTS = 2;

    void cannotStart(WorkerLoop<S, E> worker, RuntimeException failure) {
        List<Call<S, ?, ?>> running;
        lock.lock();
        try {
            if (startFailure == null) {
                startFailure = failure;
            }
            running = new ArrayList<>(calls);
        } finally {
            lock.unlock();
        }
        for (Call<S, ?, ?> call : running) {
            call.fail(() -> new IllegalStateException(failure.getMessage(), failure));
        }
    }

    /**
     * Gives up on a worker stuck past its deadline: it no longer counts, its results are dropped,
     * and a fresh worker takes its slot. Called by the watchdog.
     */
    void abandon(WorkerLoop<S, E> worker, boolean replace) {
        lock.lock();
        try {
            if (!worker.abandon()) {
                return;
            }
            threads.remove(worker.thread);
            uncount(worker);
            if (replace && worker.slot.current == worker && (state == State.RUNNING || state == State.STOPPING)) {
                startWorker(worker.slot, worker.handover);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called on a worker's thread as it ends, whatever the reason. */
    void ended(WorkerLoop<S, E> worker) {
        lock.lock();
        try {
            uncount(worker);
        } finally {
            lock.unlock();
        }
    }

    /** Guarded by lock. */
    private void uncount(WorkerLoop<S, E> worker) {
        if (worker.counted) {
            worker.counted = false;
            live--;
            workerEnded.signalAll();
        }
    }

    /**
     * A worker's remote side went away while it started (a child JVM killed during start-up): a
     * fresh worker takes the slot, with what the first was to run, unless that happened
     * {@link #MAX_LOST_STARTS} times in a row; returns false then (the caller breaks the generation).
     * Called on the worker's thread.
     */
    boolean startAgain(WorkerLoop<S, E> failed, Work<S> carry) {
        lock.lock();
        try {
            Slot<S, E> slot = failed.slot;
            if (++slot.lostStarts > MAX_LOST_STARTS) {
                return false;
            }
            if (slot.current == failed && (state == State.RUNNING || state == State.STOPPING)) {
                startWorker(slot, carry);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** A worker of the slot started: its run of lost starts ends. Called on the worker's thread. */
    void started(Slot<S, E> slot) {
        lock.lock();
        try {
            slot.lostStarts = 0;
        } finally {
            lock.unlock();
        }
    }

    /** A worker failed outside user code (an mpire4j bug): nothing may wait on it forever. */
    void crashed(WorkerLoop<S, E> worker, Throwable bug) {
        List<Call<S, ?, ?>> running;
        lock.lock();
        try {
            running = new ArrayList<>(calls);
        } finally {
            lock.unlock();
        }
        for (Call<S, ?, ?> call : running) {
            call.fail(() -> new IllegalStateException("mpire4j worker " + worker.slot.id + " failed", bug));
        }
        lock.lock();
        try {
            uncount(worker);
            if (worker.slot.current == worker && state == State.RUNNING) {
                startWorker(worker.slot, null);
            }
        } finally {
            lock.unlock();
        }
    }

    /** What the workers leave behind as they exit. */
    Exits<E> exits() {
        return exits;
    }

    List<Slot<S, E>> slots() {
        return slots;
    }

    /** The current worker of every slot, for the watchdog. */
    List<WorkerLoop<S, E>> currentWorkers() {
        lock.lock();
        try {
            List<WorkerLoop<S, E>> workers = new ArrayList<>(slots.size());
            for (Slot<S, E> slot : slots) {
                if (slot.current != null && !slot.current.abandoned()) {
                    workers.add(slot.current);
                }
            }
            return workers;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the calling thread is one of this generation's workers. */
    boolean isWorkerThread() {
        Thread me = Thread.currentThread();
        lock.lock();
        try {
            return threads.contains(me);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- stopping

    /**
     * Lets queued chunks run, then every worker that ran runs its exit; waits for all of them.
     * Throws a {@link io.mpire4j.WorkerExitException} if an exit failed (further ones suppressed). If the
     * waiting thread is interrupted, terminates instead and keeps the interrupt.
     */
    void stopGracefully() {
        lock.lock();
        try {
            if (state == State.RUNNING) {
                state = State.STOPPING;
                queue.wakeAll();
            }
            while (live > 0 && state != State.TERMINATED) {
                try {
                    workerEnded.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    lock.unlock();
                    try {
                        terminate();
                    } finally {
                        lock.lock();
                    }
                    break;
                }
            }
            if (state == State.STOPPING) {
                state = State.STOPPED;
            }
        } finally {
            lock.unlock();
        }
        finish(0);
        exits.throwFailures();
    }

    /**
     * Stops at once: fails the running calls, interrupts the workers, runs no exits. Waits a short
     * grace period for the threads; a task that ignores interrupts is left to finish on its own.
     */
    /** The JVM is shutting down: the bars of the calls running now end as interrupted. Any thread. */
    void interruptCalls() {
        List<Call<S, ?, ?>> running;
        lock.lock();
        try {
            running = new ArrayList<>(calls);
        } finally {
            lock.unlock();
        }
        for (Call<S, ?, ?> call : running) {
            call.progress.interrupted();
        }
    }

    void terminate() {
        terminate("the pool was terminated");
    }

    /** Stops every worker at once; running calls fail with {@code why} ("the pool was terminated"). */
    void terminate(String why) {
        List<Call<S, ?, ?>> running;
        List<Thread> toInterrupt;
        lock.lock();
        try {
            if (state == State.TERMINATED || state == State.STOPPED) {
                return;
            }
            state = State.TERMINATED;
            terminated = true;
            running = new ArrayList<>(calls);
            toInterrupt = new ArrayList<>(threads);
            queue.wakeAll();
        } finally {
            lock.unlock();
        }
        for (Call<S, ?, ?> call : running) {
            call.fail(() -> new IllegalStateException(why + " while " + call.method.displayName() + " was running"));
        }
        for (Thread thread : toInterrupt) {
            thread.interrupt();
        }
        finish(GRACE_NANOS);
    }

    /** Stops the watchdog and joins the worker threads ({@code 0}: as long as it takes). */
    private void finish(long graceNanos) {
        Watchdog dog;
        List<Thread> toJoin = new ArrayList<>();
        lock.lock();
        try {
            dog = watchdog;
            watchdog = null;
            toJoin.addAll(threads);
        } finally {
            lock.unlock();
        }
        if (dog != null) {
            dog.stop();
        }
        long deadline = System.nanoTime() + graceNanos;
        boolean interrupted = false;
        for (Thread thread : toJoin) {
            if (thread == Thread.currentThread()) {
                continue;
            }
            try {
                if (graceNanos == 0) {
                    thread.join();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left > 0) {
                        thread.join(Duration.ofNanos(left));
                    }
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        workers.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
