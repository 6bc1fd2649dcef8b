package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * taskTimeout fails the call promptly with TaskTimeoutException and stops the worker: a thread is
 * interrupted and, if it ignores that, abandoned and its slot refilled; a child JVM is killed and
 * replaced. Init and exit timeouts likewise.
 */
@EveryWorkerKind
class TimeoutTest extends PoolContract {
    private static final Duration LIMIT = Duration.ofMillis(200);

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void aBlockedTaskFailsTheCallPromptlyAndItsWorkerIsStopped() throws Exception {
        // Task 3 waits for a file that never comes; a task that begins with its thread interrupted
        // returns -x: a worker's interrupt must not leak into its later tasks.
        Scripted scripted = Scripted.identity(board()).waiting(3, 3, "never");
        try (var pool = ScriptedParallel.create(scripted, options())) {
            TaskTimeoutException e = promptly(() -> assertThrows(TaskTimeoutException.class,
                    () -> pool.run().chunkSize(2).taskTimeout(LIMIT).map(range(8))));
            assertEquals(LIMIT, e.timeout());
            assertEquals(3, e.taskIndex(), "position 1 of chunk 1 is input position 3");
            assertEquals(List.of(3), e.arguments());
            assertEquals(scripted.workerOf(3), e.workerId());
            assertContains(e.getMessage(), "x = 3");
            if (processes()) {
                long pid = scripted.seen(3).orElseThrow().pid();
                assertTrue(LiveProcesses.awaitExit(pid, PROMPTLY), "the child JVM " + pid + " was not killed");
                assertFalse(scripted.interrupted(3));
            } else {
                awaitUntil(() -> scripted.interrupted(3), "task 3 interrupted");
            }
            // the pool is still usable, under a timeout its tasks do not reach
            List<Integer> fast = IntStream.range(10, 30).boxed().toList();
            assertEquals(fast, pool.run().chunkSize(1).taskTimeout(Duration.ofSeconds(30)).map(fast));
        } finally {
            board().mark("never");
        }
    }

    @Test
    void theTimeoutLimitsEachTaskNotItsChunk() {
        // One chunk of 8 tasks of 40 ms each: 320 ms for the chunk, but no task near the 200 ms limit.
        Scripted scripted = Scripted.identity(board()).sleeping(0, 7, 40);
        try (var pool = ScriptedParallel.create(scripted, options())) {
            assertEquals(range(8), promptly(() -> pool.run().chunkSize(8).taskTimeout(LIMIT).map(range(8))));
        }
    }

    @Test
    void aSleepingWorkloadIsCutShort() {
        // a task that would take a minute
        Scripted scripted = Scripted.identity(board()).sleeping(Integer.MIN_VALUE, Integer.MAX_VALUE, 60_000);
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
    void aTaskThatIgnoresInterruptsGivesUpItsSlotToAFreshWorker() throws Exception {
        // Task -1 spins until released, ignoring interrupts; the others finish only when all the
        // workers have arrived, so they need every slot, the spinner's too.
        Scripted scripted = Scripted.identity(board())
                .spinning(-1, -1, "release")
                .barrier(0, Integer.MAX_VALUE, "arrived-", workers());
        try (var pool = ScriptedParallel.create(scripted, options())) {
            try {
                promptly(() -> assertThrows(TaskTimeoutException.class,
                        () -> pool.run().taskTimeout(LIMIT).apply(-1)));
                assertEquals(range(workers()), promptly(() -> pool.run().chunkSize(1).map(range(workers()))));
                if (processes()) {
                    // the runaway code itself was stopped: its JVM is gone
                    long pid = scripted.seen(-1).orElseThrow().pid();
                    assertTrue(LiveProcesses.awaitExit(pid, PROMPTLY), "the spinning child " + pid + " was not killed");
                    assertFalse(scripted.spun(-1), "the spinner returned although it was killed");
                } else {
                    // a thread cannot be stopped: the spinner is still running in its abandoned thread
                    assertFalse(scripted.spun(-1), "the spinner stopped although nothing released it");
                }
            } finally {
                board().mark("release");
            }
            if (!processes()) {
                awaitUntil(() -> scripted.spun(-1), "the abandoned spinner to return once released");
            }
            // and the pool keeps working
            List<Integer> next = IntStream.range(100, 100 + workers()).boxed().toList();
            assertEquals(next, pool.run().chunkSize(1).map(next));
        }
    }

    @Test
    void anInitTimeoutFailsTheCallWithWorkerInitException() {
        Stateful stateful = Stateful.on(board()).blockingInit("never");
        try (var pool = StatefulParallel.create(stateful, options().workerInitTimeout(LIMIT))) {
            WorkerInitException e = promptly(() -> assertThrows(WorkerInitException.class,
                    () -> pool.count().map(range(8))));
            assertEquals("Stateful.start", e.method());
            assertTrue(e.workerId() >= 0 && e.workerId() < workers());
            assertContains(e.getMessage(), "Stateful.start");
        } finally {
            board().mark("never");
        }
    }

    @Test
    void anExitTimeoutIsReportedAsWorkerExitException() {
        board().mark("blocking");
        Stateful stateful = Stateful.on(board()).blockingExit("never").whileMarked("blocking");
        try (var pool = StatefulParallel.create(stateful, options().workerExitTimeout(LIMIT))) {
            pool.count().map(range(8));
            WorkerExitException e = promptly(() -> assertThrows(WorkerExitException.class, pool::stopAndJoin));
            assertEquals("Stateful.finish", e.method());
            assertTrue(e.workerId() >= 0 && e.workerId() < workers());
            board().remove("blocking");
        } finally {
            board().mark("never");
        }
    }
}
