package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mpire4j.PoolOptions;
import io.mpire4j.TaskFailedException;
import io.mpire4j.tests.fixtures.NumbersParallel;
import io.mpire4j.tests.fixtures.Scripted;
import io.mpire4j.tests.fixtures.ScriptedParallel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
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
        callFromSeveralThreads(options());
    }

    @Test
    void severalThreadsRunCallsAtOnceWithoutKeepAlive() throws Exception {
        callFromSeveralThreads(options().keepAlive(false));
    }

    private static void callFromSeveralThreads(PoolOptions options) throws Exception {
        try (var pool = NumbersParallel.create(options)) {
            CyclicBarrier start = new CyclicBarrier(CALLERS);
            List<CompletableFuture<Void>> callers = new ArrayList<>();
            for (int c = 0; c < CALLERS; c++) {
                int base = c * 10_000;
                callers.add(inAnotherThread("caller-" + c, () -> {
                    start.await(WAIT_SECONDS, TimeUnit.SECONDS);
                    for (int round = 0; round < 5; round++) {
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
            promptly(() -> CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).get());
        }
    }

    @Test
    void aBlockedCallDoesNotHoldUpOtherCalls() throws Exception {
        CountDownLatch blockedStarted = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        Scripted scripted = new Scripted((workerId, x) -> {
            if (x < 0) {
                blockedStarted.countDown();
                await(gate);
            }
            return x;
        });
        try (var pool = ScriptedParallel.create(scripted, options())) {
            try {
                CompletableFuture<Integer> blocked = inAnotherThread("blocked", () -> pool.run(-1));
                await(blockedStarted);
                assertEquals(range(0, 300), promptly(() -> pool.run().map(range(0, 300))));
                gate.countDown();
                assertEquals(-1, blocked.get(WAIT_SECONDS, TimeUnit.SECONDS));
            } finally {
                gate.countDown();
            }
        }
    }

    @Test
    void aFailingCallDoesNotDisturbCallsRunningBesideIt() throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        Scripted scripted = new Scripted((workerId, x) -> {
            if (x == 1_000_000) {
                together.await(WAIT_SECONDS, TimeUnit.SECONDS); // fail while the other call runs
                throw new IllegalStateException("failing call");
            }
            if (x == 7) {
                together.await(WAIT_SECONDS, TimeUnit.SECONDS);
            }
            return x;
        });
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
