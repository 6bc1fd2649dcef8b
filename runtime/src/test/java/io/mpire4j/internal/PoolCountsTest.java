package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.PoolOptions;
import io.mpire4j.TaskFailedException;
import io.mpire4j.spi.CallInfo;
import io.mpire4j.spi.PoolEvents;
import io.mpire4j.spi.PoolInfo;
import io.mpire4j.spi.PoolListener;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What metrics read: chunk completions with their times, task failures, pending tasks and busy workers. */
class PoolCountsTest {

    private static final class Chunks implements PoolListener {
        final ConcurrentLinkedQueue<String> chunks = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final AtomicReference<PoolInfo> pool = new AtomicReference<>();

        @Override
        public void poolCreated(PoolInfo created) {
            pool.set(created);
        }

        @Override
        public void chunkCompleted(CallInfo call, int workerId, int tasks, long nanos) {
            assertTrue(nanos > 0 && workerId >= 0 && workerId < 2);
            chunks.add(call.method() + " " + tasks);
        }

        @Override
        public void taskFailed(CallInfo call, int workerId, long taskIndex, Throwable cause) {
            failures.add(call.method() + " " + taskIndex + " " + cause.getMessage());
        }
    }

    private static WorkerPool<Void, Void> pool(CountDownLatch entered, CountDownLatch release) {
        return WorkerPool.create(WorkerProgram.<Void, Void>builder("Nums")
                .task("twice", List.of("n"), (Void state, int workerId, Integer n) -> {
                    if (n < 0) {
                        throw new IllegalArgumentException("negative");
                    }
                    if (n == 1000) {
                        entered.countDown();
                        release.await();
                    }
                    return 2 * n;
                }, n -> new Object[] {n}, Codecs.INT, Codecs.INT)
                .build(), PoolOptions.defaults().workers(2));
    }

    @Test
    void chunksReportTheirTasksAndTimeAndFailedTasksTheirIndex() throws Exception {
        Chunks listener = new Chunks();
        AutoCloseable registration = PoolEvents.register(listener);
        try (WorkerPool<Void, Void> pool = pool(new CountDownLatch(1), new CountDownLatch(0))) {
            pool.<Integer, Integer>method(0).chunkSize(10).map(IntStream.range(0, 30).boxed().toList());
            assertEquals(List.of("Nums.twice 10", "Nums.twice 10", "Nums.twice 10"), List.copyOf(listener.chunks));
            assertThrows(TaskFailedException.class,
                    () -> pool.<Integer, Integer>method(0).chunkSize(1).map(List.of(1, 2, -3)));
            assertEquals(List.of("Nums.twice 2 negative"), List.copyOf(listener.failures));
            assertEquals(0, pool.view().tasksPending(), "nothing pending once the calls ended");
        } finally {
            registration.close();
        }
        assertEquals(0, listener.pool.get().workersBusy(), "no worker busy once the pool closed");
    }

    @Test
    void pendingTasksAndBusyWorkersWhileACallRuns() throws Exception {
        Chunks listener = new Chunks();
        AutoCloseable registration = PoolEvents.register(listener);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (WorkerPool<Void, Void> pool = pool(entered, release)) {
            Thread caller = Thread.ofPlatform().start(
                    () -> pool.<Integer, Integer>method(0).chunkSize(5).map(List.of(1, 2, 3, 4, 1000)));
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            PoolInfo view = listener.pool.get();
            assertEquals(5, view.tasksPending(), "the chunk holding the blocked task is pending");
            assertEquals(1, view.workersBusy());
            release.countDown();
            caller.join(10_000);
            assertEquals(0, view.tasksPending());
        } finally {
            release.countDown();
            registration.close();
        }
        // A worker counts itself idle just after it hands over its results; after close, surely.
        assertEquals(0, listener.pool.get().workersBusy());
    }
}
