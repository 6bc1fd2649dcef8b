package io.mpire4j.samples;

import io.mpire4j.PoolOptions;
import io.mpire4j.TaskTimeoutException;
import io.mpire4j.annotations.Parallel;
import io.mpire4j.annotations.WorkerExit;
import io.mpire4j.annotations.WorkerId;
import io.mpire4j.annotations.WorkerInit;
import io.mpire4j.annotations.WorkerState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Sample 7: keeping runaway tasks and leaky workers in check.
 *
 * <p>{@code taskTimeout} fails the call with {@link TaskTimeoutException} as soon as one task runs
 * too long; the worker is interrupted and, if it does not return, abandoned and replaced.
 * {@code workerLifespan(n)} restarts a worker (exit, then a fresh init in the same slot) before it
 * would run more than {@code n} tasks — useful when a library leaks per thread.
 *
 * <p>Run: {@code ./build samples}.
 */
public final class Sample07_TimeoutsAndLifespan {
    static final AtomicInteger STARTS = new AtomicInteger();

    @WorkerInit
    static int[] start(@WorkerId int id) {
        STARTS.incrementAndGet();
        return new int[1];
    }

    @Parallel
    static int work(@WorkerState int[] tasksRun, int millis) throws InterruptedException {
        tasksRun[0]++;
        Thread.sleep(millis);
        return millis;
    }

    @WorkerExit
    static int tasksRun(@WorkerState int[] tasksRun) {
        return tasksRun[0];
    }

    public static void main(String[] args) {
        try (Sample07_TimeoutsAndLifespanParallel pool =
                Sample07_TimeoutsAndLifespanParallel.create(PoolOptions.defaults().workers(2))) {
            try {
                pool.work().taskTimeout(Duration.ofMillis(200)).chunkSize(1).map(List.of(10, 20, 5_000, 30));
            } catch (TaskTimeoutException e) {
                System.out.println("timed out: " + e.getMessage().lines().findFirst().orElseThrow());
            }

            List<Integer> millis = IntStream.range(0, 20).mapToObj(i -> 1).toList();
            pool.work().workerLifespan(5).chunkSize(1).map(millis);
            pool.stopAndJoin();
            System.out.println("worker starts so far: " + STARTS.get()
                    + "; tasks per finished worker (each at most 5): " + pool.exitResults());
        }
    }
}
