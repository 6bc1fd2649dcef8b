package io.mpire4j.internal;

import io.mpire4j.Insights;
import io.mpire4j.ParallelMethod;
import io.mpire4j.PoolOptions;
import io.mpire4j.StartMethod;
import io.mpire4j.spi.PoolEvents;
import io.mpire4j.spi.PoolListener;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pool a generated {@code *Parallel} class delegates to. User code calls the generated class;
 * this type is public only so that generated code in the user's package can reach it.
 *
 * <p>Lifecycle: {@code OPEN} (workers start with the first call and, with {@code keepAlive(true)},
 * stay until {@link #stopAndJoin()}) → {@code CLOSED} (by {@link #close()} or {@link #terminate()};
 * final). Thread-safe: several threads may run calls on one pool at once. Fields below the lock are
 * guarded by it.
 *
 * @param <S> the worker state type
 * @param <E> the exit result type
 */
public final class WorkerPool<S, E> implements AutoCloseable {
    private enum State { OPEN, CLOSED }

    private final WorkerProgram<S, E> program;
    private final PoolPlan plan;
    /** The pool as its worker kind sees it. */
    private final KindContext context;

    private final ReentrantLock lock = new ReentrantLock();
    private State state = State.OPEN;
    /** The kept-alive generation, if started. */
    private Generation<S, E> current;
    /** The generation started last: its exit results and insights are the pool's. */
    private Generation<S, E> latest;
    /** Every generation that may still have running workers. */
    private final Set<Generation<S, E>> active = new LinkedHashSet<>();

    /** The pool as listeners see it. */
    private final PoolView view;

    private WorkerPool(WorkerProgram<S, E> program, PoolPlan plan, KindContext context) {
        this.program = program;
        this.plan = plan;
        this.context = context;
        this.view = new PoolView(program.className(), plan.kindName(), plan.workers(), this::insights);
    }

    /**
     * A pool running {@code program} with {@code options}. Workers start with the first call.
     *
     * @throws IllegalArgumentException if the options do not fit together or the program cannot
     *     run on {@link StartMethod#PROCESSES} workers
     * @throws IllegalStateException if {@code cpuIds} is set and {@code taskset} is missing
     */
    public static <S, E> WorkerPool<S, E> create(WorkerProgram<S, E> program, PoolOptions options) {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(options, "options");
        PoolPlan plan = PoolPlan.of(options);
        KindContext context = new KindContext(program, plan);
        plan.kind().check(context);
        WorkerPool<S, E> pool = new WorkerPool<>(program, plan, context);
        ShutdownHook.track(pool);
        DashboardProperty.startIfAsked();
        PoolListener[] listeners = PoolEvents.current();
        if (listeners.length > 0) {
            Events.fire(listeners, l -> l.poolCreated(pool.view));
        }
        return pool;
    }

    /**
     * The typed handle of the {@code index}-th method added with {@link WorkerProgram.Builder#task};
     * the generated class assigns it to a field of the right type.
     */
    @SuppressWarnings("unchecked")
    public <T, R> ParallelMethod<T, R> method(int index) {
        List<WorkerProgram.TaskDef<S, ?, ?>> tasks = program.tasks();
        if (index < 0 || index >= tasks.size()) {
            throw new IllegalArgumentException("method index must be in [0, " + tasks.size() + "), was " + index);
        }
        WorkerProgram.TaskDef<S, T, R> def = (WorkerProgram.TaskDef<S, T, R>) tasks.get(index);
        MethodSpec<S, T, R> spec = new MethodSpec<>(program.className() + "." + def.name(), def.parameterNames(),
                def.task(), def.arguments(), index);
        return new Handle<>(this, spec, CallSettings.DEFAULTS);
    }

    PoolView view() {
        return view;
    }

    PoolPlan plan() {
        return plan;
    }

    void requireOpen() {
        lock.lock();
        try {
            if (state == State.CLOSED) {
                throw new IllegalStateException("the pool is closed");
            }
        } finally {
            lock.unlock();
        }
    }

    /** The generation a new call runs on, starting workers if needed. */
    Generation<S, E> acquire() {
        lock.lock();
        try {
            if (state == State.CLOSED) {
                throw new IllegalStateException("the pool is closed");
            }
            if (plan.keepAlive() && current != null) {
                if (!current.isBroken()) {
                    return current;
                }
                // A child worker could not start: give the next call a fresh generation.
                Generation<S, E> broken = current;
                current = null;
                active.remove(broken);
                broken.terminate();
            }
            Generation<S, E> generation = new Generation<>(program, plan, context, view);
            generation.start();
            latest = generation;
            active.add(generation);
            if (plan.keepAlive()) {
                current = generation;
            }
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /** A call on {@code generation} ended; with {@code keepAlive(false)} its workers stop now. */
    void release(Generation<?, ?> generation) {
        if (!plan.keepAlive()) {
            stop(generation);
        }
    }

    private void stop(Generation<?, ?> generation) {
        try {
            generation.stopGracefully();
        } finally {
            forget(generation);
        }
    }

    private void forget(Generation<?, ?> generation) {
        lock.lock();
        try {
            active.remove(generation);
        } finally {
            lock.unlock();
        }
    }

    private Generation<S, E> latest() {
        lock.lock();
        try {
            return latest;
        } finally {
            lock.unlock();
        }
    }

    /**
     * See the generated class's {@code exitResults()}.
     *
     * @throws IllegalStateException while the workers that give the results still run (kept alive
     *     after a call, or a call still running): exits run only as they stop, so the list would be
     *     silently empty or partial
     */
    public List<E> exitResults() {
        Generation<S, E> generation = latest();
        if (generation == null) {
            return List.of();
        }
        if (!generation.isStopped()) {
            throw new IllegalStateException(plan.keepAlive()
                    ? "exitResults() is not ready while the pool's workers are kept alive: @WorkerExit "
                            + program.exitName() + " runs when they stop; call stopAndJoin() (or close()) first,"
                            + " then exitResults()"
                    : "exitResults() is not ready while a call is still running: with keepAlive(false) @WorkerExit "
                            + program.exitName() + " runs as each call ends; read exitResults() after the call returns");
        }
        return generation.exits().results();
    }

    /** See the generated class's {@code insights()}. */
    public Insights insights() {
        Generation<S, E> generation = latest();
        if (generation == null || !plan.insights()) {
            return Insights.empty();
        }
        List<WorkerStats> stats = new ArrayList<>();
        for (Slot<S, E> slot : generation.slots()) {
            stats.add(slot.stats);
        }
        return WorkerStats.insights(stats);
    }

    /** See the generated class's {@code stopAndJoin()}. */
    public void stopAndJoin() {
        Generation<S, E> generation;
        lock.lock();
        try {
            if (state == State.CLOSED) {
                throw new IllegalStateException("the pool is closed");
            }
            generation = current;
            current = null;
        } finally {
            lock.unlock();
        }
        if (generation != null) {
            if (generation.isWorkerThread()) {
                throw new IllegalStateException("stopAndJoin() called from one of the pool's own workers: "
                        + "a worker cannot wait for itself to stop");
            }
            stop(generation);
        }
    }

    /** See the generated class's {@code terminate()}. */
    public void terminate() {
        terminate("the pool was terminated");
    }

    private void terminate(String why) {
        List<Generation<S, E>> running;
        boolean first;
        lock.lock();
        try {
            first = state != State.CLOSED;
            state = State.CLOSED;
            current = null;
            running = new ArrayList<>(active);
            active.clear();
        } finally {
            lock.unlock();
        }
        for (Generation<S, E> generation : running) {
            generation.terminate(why);
        }
        if (first) {
            closed();
        }
    }

    /**
     * The JVM is shutting down with this pool open: running calls' bars end as interrupted, then the
     * workers stop at once (child JVMs are killed), as {@link #terminate()}. Called by
     * {@link ShutdownHook}.
     */
    void shutDownWithJvm() {
        List<Generation<S, E>> running;
        lock.lock();
        try {
            running = new ArrayList<>(active);
        } finally {
            lock.unlock();
        }
        for (Generation<S, E> generation : running) {
            generation.interruptCalls();
        }
        terminate("the JVM is shutting down");
    }

    private void closed() {
        ShutdownHook.untrack(this);
        PoolListener[] listeners = PoolEvents.current();
        if (listeners.length > 0) {
            Events.fire(listeners, l -> l.poolClosed(view));
        }
    }

    /** See the generated class's {@code close()}. */
    @Override
    public void close() {
        List<Generation<S, E>> running;
        lock.lock();
        try {
            if (state == State.CLOSED) {
                return;
            }
            for (Generation<S, E> generation : active) {
                if (generation.isWorkerThread()) {
                    throw new IllegalStateException("close() called from one of the pool's own workers: "
                            + "a worker cannot wait for itself to stop; close the pool from the thread that made the call");
                }
            }
            state = State.CLOSED;
            current = null;
            running = new ArrayList<>(active);
        } finally {
            lock.unlock();
        }
        RuntimeException failure = null;
        for (Generation<S, E> generation : running) {
            try {
                stop(generation);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        closed();
        if (failure != null) {
            throw failure;
        }
    }
}
