package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.ParallelMethod;
import io.mpire4j.tests.fixtures.Numbers;
import io.mpire4j.tests.fixtures.NumbersParallel;
import io.mpire4j.tests.fixtures.NumbersParallel.PowerArgs;
import io.mpire4j.tests.fixtures.Scripted;
import io.mpire4j.tests.fixtures.ScriptedParallel;
import io.mpire4j.tests.fixtures.Seen;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every call returns every result, in input order or completion order as promised. */
@EveryWorkerKind
class OrderingTest extends PoolContract {

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    private static List<Integer> squares(List<Integer> inputs) {
        return inputs.stream().map(x -> x * x).toList();
    }

    /** Task 0 finishes last: it waits until every other task has finished. */
    private Scripted firstFinishesLast(int tasks) {
        return Scripted.identity(board()).waitingForCount(0, "finished-", tasks - 1);
    }

    @Test
    void mapReturnsResultsInInputOrderEvenWhenTheyFinishOutOfOrder() {
        int n = 20;
        try (var pool = ScriptedParallel.create(firstFinishesLast(n), options())) {
            List<Integer> results = promptly(() -> pool.run().chunkSize(1).maxTasksActive(n).map(range(0, n)));
            assertEquals(range(0, n), results);
        }
    }

    @Test
    void mapUnorderedReturnsResultsInCompletionOrder() {
        int n = 20;
        try (var pool = ScriptedParallel.create(firstFinishesLast(n), options())) {
            List<Integer> results = promptly(() -> pool.run().chunkSize(1).maxTasksActive(n).mapUnordered(range(0, n)));
            assertEquals(range(0, n), results.stream().sorted().toList());
            // When task 0 returns, every other task has finished and at most workers - 1 of them
            // are still returning: the rest arrived before it.
            assertTrue(results.indexOf(0) >= n - workers(), () -> "task 0 finished last but came at "
                    + results.indexOf(0) + ": " + results);
        }
    }

    @Test
    void mapAcceptsAnyIterableAndManyTasks() {
        try (var pool = NumbersParallel.create(options())) {
            List<Integer> inputs = range(0, 10_000);
            assertEquals(squares(inputs), pool.square().map(inputs));
            Iterable<Integer> unsized = () -> range(0, 777).iterator();
            assertEquals(squares(range(0, 777)), pool.square().map(unsized));
            assertEquals(squares(range(0, 777)), pool.square().chunkSize(7).map(unsized));
        }
    }

    @Test
    void imapStreamsResultsInInputOrderFromEveryKindOfInput() {
        try (var pool = NumbersParallel.create(options())) {
            ParallelMethod<Integer, Integer> square = pool.square().chunkSize(3);
            List<Integer> expected = squares(range(0, 100));
            try (Stream<Integer> s = square.imap(range(0, 100))) {
                assertEquals(expected, s.toList());
            }
            try (Stream<Integer> s = square.imap(range(0, 100).iterator())) {
                assertEquals(expected, s.toList());
            }
            try (Stream<Integer> s = square.imap(IntStream.range(0, 100).boxed())) {
                assertEquals(expected, s.toList());
            }
        }
    }

    @Test
    void imapUnorderedYieldsEveryResultExactlyOnce() {
        try (var pool = NumbersParallel.create(options())) {
            List<Integer> expected = squares(range(0, 300));
            try (Stream<Integer> s = pool.square().chunkSize(1).imapUnordered(range(0, 300))) {
                assertEquals(expected, s.sorted().toList());
            }
            try (Stream<Integer> s = pool.square().imapUnordered(range(0, 300).iterator())) {
                assertEquals(expected, s.sorted().toList());
            }
            try (Stream<Integer> s = pool.square().imapUnordered(range(0, 300).stream())) {
                assertEquals(expected, s.sorted().toList());
            }
        }
    }

    @Test
    void forEachRunsEveryTaskOnceAndWaitsForAll() {
        Scripted scripted = Scripted.identity(board());
        try (var pool = ScriptedParallel.create(scripted, options())) {
            ParallelMethod<Integer, Void> consume = pool.consume();
            consume.chunkSize(2).forEach(range(0, 500));
            // forEach returned: every task has finished.
            assertEquals(500, scripted.finished());
            assertEquals(500, scripted.started());
            assertEquals(range(0, 500), List.copyOf(scripted.startedInputs()));
        }
    }

    @Test
    void emptyInputGivesEmptyResults() {
        try (var pool = NumbersParallel.create(options())) {
            assertEquals(List.of(), pool.square().map(List.of()));
            assertEquals(List.of(), pool.square().mapUnordered(List.of()));
            pool.square().forEach(List.of());
            try (Stream<Integer> s = pool.square().imap(List.<Integer>of())) {
                assertEquals(List.of(), s.toList());
            }
        }
    }

    @Test
    void applyRunsOneTaskOnAWorker() {
        Scripted scripted = Scripted.identity(board());
        try (var pool = ScriptedParallel.create(scripted, options())) {
            assertEquals(41, pool.run(41));
            assertEquals(7, pool.run().apply(7));
            Seen seen = scripted.seen(41).orElseThrow();
            if (processes()) {
                assertNotEquals(ProcessHandle.current().pid(), seen.pid(), "ran in this JVM: " + seen);
                assertTrue(ProcessHandle.current().children().anyMatch(c -> c.pid() == seen.pid()),
                        "not a child JVM of this one: " + seen);
            } else {
                assertTrue(seen.thread().startsWith("mpire4j-worker-"), seen.toString());
                assertTrue(seen.inThisJvm(), seen.toString());
            }
            pool.consume(5);
            assertEquals(3, scripted.finished());
            assertFalse(scripted.seen(5).orElseThrow().commonPool());
        }
    }

    @Test
    void applyAsyncCompletesWithTheResult() throws Exception {
        try (var pool = NumbersParallel.create(options())) {
            assertEquals(81, pool.squareAsync(9).get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(16, pool.square().applyAsync(4).get(WAIT_SECONDS, TimeUnit.SECONDS));
            List<CompletableFuture<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                futures.add(pool.squareAsync(i));
            }
            for (int i = 0; i < 50; i++) {
                assertEquals(i * i, futures.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void severalTaskArgumentsTravelAsTheGeneratedArgsRecord() throws Exception {
        try (var pool = NumbersParallel.create(options())) {
            List<PowerArgs> tasks = IntStream.range(0, 20).mapToObj(e -> new PowerArgs(2, e)).toList();
            List<Long> expected = IntStream.range(0, 20).mapToObj(e -> 1L << e).toList();
            assertEquals(expected, pool.power().map(tasks));
            assertEquals(81L, pool.power(3, 4));
            assertEquals(1024L, pool.powerAsync(2, 10).get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(Numbers.power(7, 3), pool.power().apply(new PowerArgs(7, 3)));
        }
    }

    @Test
    void orderTasksSendsChunkKToWorkerKModWorkersInEveryCall() {
        Scripted scripted = Scripted.identity(board());
        try (var pool = ScriptedParallel.create(scripted, options().orderTasks(true))) {
            for (int first : new int[] {1, 101}) {
                List<Integer> inputs = range(first, first + 20);
                assertEquals(inputs, pool.run().chunkSize(1).map(inputs));
                for (int x : inputs) {
                    assertEquals((x - first) % workers(), scripted.workerOf(x), "worker of input " + x);
                }
            }
        }
    }
}
