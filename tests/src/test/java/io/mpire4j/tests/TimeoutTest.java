package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.TaskTimeoutException;
import io.mpire4j.WorkerExitException;
import io.mpire4j.WorkerInitException;
import io.mpire4j.tests.fixtures.Scripted;
import io.mpire4j.tests.fixtures.ScriptedParallel;
import io.mpire4j.tests.fixtures.Stateful;
import io.mpire4j.tests.fixtures.StatefulParallel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * taskTimeout fails the call promptly with TaskTimeoutException and interrupts the worker; a task
 * that ignores the interrupt is abandoned and its slot refilled. Init and exit timeouts likewise.
 */
@EveryWorkerKind
class TimeoutTest extends PoolContract {
    private static final Duration LIMIT = Duration.ofMillis(200);

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void aBlockedTaskFailsTheCallPromptlyAndItsWorkerIsInterrupted() {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Scripted scripted = new Scripted((workerId, x) -> {
            if (x == 3) {
                try {
                    never.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
            }
            // a worker's interrupt must not leak into its later tasks
            return Thread.currentThread().isInterrupted() ? -x : x;
        });
        try (var pool = ScriptedParallel.create(scripted, options())) {
            TaskTimeoutException e = promptly(() -> assertThrows(TaskTimeoutException.class,
                    () -> pool.run().chunkSize(2).taskTimeout(LIMIT).map(range(8))));
            assertEquals(LIMIT, e.timeout());
            assertEquals(3, e.taskIndex(), "position 1 of chunk 1 is input position 3");
            assertEquals(List.of(3), e.arguments());
            assertEquals(scripted.workerByInput.get(3), e.workerId());
            assertContains(e.getMessage(), "x = 3");
            promptly(() -> {
                await(interrupted);
                return null;
            });
            // the pool is still usable, under a timeout its tasks do not reach
            List<Integer> fast = IntStream.range(10, 30).boxed().toList();
            assertEquals(fast, pool.run().chunkSize(1).taskTimeout(Duration.ofSeconds(30)).map(fast));
        } finally {
            never.countDown();
        }
    }

    @Test
    void theTimeoutLimitsEachTaskNotItsChunk() {
        // One chunk of 8 tasks of 40 ms each: 320 ms for the chunk, but no task near the 200 ms limit.
        Scripted scripted = new Scripted((workerId, x) -> {
            Thread.sleep(40); // the workload
            return x;
        });
        try (var pool = ScriptedParallel.create(scripted, options())) {
            assertEquals(range(8), promptly(() -> pool.run().chunkSize(8).taskTimeout(LIMIT).map(range(8))));
        }
    }

    @Test
    void aSleepingWorkloadIsCutShort() {
        Scripted scripted = new Scripted((workerId, x) -> {
            Thread.sleep(60_000); // the workload: a task that would take a minute
            return x;
        });
        try (var pool = ScriptedParallel.create(scripted, options())) {
            TaskTimeoutException e = promptly(() -> assertThrows(TaskTimeoutException.class,
                    () -> pool.run().taskTimeout(LIMIT).apply(7)));
            assertEquals(-1, e.taskIndex());
            assertEquals(List.of(7), e.arguments());
            TaskTimeoutException async = promptly(() -> assertInstanceOf(TaskTimeoutException.class,
                    assertThrows(ExecutionException.class,
                            () -> pool.run().taskTimeout(LIMIT).applyAsync(8).get(PROMPTLY.toSeconds(), TimeUnit.SECONDS))
                            .getCause()));
            assertEquals(List.of(8), async.arguments());
        }
    }

    @Test
    void aTaskThatIgnoresInterruptsIsAbandonedAndItsSlotReplaced() throws Exception {
        AtomicBoolean release = new AtomicBoolean();
        CountDownLatch spinnerDone = new CountDownLatch(1);
        CyclicBarrier allWorkers = new CyclicBarrier(WORKERS);
        Scripted scripted = new Scripted((workerId, x) -> {
            if (x == -1) {
                try {
                    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (!release.get() && System.nanoTime() - giveUp < 0) {
                        Thread.yield(); // ignores interrupts on purpose
                    }
                } finally {
                    spinnerDone.countDown();
                }
            } else {
                allWorkers.await(WAIT_SECONDS, TimeUnit.SECONDS);
            }
            return x;
        });
        try (var pool = ScriptedParallel.create(scripted, options())) {
            try {
                promptly(() -> assertThrows(TaskTimeoutException.class,
                        () -> pool.run().taskTimeout(LIMIT).apply(-1)));
                // WORKERS tasks that can only finish together: needs every slot, the spinner's too.
                assertEquals(range(WORKERS), promptly(() -> pool.run().chunkSize(1).map(range(WORKERS))));
            } finally {
                release.set(true);
            }
            await(spinnerDone);
            // and the pool keeps working
            assertEquals(range(WORKERS), pool.run().chunkSize(1).map(range(WORKERS)));
        }
    }

    @Test
    void anInitTimeoutFailsTheCallWithWorkerInitException() {
        CountDownLatch never = new CountDownLatch(1);
        Stateful stateful = new Stateful().onInit(workerId -> never.await(60, TimeUnit.SECONDS));
        try (var pool = StatefulParallel.create(stateful, options().workerInitTimeout(LIMIT))) {
            WorkerInitException e = promptly(() -> assertThrows(WorkerInitException.class,
                    () -> pool.count().map(range(8))));
            assertEquals("Stateful.start", e.method());
            assertTrue(e.workerId() >= 0 && e.workerId() < WORKERS);
            assertContains(e.getMessage(), "Stateful.start");
        } finally {
            never.countDown();
        }
    }

    @Test
    void anExitTimeoutIsReportedAsWorkerExitException() {
        CountDownLatch never = new CountDownLatch(1);
        Stateful stateful = new Stateful().onExit(workerId -> never.await(60, TimeUnit.SECONDS));
        try (var pool = StatefulParallel.create(stateful, options().workerExitTimeout(LIMIT))) {
            pool.count().map(range(8));
            WorkerExitException e = promptly(() -> assertThrows(WorkerExitException.class, pool::stopAndJoin));
            assertEquals("Stateful.finish", e.method());
            assertTrue(e.workerId() >= 0 && e.workerId() < WORKERS);
            stateful.onExit(workerId -> { });
        } finally {
            never.countDown();
        }
    }
}
