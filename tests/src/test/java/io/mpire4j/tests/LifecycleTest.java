package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.TaskFailedException;
import io.mpire4j.tests.fixtures.Local;
import io.mpire4j.tests.fixtures.LocalParallel;
import io.mpire4j.tests.fixtures.Scripted;
import io.mpire4j.tests.fixtures.ScriptedParallel;
import io.mpire4j.tests.fixtures.Stateful;
import io.mpire4j.tests.fixtures.StatefulParallel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Workers start with the first call, live while kept alive, run their exit on stopAndJoin/close (or
 * after every call without keepAlive), and a closed or terminated pool refuses calls.
 */
@EveryWorkerKind
class LifecycleTest extends PoolContract {

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static int tasksIn(List<Stateful.Exit> exits) {
        return exits.stream().mapToInt(Stateful.Exit::tasks).sum();
    }

    private static Set<Integer> ids(Iterable<Integer> ids) {
        Set<Integer> out = new HashSet<>();
        ids.forEach(out::add);
        return out;
    }

    @Test
    void keepAliveRunsInitOncePerWorkerAcrossCalls() {
        Stateful stateful = Stateful.on(board());
        try (var pool = StatefulParallel.create(stateful, options())) {
            for (int call = 0; call < 3; call++) {
                pool.count().chunkSize(1).map(range(100));
            }
            pool.count(1);
            List<Integer> inits = stateful.inits();
            assertTrue(inits.size() <= workers(), "inits: " + inits);
            assertEquals(inits.size(), ids(inits).size(), "a worker ran init twice: " + inits);
            assertEquals(0, stateful.exitsStarted(), "an exit ran while workers are kept alive");
            assertThrows(IllegalStateException.class, pool::exitResults, "workers alive: exits not ready");

            pool.stopAndJoin();
            List<Stateful.Exit> exits = pool.exitResults();
            assertEquals(301, tasksIn(exits));
            assertEquals(ids(inits), ids(exits.stream().map(Stateful.Exit::workerId).toList()));
            assertEquals(inits.size(), exits.size(), "one exit per worker that ran init");
        }
    }

    @Test
    void stopAndJoinRunsExitsAndTheNextCallStartsFreshWorkers() {
        Stateful stateful = Stateful.on(board());
        try (var pool = StatefulParallel.create(stateful, options())) {
            pool.count().chunkSize(1).map(range(40));
            pool.stopAndJoin();
            List<Stateful.Exit> first = pool.exitResults();
            assertEquals(40, tasksIn(first));
            int initsBefore = stateful.inits().size();

            pool.count().chunkSize(1).map(range(12));
            assertTrue(stateful.inits().size() > initsBefore, "no init after stopAndJoin: workers were not fresh");
            assertThrows(IllegalStateException.class, pool::exitResults, "fresh workers alive: exits not ready");

            pool.stopAndJoin();
            List<Stateful.Exit> second = pool.exitResults();
            assertEquals(12, tasksIn(second));
            int lastFirstSerial = first.stream().mapToInt(Stateful.Exit::serial).max().orElseThrow();
            assertTrue(second.stream().allMatch(e -> e.serial() > lastFirstSerial), "states were reused: " + second);
        }
    }

    @Test
    void stopAndJoinBeforeAnyCallDoesNothing() {
        Stateful stateful = Stateful.on(board());
        try (var pool = StatefulParallel.create(stateful, options())) {
            pool.stopAndJoin();
            assertEquals(List.of(), pool.exitResults());
            assertEquals(2, pool.count().chunkSize(1).map(range(2)).size());
            assertEquals(0, stateful.exitsStarted());
        }
    }

    @Test
    void keepAliveFalseRunsInitAndExitAroundEveryCall() throws Exception {
        Stateful stateful = Stateful.on(board());
        try (var pool = StatefulParallel.create(stateful, options().keepAlive(false))) {
            pool.count().chunkSize(1).map(range(40));
            List<Stateful.Exit> first = pool.exitResults();
            assertEquals(40, tasksIn(first), "exits must have run when the call returned");
            assertEquals(stateful.inits().size(), first.size());

            pool.count().chunkSize(1).map(range(12));
            List<Stateful.Exit> second = pool.exitResults();
            assertEquals(12, tasksIn(second), "exitResults hold the last call's exits only");
            assertEquals(stateful.inits().size(), first.size() + second.size(), "every call inits fresh workers");

            assertEquals(1, pool.count(99));
            assertEquals(1, tasksIn(pool.exitResults()));

            // applyAsync too: its future completes once the call's workers have stopped.
            assertEquals(1, pool.countAsync(98).get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(1, tasksIn(pool.exitResults()));
            assertEquals(stateful.inits().size(), stateful.exitsStarted(), "every init has its exit");
        }
    }

    @Test
    void closeRunsExitsAndIsIdempotent() {
        Stateful stateful = Stateful.on(board());
        var pool = StatefulParallel.create(stateful, options());
        pool.count().chunkSize(1).map(range(40));
        pool.close();
        assertEquals(stateful.inits().size(), stateful.exitsStarted(), "close() did not run every exit");
        pool.close();
        pool.close();
        assertEquals(stateful.inits().size(), stateful.exitsStarted());
    }

    @Test
    void everyCallOnAClosedPoolThrowsIllegalStateException() {
        Scripted scripted = Scripted.identity(board());
        var pool = ScriptedParallel.create(scripted, options());
        pool.run().map(List.of(1, 2, 3));
        pool.close();
        assertClosed(pool);
        assertEquals(3, scripted.started(), "a task ran on a closed pool");
    }

    @Test
    void everyCallOnATerminatedPoolThrowsIllegalStateException() {
        Scripted scripted = Scripted.identity(board());
        var pool = ScriptedParallel.create(scripted, options());
        pool.run().map(List.of(1, 2, 3));
        pool.terminate();
        assertClosed(pool);
        pool.terminate();
        pool.close();
        assertEquals(3, scripted.started(), "a task ran on a terminated pool");
    }

    private static void assertClosed(ScriptedParallel pool) {
        List<Integer> inputs = List.of(4, 5);
        assertThrows(IllegalStateException.class, () -> pool.run().map(inputs));
        assertThrows(IllegalStateException.class, () -> pool.run().mapUnordered(inputs));
        assertThrows(IllegalStateException.class, () -> pool.run().forEach(inputs));
        assertThrows(IllegalStateException.class, () -> {
            try (Stream<Integer> s = pool.run().imap(inputs)) {
                s.forEach(x -> { });
            }
        });
        assertThrows(IllegalStateException.class, () -> pool.run(6));
        assertThrows(IllegalStateException.class, () -> pool.run().apply(6));
        assertThrows(IllegalStateException.class, () -> pool.runAsync(6));
        assertThrows(IllegalStateException.class, pool::stopAndJoin);
    }

    @Test
    void terminateFailsRunningCallsPromptlyAndRunsNoExit() throws Exception {
        Stateful stateful = Stateful.on(board()).blockingTasks("never");
        try (var pool = StatefulParallel.create(stateful, options())) {
            CompletableFuture<List<Integer>> call = inAnotherThread("caller",
                    () -> pool.count().chunkSize(1).map(range(100)));
            awaitUntil(() -> stateful.waiting() >= workers(), "every worker inside a task");
            CompletableFuture<Integer> async = pool.countAsync(1000); // queued behind them
            promptly(() -> {
                pool.terminate();
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> call.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS));
                assertInstanceOf(IllegalStateException.class, e.getCause());
                ExecutionException a = assertThrows(ExecutionException.class,
                        () -> async.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS));
                return assertInstanceOf(IllegalStateException.class, a.getCause());
            });
            assertEquals(0, stateful.exitsStarted(), "terminate() ran an exit");
            assertEquals(List.of(), pool.exitResults());
            assertThrows(IllegalStateException.class, () -> pool.count(1));
        } finally {
            board().mark("never");
        }
    }

    @Test
    void closingWhileACallRunsEndsThatCallWithoutHanging() throws Exception {
        Stateful stateful = Stateful.on(board()).blockingTasks("gate");
        var pool = StatefulParallel.create(stateful, options());
        try {
            CompletableFuture<List<Integer>> call = inAnotherThread("caller",
                    () -> pool.count().chunkSize(1).map(range(100)));
            awaitUntil(() -> stateful.waiting() >= workers(), "every worker inside a task");
            CompletableFuture<Void> closing = inAnotherThread("closer", () -> {
                pool.close();
                return null;
            });
            board().mark("gate");
            promptly(() -> closing.get()); // graceful: running tasks finish, exits run
            // The call either completed before the stop took hold or failed because of it.
            promptly(() -> {
                try {
                    assertEquals(100, call.get().size());
                } catch (ExecutionException e) {
                    assertInstanceOf(IllegalStateException.class, e.getCause());
                }
                return null;
            });
            assertEquals(stateful.inits().size(), stateful.exitsStarted(), "close() ran every exit");
        } finally {
            board().mark("gate");
            pool.terminate();
        }
    }

    @Test
    void stopAndJoinCalledFromATaskFailsInsteadOfHanging() throws Exception {
        threadsOnly("a task in a child JVM cannot reach the pool object of the parent");
        assertSelfStopEnds(pool -> pool.stopAndJoin(), true);
    }

    @Test
    void closeCalledFromATaskDoesNotHang() throws Exception {
        threadsOnly("a task in a child JVM cannot reach the pool object of the parent");
        assertSelfStopEnds(pool -> pool.close(), false);
    }

    /**
     * A task on one of the pool's workers stops the pool. A worker cannot wait for itself to stop,
     * so both the stop and the call must end promptly: the stop by returning or throwing
     * IllegalStateException, the call normally (where allowed) or with IllegalStateException,
     * directly or as the cause of a TaskFailedException; never in a deadlock.
     */
    private void assertSelfStopEnds(Consumer<LocalParallel> stop, boolean mustFail) throws InterruptedException {
        AtomicReference<LocalParallel> self = new AtomicReference<>();
        CountDownLatch stopEnded = new CountDownLatch(1);
        Local local = new Local((workerId, x) -> {
            if (x == 1) {
                try {
                    stop.accept(self.get());
                } finally {
                    stopEnded.countDown();
                }
            }
            return x;
        });
        var pool = LocalParallel.create(local, options());
        self.set(pool);
        try {
            promptly(() -> {
                try {
                    pool.run().chunkSize(1).map(range(4));
                    assertFalse(mustFail, "stopping the pool from its own worker must fail");
                } catch (TaskFailedException e) {
                    assertInstanceOf(IllegalStateException.class, e.getCause());
                } catch (IllegalStateException e) {
                    assertFalse(mustFail, "expected a TaskFailedException, got " + e);
                }
                return null;
            });
            assertTrue(stopEnded.await(PROMPTLY.toSeconds(), TimeUnit.SECONDS),
                    "the stop called on a worker never returned: the worker is waiting for itself");
        } finally {
            pool.terminate(); // frees a worker stuck waiting for itself, if any
        }
    }
}
