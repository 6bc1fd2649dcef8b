package io.mpire4j;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

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
            Runtime.getRuntime().availableProcessors(), StartMethod.THREADS, true, false, false, null, null);

    private final int workers;
    private final StartMethod startMethod;
    private final boolean keepAlive;
    private final boolean orderTasks;
    private final boolean enableInsights;
    private final Duration workerInitTimeout;
    private final Duration workerExitTimeout;

    private PoolOptions(int workers, StartMethod startMethod, boolean keepAlive, boolean orderTasks,
            boolean enableInsights, Duration workerInitTimeout, Duration workerExitTimeout) {
        this.workers = workers;
        this.startMethod = startMethod;
        this.keepAlive = keepAlive;
        this.orderTasks = orderTasks;
        this.enableInsights = enableInsights;
        this.workerInitTimeout = workerInitTimeout;
        this.workerExitTimeout = workerExitTimeout;
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
                workerInitTimeout, workerExitTimeout);
    }

    /** What a worker is. Default: {@link StartMethod#THREADS}. */
    public PoolOptions startMethod(StartMethod startMethod) {
        Objects.requireNonNull(startMethod, "startMethod");
        return new PoolOptions(workers, startMethod, keepAlive, orderTasks, enableInsights,
                workerInitTimeout, workerExitTimeout);
    }

    /**
     * Whether workers outlive a call. Default {@code true}: workers start on the first call and
     * live until {@code stopAndJoin()} or {@code close()}, so {@code @WorkerInit} runs once per
     * worker. {@code false} starts fresh workers for every call and stops them (running
     * {@code @WorkerExit}) when it ends, as MPIRE does by default.
     */
    public PoolOptions keepAlive(boolean keepAlive) {
        return new PoolOptions(workers, startMethod, keepAlive, orderTasks, enableInsights,
                workerInitTimeout, workerExitTimeout);
    }

    /**
     * Whether chunks go to workers round-robin: chunk {@code k} of a call (counted from 0 in every
     * call) runs on worker {@code k mod workers}. Default {@code false}: a chunk goes to whichever
     * worker is free first, which balances uneven tasks better.
     */
    public PoolOptions orderTasks(boolean orderTasks) {
        return new PoolOptions(workers, startMethod, keepAlive, orderTasks, enableInsights,
                workerInitTimeout, workerExitTimeout);
    }

    /** Whether the pool records worker insights (see {@link Insights}). Default {@code false}. */
    public PoolOptions enableInsights(boolean enableInsights) {
        return new PoolOptions(workers, startMethod, keepAlive, orderTasks, enableInsights,
                workerInitTimeout, workerExitTimeout);
    }

    /**
     * How long {@code @WorkerInit} may run in one worker before the call fails with a
     * {@link WorkerInitException}. Must be positive. Default: no limit.
     */
    public PoolOptions workerInitTimeout(Duration timeout) {
        Preconditions.requirePositive("workerInitTimeout", timeout);
        return new PoolOptions(workers, startMethod, keepAlive, orderTasks, enableInsights,
                timeout, workerExitTimeout);
    }

    /**
     * How long {@code @WorkerExit} may run in one worker before the stop reports a
     * {@link WorkerExitException}. Must be positive. Default: no limit.
     */
    public PoolOptions workerExitTimeout(Duration timeout) {
        Preconditions.requirePositive("workerExitTimeout", timeout);
        return new PoolOptions(workers, startMethod, keepAlive, orderTasks, enableInsights,
                workerInitTimeout, timeout);
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

    @Override
    public String toString() {
        return "PoolOptions[workers=" + workers + ", startMethod=" + startMethod + ", keepAlive=" + keepAlive
                + ", orderTasks=" + orderTasks + ", enableInsights=" + enableInsights
                + ", workerInitTimeout=" + workerInitTimeout + ", workerExitTimeout=" + workerExitTimeout + "]";
    }
}
