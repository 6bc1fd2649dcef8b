package io.mpire4j.samples;

import io.mpire4j.PoolOptions;
import io.mpire4j.StartMethod;
import io.mpire4j.TaskTimeoutException;
import io.mpire4j.WorkerDiedException;
import io.mpire4j.annotations.Parallel;
import java.time.Duration;
import java.util.List;

/**
 * Sample 8: child JVMs for code that may take its JVM down or never return.
 *
 * <p>With {@code StartMethod.PROCESSES} every worker is a child JVM. That buys what threads cannot
 * give:
 *
 * <ol>
 *   <li>A task that ends its JVM ({@code System.exit}, a native crash, the OOM killer) fails its call
 *       with {@link WorkerDiedException}, which names the exit code or signal and the task's
 *       arguments. Your JVM lives on.
 *   <li>The pool starts a fresh child in that slot, so the next call simply works.
 *   <li>A runaway task that ignores interrupts is really stopped: {@code taskTimeout} kills its JVM,
 *       fails the call with {@link TaskTimeoutException} and starts a replacement. (Threads can only
 *       be interrupted and abandoned; the runaway code itself would keep spinning.)
 *   <li>What a child prints reaches your {@code System.out} line by line, prefixed with
 *       {@code [worker-N]}, as the child prints it.
 * </ol>
 *
 * <p>Run: {@code ./build samples}.
 */
public final class Sample08_ChildProcesses {

    /** Parses a record; a corrupt one makes the (imagined) native parser end its JVM. */
    @Parallel
    static String parse(String record) {
        System.out.println("parsing " + record);
        if (record.startsWith("corrupt")) {
            System.out.println("fatal: cannot recover from " + record + ", exiting");
            System.exit(3);
        }
        return record.toUpperCase();
    }

    /** Counts up in steps of two until it meets {@code target}: for an odd target, for ever. */
    @Parallel
    static long search(long target) {
        long n = 0;
        while (n != target) {
            n += 2; // no interrupt check, no blocking call: only killing the JVM stops this
        }
        return n;
    }

    public static void main(String[] args) {
        PoolOptions options = PoolOptions.defaults().workers(2).startMethod(StartMethod.PROCESSES);
        try (Sample08_ChildProcessesParallel pool = Sample08_ChildProcessesParallel.create(options)) {
            // 1. A task ends its JVM: the call fails with WorkerDiedException, naming the exit code and arguments.
            try {
                pool.parse().chunkSize(1).map(List.of("alpha", "corrupt-beta", "gamma"));
            } catch (WorkerDiedException e) {
                System.out.println("1. the call failed: " + e.getMessage().lines().findFirst().orElseThrow());
                System.out.println("   exitCode() = " + e.exitCode() + ", arguments() = " + e.arguments());
            }

            // 2. The slot has a fresh child JVM: the pool carries on.
            System.out.println("2. the pool carries on: " + pool.parse().map(List.of("delta", "epsilon")));

            // 3. A runaway task that ignores interrupts: taskTimeout kills its JVM.
            long start = System.nanoTime();
            try {
                pool.search().taskTimeout(Duration.ofMillis(300)).apply(7L);
            } catch (TaskTimeoutException e) {
                System.out.printf("3. stopped after %d ms: %s%n", (System.nanoTime() - start) / 1_000_000,
                        e.getMessage().lines().findFirst().orElseThrow());
            }

            // 4. And again the pool carries on, in a replacement JVM.
            System.out.println("4. search(1000000) = " + pool.search(1_000_000L));
        }
        // 5. Closing the pool waited for the children's output: every "[worker-N] …" line above came
        //    from a child JVM's System.out.
    }
}
