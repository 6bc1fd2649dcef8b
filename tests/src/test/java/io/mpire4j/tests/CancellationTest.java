package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.tests.fixtures.Scripted;
import io.mpire4j.tests.fixtures.ScriptedParallel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
        Scripted scripted = Scripted.identity(board()).waiting(Integer.MIN_VALUE, -1, "gate");
        try (var pool = ScriptedParallel.create(scripted, options())) {
            try {
                List<CompletableFuture<Integer>> blockers = IntStream.range(1, workers() + 1)
                        .mapToObj(i -> pool.runAsync(-i)).toList();
                awaitUntil(() -> scripted.started() >= workers(), "every worker busy");
                CompletableFuture<Integer> queued = pool.runAsync(42);
                assertTrue(queued.cancel(true));
                board().mark("gate");
                for (CompletableFuture<Integer> blocker : blockers) {
                    blocker.get(WAIT_SECONDS, TimeUnit.SECONDS);
                }
                pool.stopAndJoin(); // every queued chunk has been taken or dropped
                assertFalse(scripted.seen(42).isPresent(), "the cancelled task ran");
                assertEquals(7, pool.run(7));
            } finally {
                board().mark("gate");
            }
        }
    }

    @Test
    void interruptingTheCallerEndsItsCallAndCancelsTheRest() throws Exception {
        board().mark("blocking");
        Scripted scripted = Scripted.identity(board())
                .waiting(Integer.MIN_VALUE, Integer.MAX_VALUE, "gate").whileMarked("blocking");
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
                awaitUntil(() -> scripted.started() >= 1, "a task running");
                caller.get().interrupt();
                assertThrows(Exception.class, () -> call.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS),
                        "an interrupted caller must stop waiting");
                assertTrue(stillInterrupted.get(), "the caller's interrupt status was swallowed");
                board().mark("gate");
                pool.stopAndJoin();
                assertTrue(scripted.started() <= workers(),
                        scripted.started() + " tasks ran after the caller gave up");
                board().remove("blocking");
                assertEquals(range(10), pool.run().map(range(10)));
            } finally {
                board().mark("gate");
            }
        }
    }
}
