package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.Outcome;
import io.mpire4j.ParallelMethod;
import io.mpire4j.TaskFailedException;
import io.mpire4j.TaskTimeoutException;
import io.mpire4j.WorkerDiedException;
import io.mpire4j.tests.fixtures.Flaky;
import io.mpire4j.tests.fixtures.FlakyParallel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * outcomes(): every task's fate instead of the call's failure, one outcome per input element, in
 * input or completion order, eagerly or lazily; failures, timeouts and deaths settle exactly the
 * tasks they hit, and the other tasks carry on.
 */
@EveryWorkerKind
class OutcomesTest extends PoolContract {

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    /** Checks {@code outcomes} is the input in order: 10 × x, or a failure of exactly the tasks in {@code failed}. */
    private static void assertOutcomes(List<Outcome<Integer>> outcomes, int n, List<Integer> failed,
            Class<? extends TaskFailedException> how) {
        assertEquals(n, outcomes.size());
        for (int i = 0; i < n; i++) {
            Outcome<Integer> o = outcomes.get(i);
            assertEquals(i, o.taskIndex(), "outcome " + i + " in input order");
            if (failed.contains(i)) {
                Outcome.Failure<?> f = assertInstanceOf(Outcome.Failure.class, o);
                assertInstanceOf(how, f.failure());
                assertEquals(List.of(i), f.failure().arguments());
                assertEquals(-1, o.orElse(-1));
                assertThrows(how, o::orElseThrow);
            } else {
                assertEquals(new Outcome.Success<>(i, 10 * i), o);
            }
        }
    }

    @Test
    void aFailingTaskBecomesAFailureAndTheOthersRun() {
        Flaky flaky = Flaky.reliable(board()).broken(3, 17);
        try (var pool = FlakyParallel.create(flaky, options())) {
            List<Outcome<Integer>> outcomes = promptly(() -> pool.run().outcomes().chunkSize(4).map(range(40)));
            assertOutcomes(outcomes, 40, List.of(3, 17), TaskFailedException.class);
            Outcome.Failure<?> f = (Outcome.Failure<?>) outcomes.get(3);
            assertInstanceOf(Flaky.Flake.class, f.failure().getCause());
            for (int x = 0; x < 40; x++) {
                assertEquals(1, flaky.attempts(x), "task " + x + " ran once");
            }
            // the pool goes on, and the plain handle still fails fast
            assertThrows(TaskFailedException.class, () -> pool.run().map(range(20)));
        }
    }

    @Test
    void unorderedAndLazyCallsGiveOneOutcomePerInput() throws Exception {
        Flaky flaky = Flaky.reliable(board()).broken(0, 5, 29);
        try (var pool = FlakyParallel.create(flaky, options())) {
            ParallelMethod<Integer, Outcome<Integer>> outcomes = pool.run().outcomes().chunkSize(3);
            List<Outcome<Integer>> unordered = promptly(() -> outcomes.mapUnordered(range(30)));
            assertEquals(range(30), unordered.stream().map(o -> (int) o.taskIndex()).sorted().toList());
            assertEquals(List.of(0L, 5L, 29L), unordered.stream().filter(o -> !o.isSuccess())
                    .map(Outcome::taskIndex).sorted().toList());

            List<Outcome<Integer>> lazy = promptly(() -> {
                try (Stream<Outcome<Integer>> s = outcomes.imap(range(30).iterator())) {
                    return s.toList();
                }
            });
            assertEquals(range(30), lazy.stream().map(o -> (int) o.taskIndex()).toList());
            assertEquals(3, lazy.stream().filter(o -> !o.isSuccess()).count());

            List<Long> some = promptly(() -> {
                try (Stream<Outcome<Integer>> s = outcomes.imapUnordered(range(1000).stream())) {
                    return s.limit(7).map(Outcome::taskIndex).collect(Collectors.toCollection(ArrayList::new));
                }
            });
            assertEquals(7, some.size());
        }
    }

    @Test
    void applyGivesAnOutcome() throws Exception {
        Flaky flaky = Flaky.reliable(board()).broken(4);
        try (var pool = FlakyParallel.create(flaky, options())) {
            assertEquals(new Outcome.Success<>(-1, 30), pool.run().outcomes().apply(3));
            Outcome<Integer> failed = pool.run().outcomes().applyAsync(4).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(-1, failed.taskIndex());
            assertInstanceOf(Flaky.Flake.class, ((Outcome.Failure<Integer>) failed).failure().getCause());
            assertThrows(IllegalStateException.class, () -> pool.run().outcomes().outcomes());
        }
    }

    @Test
    void aTimeoutFailsOnlyItsTask() {
        Flaky flaky = Flaky.reliable(board()).hangingFirst(6);
        try (var pool = FlakyParallel.create(flaky, options())) {
            List<Outcome<Integer>> outcomes = within(Duration.ofSeconds(20), () -> pool.run().outcomes().chunkSize(4)
                    .taskTimeout(Duration.ofMillis(300)).map(range(16)));
            assertOutcomes(outcomes, 16, List.of(6), TaskTimeoutException.class);
        }
    }

    @Test
    void aDeathFailsOnlyTheTaskItHappenedIn() {
        Assumptions.assumeTrue(processes(), "only a child JVM can die and be replaced");
        Flaky flaky = Flaky.reliable(board()).dyingFirst(9);
        try (var pool = FlakyParallel.create(flaky, options())) {
            for (int chunk : new int[] {1, 4}) {
                board().names("attempt-").forEach(board()::remove);
                List<Outcome<Integer>> outcomes = within(Duration.ofSeconds(30),
                        () -> pool.run().outcomes().chunkSize(chunk).map(range(16)));
                assertOutcomes(outcomes, 16, List.of(9), WorkerDiedException.class);
                assertEquals(1, flaky.attempts(9), "a death is not retried without retries");
            }
        }
    }

    @Test
    void nullResultsAreSuccesses() {
        Flaky flaky = Flaky.reliable(board());
        try (var pool = FlakyParallel.create(flaky, options())) {
            List<Outcome<Void>> outcomes = promptly(() -> pool.nothing().outcomes().map(range(10)));
            assertEquals(10, outcomes.size());
            assertTrue(outcomes.stream().allMatch(o -> o.isSuccess() && o.orElseThrow() == null));
        }
    }
}
