package io.mpire4j.internal;

import io.mpire4j.PoolOptions;
import io.mpire4j.StartMethod;
import io.mpire4j.spi.WorkerKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A pool's options resolved once, when the pool is created: checked against each other, timeouts
 * in nanoseconds, CPU sets per worker and the {@code taskset} path looked up once. Nothing reads
 * {@link PoolOptions} after this. Immutable.
 *
 * @param workers the number of worker slots
 * @param kind the worker kind: the one set with {@code workerKind}, else the start method's built-in one
 * @param keepAlive whether workers outlive a call
 * @param orderTasks whether chunk k goes to worker k mod n
 * @param insights whether workers record insights
 * @param initTimeoutNanos the limit on {@code @WorkerInit}, 0 for none
 * @param exitTimeoutNanos the limit on {@code @WorkerExit}, 0 for none
 * @param initTimeout the same limit as set, for reports ({@code null}: none)
 * @param exitTimeout the same limit as set, for reports ({@code null}: none)
 * @param jvmOptions extra options for child JVMs
 * @param cpus each worker's CPU set, empty sets for no pinning
 * @param taskset the {@code taskset} executable when some worker is pinned, else {@code null}
 */
record PoolPlan(int workers, WorkerKind kind, boolean keepAlive, boolean orderTasks, boolean insights,
        long initTimeoutNanos, long exitTimeoutNanos, Duration initTimeout, Duration exitTimeout,
        List<String> jvmOptions, List<Set<Integer>> cpus, String taskset) {

    /**
     * Resolves {@code options}.
     *
     * @throws IllegalArgumentException naming the settings that do not fit together, or a CPU this
     *     JVM may not use
     * @throws IllegalStateException if CPUs are named and {@code taskset} is missing
     */
    static PoolPlan of(PoolOptions options) {
        int workers = options.workers();
        Optional<List<Set<Integer>>> perWorker = options.cpuIdsPerWorker();
        if (perWorker.isPresent() && perWorker.get().size() != workers) {
            throw new IllegalArgumentException("cpuIds must have one CPU set per worker (" + workers + "), was "
                    + perWorker.get().size() + " sets: " + perWorker.get());
        }
        List<Set<Integer>> cpus = new ArrayList<>(workers);
        boolean pinned = false;
        for (int id = 0; id < workers; id++) {
            Set<Integer> set = options.cpuIds(id);
            pinned |= !set.isEmpty();
            cpus.add(set);
        }
        WorkerKind kind = options.workerKind().orElseGet(() -> builtIn(options.startMethod()));
        String taskset = null;
        if (pinned) {
            if (kind.virtualThreads()) {
                throw new IllegalArgumentException("cpuIds needs StartMethod.THREADS or PROCESSES, was "
                        + (kind == ThreadKind.VIRTUAL ? "VIRTUAL_THREADS" : "the worker kind " + kind.name()) + ": "
                        + "virtual threads run on carrier threads that cannot be pinned (cpuIds "
                        + perWorker.map(Object::toString).orElse(cpus.get(0).toString()) + ")");
            }
            taskset = CpuPinning.taskset();
            CpuPinning.check(cpus);
        }
        Duration init = options.workerInitTimeout().orElse(null);
        Duration exit = options.workerExitTimeout().orElse(null);
        return new PoolPlan(workers, kind, options.keepAlive(), options.orderTasks(), options.enableInsights(),
                nanos(init), nanos(exit), init, exit, options.jvmOptions(), List.copyOf(cpus), taskset);
    }

    /** A duration in nanoseconds, saturated far below overflow; 0 for {@code null}. */
    static long nanos(Duration d) {
        if (d == null) {
            return 0;
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 4;
        }
    }

    /** The worker kind's name for reports and listeners. */
    String kindName() {
        return kind.name();
    }

    /** The built-in kind of {@code method}. */
    static WorkerKind builtIn(StartMethod method) {
        return switch (method) {
            case THREADS -> ThreadKind.PLATFORM;
            case VIRTUAL_THREADS -> ThreadKind.VIRTUAL;
            case PROCESSES -> ProcessKind.INSTANCE;
        };
    }

    /** The CPUs worker {@code id} is pinned to; empty for none. */
    Set<Integer> cpus(int id) {
        return cpus.get(id);
    }
}
