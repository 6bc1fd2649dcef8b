package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mpire4j.PoolOptions;
import io.mpire4j.TaskFailedException;
import io.mpire4j.tests.fixtures.NumbersParallel;
import io.mpire4j.tests.fixtures.Scripted;
import io.mpire4j.tests.fixtures.ScriptedParallel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A pool is thread-safe: calls from several threads at once each get their own, correct results. */
@EveryWorkerKind
class ConcurrencyTest extends PoolContract {
    private static final int CALLERS = 4;

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    private static List<Integer> squares(List<Integer> inputs) {
        return inputs.stream().map(x -> x * x).toList();
    }

    @Test
    void severalThreadsRunCallsOnOnePoolAtOnce() throws Exception {
        callFromSeveralThreads(options(), 5, PROMPTLY);
    }

    @Test
    void severalThreadsRunCallsAtOnceWithoutKeepAlive() throws Exception {
        // Every call starts fresh workers: one round (of five calls per caller) and more time for
        // child JVMs, which take a few hundred ms of CPU each to start (the limit only catches a hang).
        callFromSeveralThreads(options().keepAlive(false), processes() ? 1 : 5,
                processes() ? Duration.ofSeconds(60) : PROMPTLY);
    }

    private static void callFromSeveralThreads(PoolOptions options, int rounds, Duration limit) throws Exception {
        try (var pool = NumbersParallel.create(options)) {
            CyclicBarrier start = new CyclicBarrier(CALLERS);
            List<CompletableFuture<Void>> callers = new ArrayList<>();
            for (int c = 0; c < CALLERS; c++) {
                int base = c * 10_000;
                callers.add(inAnotherThread("caller-" + c, () -> {
                    start.await(WAIT_SECONDS, TimeUnit.SECONDS);
                    for (int round = 0; round < rounds; round++) {
                        List<Integer> inputs = range(base + round * 100, base + round * 100 + 300);
                        assertEquals(squares(inputs), pool.square().map(inputs));
                        try (Stream<Integer> s = pool.square().chunkSize(7).imap(inputs.iterator())) {
                            assertEquals(squares(inputs), s.toList());
                        }
                        assertEquals(squares(inputs), pool.square().mapUnordered(inputs).stream().sorted().toList());
                        assertEquals(base * base, pool.square(base));
                        assertEquals(4, pool.squareAsync(2).get(WAIT_SECONDS, TimeUnit.SECONDS));
                    }
                    return null;
                }));
            }
            within(limit, () -> CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).get());
        }
    }

    @Test
    void aBlockedCallDoesNotHoldUpOtherCalls() throws Exception {
        Scripted scripted = Scripted.identity(board()).waiting(Integer.MIN_VALUE, -1, "gate");
        try (var pool = ScriptedParallel.create(scripted, options())) {
            try {
                CompletableFuture<Integer> blocked = inAnotherThread("blocked", () -> pool.run(-1));
                awaitUntil(() -> scripted.seen(-1).isPresent(), "the blocked task started");
                assertEquals(range(0, 300), promptly(() -> pool.run().map(range(0, 300))));
                board().mark("gate");
                assertEquals(-1, blocked.get(WAIT_SECONDS, TimeUnit.SECONDS));
            } finally {
                board().mark("gate");
            }
        }
    }

    @Test
    void aFailingCallDoesNotDisturbCallsRunningBesideIt() throws Exception {
        // Task 1,000,000 fails, but only once task 7 of the other call runs beside it.
        Scripted scripted = Scripted.identity(board())
                .barrier(7, 7, "together-", 2)
                .barrier(1_000_000, 1_000_000, "together-", 2)
                .failingAt(1_000_000);
        try (var pool = ScriptedParallel.create(scripted, options())) {
            CompletableFuture<List<Integer>> failing = inAnotherThread("failing",
                    () -> pool.run().chunkSize(1).map(List.of(1_000_000)));
            List<Integer> ok = promptly(() -> pool.run().chunkSize(1).map(range(0, 200)));
            assertEquals(range(0, 200), ok);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> failing.get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertInstanceOf(TaskFailedException.class, e.getCause());
        }
    }
}
