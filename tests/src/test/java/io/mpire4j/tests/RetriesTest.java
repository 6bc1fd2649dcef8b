package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.Outcome;
import io.mpire4j.TaskFailedException;
import io.mpire4j.TaskTimeoutException;
import io.mpire4j.WorkerDiedException;
import io.mpire4j.tests.fixtures.Flaky;
import io.mpire4j.tests.fixtures.FlakyParallel;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * retries(n): a failed task runs again, up to n more times, on another worker after a death or a
 * timeout; every result is still handed out exactly once, and insights count the retries.
 */
@EveryWorkerKind
class RetriesTest extends PoolContract {

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static List<Integer> tenTimes(int n) {
        return IntStream.range(0, n).map(x -> 10 * x).boxed().toList();
    }

    @Test
    void aTaskThatFailsTwiceSucceedsOnItsThirdAttempt() {
        Flaky flaky = Flaky.reliable(board()).failingFirst(2, 3, 21);
        try (var pool = FlakyParallel.create(flaky, options().enableInsights(true))) {
            assertEquals(tenTimes(30), promptly(() -> pool.run().retries(2).chunkSize(4).map(range(30))));
            assertEquals(3, flaky.attempts(3));
            assertEquals(3, flaky.attempts(21));
            for (int x : new int[] {0, 1, 2, 4, 5, 6, 7, 20, 22, 23, 29}) {
                assertEquals(1, flaky.attempts(x), "task " + x + " ran once");
            }
            assertEquals(4, pool.insights().retries());
            assertEquals(30, pool.insights().tasksCompleted());
            assertTrue(pool.insights().toString().contains("Retries: 4"), pool.insights().toString());
        }
    }

    @Test
    void whenRetriesRunOutTheCallFailsWithTheLastFailure() {
        Flaky flaky = Flaky.reliable(board()).broken(5);
        try (var pool = FlakyParallel.create(flaky, options())) {
            TaskFailedException e = promptly(() -> assertThrows(TaskFailedException.class,
                    () -> pool.run().retries(2).map(range(10))));
            assertEquals(5, e.taskIndex());
            assertContains(e.getCause().getMessage(), "attempt 3");
            assertEquals(3, flaky.attempts(5));
            // with outcomes, the failure is handed out instead
            board().names("attempt-").forEach(board()::remove);
            List<Outcome<Integer>> outcomes = promptly(() -> pool.run().outcomes().retries(1).map(range(10)));
            assertEquals(10, outcomes.size());
            assertInstanceOf(Outcome.Failure.class, outcomes.get(5));
            assertEquals(2, flaky.attempts(5));
        }
    }

    @Test
    void retryIfChoosesWhichFailuresRunAgain() {
        Flaky flaky = Flaky.reliable(board()).failingFirst(1, 2);
        try (var pool = FlakyParallel.create(flaky, options())) {
            assertThrows(TaskFailedException.class, () -> promptly(() -> pool.run().retries(3)
                    .retryIf(f -> f instanceof TaskTimeoutException).map(range(4))));
            assertEquals(1, flaky.attempts(2));
            assertEquals(List.of(0, 10, 20, 30), promptly(() -> pool.run().retries(3)
                    .retryIf(f -> f.getCause() instanceof Flaky.Flake).map(range(4))));
            assertEquals(2, flaky.attempts(2));
        }
    }

    @Test
    void aPredicateThatThrowsDeclinesTheRetry() {
        Flaky flaky = Flaky.reliable(board()).failingFirst(1, 1);
        try (var pool = FlakyParallel.create(flaky, options())) {
            TaskFailedException e = promptly(() -> assertThrows(TaskFailedException.class, () -> pool.run().retries(1)
                    .retryIf(f -> { throw new IllegalStateException("predicate broke"); }).map(range(3))));
            assertEquals("predicate broke", e.getSuppressed()[0].getMessage());
        }
    }

    @Test
    void backoffWaitsBeforeTheRetry() {
        Flaky flaky = Flaky.reliable(board()).failingFirst(1, 0);
        try (var pool = FlakyParallel.create(flaky, options())) {
            long start = System.nanoTime();
            assertEquals(List.of(0), promptly(() -> pool.run().retries(1, Duration.ofMillis(300)).map(range(1))));
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos(), "the retry waited its backoff");
        }
    }

    @Test
    void aTimedOutTaskRunsAgainOnAnotherWorker() {
        Flaky flaky = Flaky.reliable(board()).hangingFirst(6);
        try (var pool = FlakyParallel.create(flaky, options().enableInsights(true))) {
            assertEquals(tenTimes(16), within(Duration.ofSeconds(20), () -> pool.run().retries(1).chunkSize(4)
                    .taskTimeout(Duration.ofMillis(300)).map(range(16))));
            List<Integer> workers = flaky.workersOf(6);
            assertEquals(2, workers.size());
            assertNotEquals(workers.get(0), workers.get(1), "the retry ran on another worker");
            assertEquals(1, pool.insights().retries());
        }
    }

    @Test
    void theTasksADeadChildHeldAreRunAgainAndEachResultComesOnce() {
        Assumptions.assumeTrue(processes(), "only a child JVM can die and be replaced");
        Flaky flaky = Flaky.reliable(board()).dyingFirst(9);
        try (var pool = FlakyParallel.create(flaky, options())) {
            assertEquals(tenTimes(24), within(Duration.ofSeconds(30), () -> pool.run().retries(1).chunkSize(4)
                    .map(range(24))));
            List<Integer> workers = flaky.workersOf(9);
            assertEquals(2, workers.size());
            assertNotEquals(workers.get(0), workers.get(1), "the retry ran on another worker");
            // without retries left, a death still fails the call
            board().names("attempt-").forEach(board()::remove);
            WorkerDiedException e = within(Duration.ofSeconds(30), () -> assertThrows(WorkerDiedException.class,
                    () -> pool.run().retries(0).map(range(12))));
            assertEquals(9, e.taskIndex());
        }
    }

    @Test
    void badSettingsNameTheValue() {
        try (var pool = FlakyParallel.create(Flaky.reliable(board()), options())) {
            assertContains(assertThrows(IllegalArgumentException.class, () -> pool.run().retries(-1)).getMessage(),
                    "retries must be >= 0, was -1");
            assertContains(assertThrows(IllegalArgumentException.class,
                    () -> pool.run().retries(1, Duration.ofMillis(-5))).getMessage(), "-0.005");
            assertContains(assertThrows(IllegalArgumentException.class, () -> pool.run().retries(1, null))
                    .getMessage(), "was null");
            assertContains(assertThrows(IllegalArgumentException.class, () -> pool.run().retryIf(null)).getMessage(),
                    "was null");
        }
    }
}
