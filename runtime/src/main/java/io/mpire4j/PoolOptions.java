package io.mpire4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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
    private static final PoolOptions DEFAULTS = new PoolOptions(
            Runtime.getRuntime().availableProcessors(), StartMethod.THREADS, true, false, false, null, null,
            List.of(), List.of(), false);

    private final int workers;
    private final StartMethod startMethod;
    private final boolean keepAlive;
    private final boolean orderTasks;
    private final boolean enableInsights;
    private final Duration workerInitTimeout;
    private final Duration workerExitTimeout;
    private final List<String> jvmOptions;
    /** Empty: no pinning; one set for every worker unless {@link #cpuIdsPerWorker}. */
    private final List<Set<Integer>> cpuIds;
    private final boolean cpuIdsPerWorker;

    private PoolOptions(int workers, StartMethod startMethod, boolean keepAlive, boolean orderTasks,
            boolean enableInsights, Duration workerInitTimeout, Duration workerExitTimeout,
            List<String> jvmOptions, List<Set<Integer>> cpuIds, boolean cpuIdsPerWorker) {
        this.workers = workers;
        this.startMethod = startMethod;
        this.keepAlive = keepAlive;
        this.orderTasks = orderTasks;
        this.enableInsights = enableInsights;
        this.workerInitTimeout = workerInitTimeout;
        this.workerExitTimeout = workerExitTimeout;
        this.jvmOptions = jvmOptions;
        this.cpuIds = cpuIds;
        this.cpuIdsPerWorker = cpuIdsPerWorker;
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
        Preconditions.requirePositive("workers", workers);
        return new PoolOptions(workers, startMethod, keepAlive, orderTasks, enableInsights,
                workerInitTimeout, workerExitTimeout,
                jvmOptions, cpuIds, cpuIdsPerWorker);
    }

    /** What a worker is. Default: {@link StartMethod#THREADS}. */
    public PoolOptions startMethod(StartMethod startMethod) {
        Objects.requireNonNull(startMethod, "startMethod");
        return new PoolOptions(workers, startMethod, keepAlive, orderTasks, enableInsights,
                workerInitTimeout, workerExitTimeout,
                jvmOptions, cpuIds, cpuIdsPerWorker);
    }

    /**
     * Whether workers outlive a call. Default {@code true}: workers start on the first call and
     * live until {@code stopAndJoin()} or {@code close()}, so {@code @WorkerInit} runs once per
     * worker. {@code false} starts fresh workers for every call and stops them (running
     * {@code @WorkerExit}) when it ends, as MPIRE does by default.
     */
    public PoolOptions keepAlive(boolean keepAlive) {
        return new PoolOptions(workers, startMethod, keepAlive, orderTasks, enableInsights,
                workerInitTimeout, workerExitTimeout,
                jvmOptions, cpuIds, cpuIdsPerWorker);
    }

    /**
     * Whether chunks go to workers round-robin: chunk {@code k} of a call (counted from 0 in every
     * call) runs on worker {@code k mod workers}. Default {@code false}: a chunk goes to whichever
     * worker is free first, which balances uneven tasks better.
     */
    public PoolOptions orderTasks(boolean orderTasks) {
        return new PoolOptions(workers, startMethod, keepAlive, orderTasks, enableInsights,
                workerInitTimeout, workerExitTimeout,
                jvmOptions, cpuIds, cpuIdsPerWorker);
    }

    /** Whether the pool records worker insights (see {@link Insights}). Default {@code false}. */
    public PoolOptions enableInsights(boolean enableInsights) {
        return new PoolOptions(workers, startMethod, keepAlive, orderTasks, enableInsights,
                workerInitTimeout, workerExitTimeout,
                jvmOptions, cpuIds, cpuIdsPerWorker);
    }

    /**
     * How long {@code @WorkerInit} may run in one worker before the call fails with a
     * {@link WorkerInitException}. Must be positive. Default: no limit.
     */
    public PoolOptions workerInitTimeout(Duration timeout) {
        Preconditions.requirePositive("workerInitTimeout", timeout);
        return new PoolOptions(workers, startMethod, keepAlive, orderTasks, enableInsights,
                timeout, workerExitTimeout,
                jvmOptions, cpuIds, cpuIdsPerWorker);
    }

    /**
     * How long {@code @WorkerExit} may run in one worker before the stop reports a
     * {@link WorkerExitException}. Must be positive. Default: no limit.
     */
    public PoolOptions workerExitTimeout(Duration timeout) {
        Preconditions.requirePositive("workerExitTimeout", timeout);
        return new PoolOptions(workers, startMethod, keepAlive, orderTasks, enableInsights,
                workerInitTimeout, timeout,
                jvmOptions, cpuIds, cpuIdsPerWorker);
    }

    /**
     * Extra command-line options for every child JVM ({@link StartMethod#PROCESSES} only), added
     * after mpire4j's own, so they win: for example {@code List.of("-Xmx512m")}. Default: none.
     */
    public PoolOptions jvmOptions(List<String> options) {
        List<String> copy = List.copyOf(Objects.requireNonNull(options, "jvmOptions"));
        for (String option : copy) {
            if (option.isBlank()) {
                throw new IllegalArgumentException("jvmOptions must not contain blank options, was " + copy);
            }
        }
        return new PoolOptions(workers, startMethod, keepAlive, orderTasks, enableInsights,
                workerInitTimeout, workerExitTimeout, copy, cpuIds, cpuIdsPerWorker);
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
        return new PoolOptions(workers, startMethod, keepAlive, orderTasks, enableInsights,
                workerInitTimeout, workerExitTimeout, jvmOptions, List.of(checked), false);
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
        return new PoolOptions(workers, startMethod, keepAlive, orderTasks, enableInsights,
                workerInitTimeout, workerExitTimeout, jvmOptions, List.copyOf(checked), true);
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

    /**
     * Checks the settings that depend on each other; called when a pool is created.
     *
     * @throws IllegalArgumentException naming the setting and the value
     */
    void validate() {
        if (cpuIds.isEmpty()) {
            return;
        }
        if (startMethod == StartMethod.VIRTUAL_THREADS) {
            throw new IllegalArgumentException("cpuIds needs StartMethod.THREADS or PROCESSES, was VIRTUAL_THREADS: "
                    + "virtual threads run on carrier threads that cannot be pinned (cpuIds " + cpuIdsText() + ")");
        }
        if (cpuIdsPerWorker && cpuIds.size() != workers) {
            throw new IllegalArgumentException("cpuIds must have one CPU set per worker (" + workers
                    + "), was " + cpuIds.size() + " sets: " + cpuIds);
        }
    }

    private String cpuIdsText() {
        return cpuIdsPerWorker ? cpuIds.toString() : cpuIds.get(0).toString();
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

    /** Whether workers are pinned to CPUs. */
    boolean pinned() {
        return !cpuIds.isEmpty();
    }

    @Override
    public String toString() {
        return "PoolOptions[workers=" + workers + ", startMethod=" + startMethod + ", keepAlive=" + keepAlive
                + ", orderTasks=" + orderTasks + ", enableInsights=" + enableInsights
                + ", workerInitTimeout=" + workerInitTimeout + ", workerExitTimeout=" + workerExitTimeout
                + (jvmOptions.isEmpty() ? "" : ", jvmOptions=" + jvmOptions)
                + (cpuIds.isEmpty() ? "" : ", cpuIds=" + cpuIdsText()) + "]";
    }
}
