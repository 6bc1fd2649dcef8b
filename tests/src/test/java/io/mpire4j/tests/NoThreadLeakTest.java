package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.StartMethod;
import io.mpire4j.tests.fixtures.Scripted;
import io.mpire4j.tests.fixtures.ScriptedParallel;
import io.mpire4j.tests.fixtures.Seen;
import io.mpire4j.tests.fixtures.Stateful;
import io.mpire4j.tests.fixtures.StatefulParallel;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Workers are named {@code mpire4j-worker-<id>} (for child JVMs: the slot's thread in this JVM, one
 * child per slot), never run on the common pool, and no mpire4j thread or child process outlives
 * the pool. (Every test of the suite also checks the last point after it ends.)
 */
@EveryWorkerKind
class NoThreadLeakTest extends PoolContract {

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static void assertNothingLeft() {
        LiveThreads.assertNoneLeft(Duration.ofSeconds(5));
        LiveProcesses.assertNoneLeft(Duration.ofSeconds(5));
    }

    @Test
    void workersAreNamedAfterTheirIdAndAreOfTheRequestedKind() {
        Scripted scripted = Scripted.identity(board());
        try (var pool = ScriptedParallel.create(scripted, options())) {
            pool.run().chunkSize(1).map(range(200));
            Map<Integer, Long> pidOfWorker = new HashMap<>();
            for (int x = 0; x < 200; x++) {
                Seen seen = scripted.seen(x).orElseThrow();
                assertFalse(seen.commonPool(), "a task ran on ForkJoinPool.commonPool(): " + seen);
                if (processes()) {
                    // one child JVM per slot, the same for all the slot's tasks
                    assertFalse(seen.inThisJvm(), seen.toString());
                    assertEquals(seen.pid(), pidOfWorker.computeIfAbsent(seen.workerId(), id -> seen.pid()), seen.toString());
                } else {
                    assertEquals("mpire4j-worker-" + seen.workerId(), seen.thread());
                    assertEquals(kind == StartMethod.VIRTUAL_THREADS, seen.virtual(), seen + " is of the wrong kind");
                    assertTrue(seen.daemon(), seen + " would keep the JVM alive");
                }
            }
            if (processes()) {
                assertEquals(pidOfWorker.size(), Set.copyOf(pidOfWorker.values()).size(), "slots shared a JVM: " + pidOfWorker);
                Set<Long> children = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
                assertTrue(children.containsAll(pidOfWorker.values()), pidOfWorker + " are not all children of " + children);
            }
            pool.run(5);
            assertTrue(scripted.seen(5).orElseThrow().workerId() >= 0);
        }
    }

    @Test
    void theLeakCheckSeesLiveWorkersOfEveryKind() {
        // Guards the check itself: virtual threads are invisible to Thread.getAllStackTraces(), and
        // child JVMs are only seen as processes.
        try (var pool = ScriptedParallel.create(Scripted.identity(board()), options().orderTasks(true))) {
            pool.run().chunkSize(1).map(range(workers()));
            List<String> alive = LiveThreads.names();
            for (int id = 0; id < workers(); id++) {
                assertTrue(alive.contains("mpire4j-worker-" + id), "worker " + id + " not seen in " + alive);
            }
            assertEquals(processes() ? workers() : 0, LiveProcesses.descendants().size(),
                    "child processes: " + LiveProcesses.descendants());
        }
    }

    @Test
    void closeLeavesNoMpire4jThreadOrChildProcess() {
        var pool = ScriptedParallel.create(Scripted.identity(board()), options());
        pool.run().taskTimeout(Duration.ofSeconds(30)).map(range(100)); // a watchdog too
        pool.close();
        assertNothingLeft();
    }

    @Test
    void terminateLeavesNoMpire4jThreadOrChildProcess() {
        var pool = StatefulParallel.create(Stateful.on(board()), options().workerInitTimeout(Duration.ofSeconds(30)));
        pool.count().map(range(100));
        pool.terminate();
        assertNothingLeft();
    }

    @Test
    void terminateWhileTasksRunLeavesNothing() throws Exception {
        Scripted scripted = Scripted.identity(board()).waiting(0, Integer.MAX_VALUE, "never");
        var pool = ScriptedParallel.create(scripted, options());
        try {
            var call = inAnotherThread("caller", () -> pool.run().chunkSize(1).map(range(100)));
            awaitUntil(() -> scripted.started() >= workers(), "every worker busy");
            pool.terminate();
            assertTrue(promptly(() -> call.handle((r, e) -> e != null).get(PROMPTLY.toSeconds(), TimeUnit.SECONDS)),
                    "the call survived terminate()");
            if (processes()) {
                // child JVMs are killed at once: nothing needs to release them
                assertNothingLeft();
            }
        } finally {
            board().mark("never");
        }
        assertNothingLeft();
    }

    @Test
    void stopAndJoinStopsEveryWorkerButKeepsThePoolOpen() {
        try (var pool = StatefulParallel.create(Stateful.on(board()), options())) {
            pool.count().map(range(100));
            pool.stopAndJoin();
            assertNothingLeft();
            assertEquals(100, pool.count().map(range(100)).size());
        }
    }

    @Test
    void withoutKeepAliveNoWorkerOutlivesItsCall() throws Exception {
        try (var pool = ScriptedParallel.create(Scripted.identity(board()), options().keepAlive(false))) {
            pool.run().map(range(100));
            assertNothingLeft();
            pool.run().taskTimeout(Duration.ofSeconds(30)).map(range(100)); // with a watchdog
            assertNothingLeft();
            pool.run(3);
            assertNothingLeft();
            assertEquals(4, pool.runAsync(4).get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertNothingLeft();
        }
    }
}
