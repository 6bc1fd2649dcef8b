package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.tests.fixtures.Scripted;
import io.mpire4j.tests.fixtures.ScriptedParallel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A caller that gives up cancels what it started: a cancelled applyAsync future drops its task if it
 * has not started, and an interrupted caller ends its call. (Closing an imap stream: LazinessTest;
 * a failing task: FailureTest.)
 */
@EveryWorkerKind
class CancellationTest extends PoolContract {

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void cancellingAnApplyAsyncFutureDropsItsTaskIfNotStarted() throws Exception {
        // Every worker is held at a gate, so the async task can only wait in the queue.
        CountDownLatch allBusy = new CountDownLatch(WORKERS);
        CountDownLatch gate = new CountDownLatch(1);
        Scripted scripted = new Scripted((workerId, x) -> {
            if (x < 0) {
                allBusy.countDown();
                await(gate);
            }
            return x;
        });
        try (var pool = ScriptedParallel.create(scripted, options())) {
            try {
                List<CompletableFuture<Integer>> blockers = IntStream.range(1, WORKERS + 1)
                        .mapToObj(i -> pool.runAsync(-i)).toList();
                await(allBusy);
                CompletableFuture<Integer> queued = pool.runAsync(42);
                assertTrue(queued.cancel(true));
                gate.countDown();
                for (CompletableFuture<Integer> blocker : blockers) {
                    blocker.get(WAIT_SECONDS, TimeUnit.SECONDS);
                }
                pool.stopAndJoin(); // every queued chunk has been taken or dropped
                assertFalse(scripted.workerByInput.containsKey(42), "the cancelled task ran");
                assertEquals(7, pool.run(7));
            } finally {
                gate.countDown();
            }
        }
    }

    @Test
    void interruptingTheCallerEndsItsCallAndCancelsTheRest() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        AtomicBoolean blocking = new AtomicBoolean(true);
        Scripted scripted = new Scripted((workerId, x) -> {
            if (blocking.get()) {
                running.countDown();
                await(gate);
            }
            return x;
        });
        try (var pool = ScriptedParallel.create(scripted, options())) {
            try {
                AtomicReference<Thread> caller = new AtomicReference<>();
                AtomicBoolean stillInterrupted = new AtomicBoolean();
                CompletableFuture<List<Integer>> call = inAnotherThread("caller", () -> {
                    caller.set(Thread.currentThread());
                    try {
                        return pool.run().chunkSize(1).maxTasksActive(100).map(range(1000));
                    } finally {
                        stillInterrupted.set(Thread.currentThread().isInterrupted());
                    }
                });
                await(running);
                caller.get().interrupt();
                assertThrows(Exception.class, () -> call.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS),
                        "an interrupted caller must stop waiting");
                assertTrue(stillInterrupted.get(), "the caller's interrupt status was swallowed");
                gate.countDown();
                pool.stopAndJoin();
                assertTrue(scripted.started.get() <= WORKERS,
                        scripted.started.get() + " tasks ran after the caller gave up");
                blocking.set(false);
                assertEquals(range(10), pool.run().map(range(10)));
            } finally {
                gate.countDown();
            }
        }
    }
}
