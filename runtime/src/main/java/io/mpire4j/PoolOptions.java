package io.mpire4j;

import io.mpire4j.spi.WorkerKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * How a pool's workers are made. Immutable and thread-safe: start from {@link #defaults()} and
 * chain withers, each of which returns a new instance.
 *
 * <pre>{@code
 * PoolOptions options = PoolOptions.defaults()
 *         .workers(4)
 *         .startMethod(StartMethod.VIRTUAL_THREADS)
 *         .workerInitTimeout(Duration.ofSeconds(30));
 * }</pre>
 *
 * <p>Bad values fail at once with an {@link IllegalArgumentException} that names the setting and
 * the value.
 */
public final class PoolOptions {
    private static final PoolOptions DEFAULTS = new PoolOptions(new Draft());

    private final int workers;
    private final StartMethod startMethod;
    private final WorkerKind workerKind;
    private final boolean keepAlive;
    private final boolean orderTasks;
    private final boolean enableInsights;
    private final Duration workerInitTimeout;
    private final Duration workerExitTimeout;
    private final List<String> jvmOptions;
    /** Empty (no pinning), one set for every worker, or one per worker ({@link #cpuIdsPerWorker}). */
    private final List<Set<Integer>> cpuIds;
    private final boolean cpuIdsPerWorker;

    /** The settings while one wither changes one of them. */
    private static final class Draft {
        int workers = Runtime.getRuntime().availableProcessors();
        StartMethod startMethod = StartMethod.THREADS;
        WorkerKind workerKind;
        boolean keepAlive = true;
        boolean orderTasks;
        boolean enableInsights;
        Duration workerInitTimeout;
        Duration workerExitTimeout;
        List<String> jvmOptions = List.of();
        List<Set<Integer>> cpuIds = List.of();
        boolean cpuIdsPerWorker;

        Draft() {}

        Draft(PoolOptions o) {
            workers = o.workers;
            startMethod = o.startMethod;
            workerKind = o.workerKind;
            keepAlive = o.keepAlive;
            orderTasks = o.orderTasks;
            enableInsights = o.enableInsights;
            workerInitTimeout = o.workerInitTimeout;
            workerExitTimeout = o.workerExitTimeout;
            jvmOptions = o.jvmOptions;
            cpuIds = o.cpuIds;
            cpuIdsPerWorker = o.cpuIdsPerWorker;
        }
    }

    private PoolOptions(Draft d) {
        this.workers = d.workers;
        this.startMethod = d.startMethod;
        this.workerKind = d.workerKind;
        this.keepAlive = d.keepAlive;
        this.orderTasks = d.orderTasks;
        this.enableInsights = d.enableInsights;
        this.workerInitTimeout = d.workerInitTimeout;
        this.workerExitTimeout = d.workerExitTimeout;
        this.jvmOptions = d.jvmOptions;
        this.cpuIds = d.cpuIds;
        this.cpuIdsPerWorker = d.cpuIdsPerWorker;
    }

    private PoolOptions with(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return new PoolOptions(draft);
    }

    /**
     * The defaults: one {@link StartMethod#THREADS} worker per available processor, workers kept
     * alive between calls, tasks handed to whichever worker is free, insights off, no init or exit
     * timeout.
     */
    public static PoolOptions defaults() {
        return DEFAULTS;
    }

    /** The number of workers, {@code >= 1}. Default: {@link Runtime#availableProcessors()}. */
    public PoolOptions workers(int workers) {
        requirePositive("workers", workers);
        return with(d -> d.workers = workers);
    }

    /** What a worker is. Default: {@link StartMethod#THREADS}. */
    public PoolOptions startMethod(StartMethod startMethod) {
        Objects.requireNonNull(startMethod, "startMethod");
        return with(d -> {
            d.startMethod = startMethod;
            d.workerKind = null;
        });
    }

    /**
     * Runs the workers on {@code kind}, a worker kind from another module (for example
     * {@code HazelcastWorkers.on(hazelcast)}); replaces {@link #startMethod(StartMethod)}, and setting a
     * start method afterwards replaces it again. Default: none, the start method's built-in kind.
     */
    public PoolOptions workerKind(WorkerKind kind) {
        Objects.requireNonNull(kind, "workerKind");
        return with(d -> d.workerKind = kind);
    }

    /**
     * Whether workers outlive a call. Default {@code true}: workers start on the first call and
     * live until {@code stopAndJoin()} or {@code close()}, so {@code @WorkerInit} runs once per
     * worker. {@code false} starts fresh workers for every call and stops them (running
     * {@code @WorkerExit}) when it ends, as MPIRE does by default.
     */
    public PoolOptions keepAlive(boolean keepAlive) {
        return with(d -> d.keepAlive = keepAlive);
    }

    /**
     * Whether chunks go to workers round-robin: chunk {@code k} of a call (counted from 0 in every
     * call) runs on worker {@code k mod workers}. Default {@code false}: a chunk goes to whichever
     * worker is free first, which balances uneven tasks better.
     */
    public PoolOptions orderTasks(boolean orderTasks) {
        return with(d -> d.orderTasks = orderTasks);
    }

    /** Whether the pool records worker insights (see {@link Insights}). Default {@code false}. */
    public PoolOptions enableInsights(boolean enableInsights) {
        return with(d -> d.enableInsights = enableInsights);
    }

    /**
     * How long {@code @WorkerInit} may run in one worker before the call fails with a
     * {@link WorkerInitException}. Must be positive. Default: no limit.
     */
    public PoolOptions workerInitTimeout(Duration timeout) {
        requirePositive("workerInitTimeout", timeout);
        return with(d -> d.workerInitTimeout = timeout);
    }

    /**
     * How long {@code @WorkerExit} may run in one worker before the stop reports a
     * {@link WorkerExitException}. Must be positive. Default: no limit.
     */
    public PoolOptions workerExitTimeout(Duration timeout) {
        requirePositive("workerExitTimeout", timeout);
        return with(d -> d.workerExitTimeout = timeout);
    }

    /**
     * Extra command-line options for every child JVM ({@link StartMethod#PROCESSES} only), added
     * after mpire4j's own, so they win: for example {@code List.of("-Xmx512m")}. A collector chosen
     * here ({@code -XX:+UseParallelGC}, ...) replaces mpire4j's default serial collector, and a
     * class-data sharing option ({@code -XX:AOTCache=…}, {@code -Xshare:…}) replaces mpire4j's
     * class-data archive. Default: none.
     */
    public PoolOptions jvmOptions(List<String> options) {
        List<String> copy = List.copyOf(Objects.requireNonNull(options, "jvmOptions"));
        for (String option : copy) {
            if (option.isBlank()) {
                throw new IllegalArgumentException("jvmOptions must not contain blank options, was " + copy);
            }
        }
        return with(d -> d.jvmOptions = copy);
    }

    /**
     * Pins every worker to these CPUs (ids as in {@code /proc/cpuinfo}): a child JVM
     * ({@link StartMethod#PROCESSES}) is launched through {@code taskset}; a worker thread
     * ({@link StartMethod#THREADS}) pins itself before its first task. Needs Linux with
     * {@code taskset} and CPUs this JVM may use; virtual threads cannot be pinned. The pool fails
     * at creation otherwise. Default: no pinning.
     */
    public PoolOptions cpuIds(Set<Integer> cpus) {
        Set<Integer> checked = checkCpus("cpuIds", cpus);
        return with(d -> {
            d.cpuIds = List.of(checked);
            d.cpuIdsPerWorker = false;
        });
    }

    /**
     * Pins worker {@code i} to the CPUs {@code perWorker.get(i)}: the list must have one set per
     * worker (checked when the pool is created). Same requirements as {@link #cpuIds(Set)}.
     */
    public PoolOptions cpuIds(List<Set<Integer>> perWorker) {
        Objects.requireNonNull(perWorker, "cpuIds");
        if (perWorker.isEmpty()) {
            throw new IllegalArgumentException("cpuIds must have one CPU set per worker, was an empty list");
        }
        List<Set<Integer>> checked = new ArrayList<>(perWorker.size());
        for (int i = 0; i < perWorker.size(); i++) {
            checked.add(checkCpus("cpuIds[" + i + "]", perWorker.get(i)));
        }
        List<Set<Integer>> sets = List.copyOf(checked);
        return with(d -> {
            d.cpuIds = sets;
            d.cpuIdsPerWorker = true;
        });
    }

    private static void requirePositive(String setting, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(setting + " must be >= 1, was " + value);
        }
    }

    private static void requirePositive(String setting, Duration value) {
        Objects.requireNonNull(value, setting);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting + " must be a positive duration, was " + value);
        }
    }

    private static Set<Integer> checkCpus(String setting, Set<Integer> cpus) {
        Objects.requireNonNull(cpus, setting);
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException(setting + " must name at least one CPU, was " + cpus);
        }
        TreeSet<Integer> sorted = new TreeSet<>();
        for (Integer cpu : cpus) {
            if (cpu == null || cpu < 0) {
                throw new IllegalArgumentException(setting + " must hold CPU ids >= 0, was " + cpus);
            }
            sorted.add(cpu);
        }
        return Collections.unmodifiableSet(sorted);
    }

    /** The number of workers. */
    public int workers() {
        return workers;
    }

    /** What a worker is. */
    public StartMethod startMethod() {
        return startMethod;
    }

    /** Whether workers outlive a call. */
    public boolean keepAlive() {
        return keepAlive;
    }

    /** Whether chunks go to workers round-robin. */
    public boolean orderTasks() {
        return orderTasks;
    }

    /** Whether insights are recorded. */
    public boolean enableInsights() {
        return enableInsights;
    }

    /** The limit on {@code @WorkerInit}, if any. */
    public Optional<Duration> workerInitTimeout() {
        return Optional.ofNullable(workerInitTimeout);
    }

    /** The limit on {@code @WorkerExit}, if any. */
    public Optional<Duration> workerExitTimeout() {
        return Optional.ofNullable(workerExitTimeout);
    }

    /** The extra options for child JVMs (possibly empty). */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    /**
     * The CPUs worker {@code workerId} is pinned to, or an empty set for no pinning.
     *
     * @throws IndexOutOfBoundsException if per-worker sets were given and {@code workerId} has none
     */
    public Set<Integer> cpuIds(int workerId) {
        if (cpuIds.isEmpty()) {
            return Set.of();
        }
        return cpuIdsPerWorker ? cpuIds.get(workerId) : cpuIds.get(0);
    }

    /**
     * The per-worker CPU sets, if they were given with {@link #cpuIds(List)} (checked against
     * {@link #workers()} when the pool is created); empty otherwise.
     */
    public Optional<List<Set<Integer>>> cpuIdsPerWorker() {
        return cpuIdsPerWorker ? Optional.of(cpuIds) : Optional.empty();
    }

    /**
     * The worker kind set with {@link #workerKind(WorkerKind)}, if any; when empty the pool uses the
     * built-in kind of {@link #startMethod()}.
     */
    public Optional<WorkerKind> workerKind() {
        return Optional.ofNullable(workerKind);
    }

    @Override
    public String toString() {
        return "PoolOptions[workers=" + workers + ", startMethod=" + startMethod + ", keepAlive=" + keepAlive
                + ", orderTasks=" + orderTasks + ", enableInsights=" + enableInsights
                + ", workerInitTimeout=" + workerInitTimeout + ", workerExitTimeout=" + workerExitTimeout
                + (jvmOptions.isEmpty() ? "" : ", jvmOptions=" + jvmOptions)
                + (workerKind == null ? "" : ", workerKind=" + workerKind.name())
                + (cpuIds.isEmpty() ? "" : ", cpuIds=" + (cpuIdsPerWorker ? cpuIds : cpuIds.get(0))) + "]";
    }
}
