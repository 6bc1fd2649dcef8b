package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.StartMethod;
import io.mpire4j.tests.fixtures.Scripted;
import io.mpire4j.tests.fixtures.ScriptedParallel;
import io.mpire4j.tests.fixtures.Stateful;
import io.mpire4j.tests.fixtures.StatefulParallel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Workers are named {@code mpire4j-worker-<id>}, never run on the common pool, and no mpire4j
 * thread outlives the pool. (Every test of the suite also checks the last point after it ends.)
 */
@EveryWorkerKind
class NoThreadLeakTest extends PoolContract {

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static void assertNoMpire4jThread() {
        LiveThreads.assertNoneLeft(Duration.ofSeconds(5));
    }

    @Test
    void workersAreNamedAfterTheirIdAndAreOfTheRequestedKind() {
        Scripted scripted = new Scripted((workerId, x) -> {
            Thread me = Thread.currentThread();
            boolean commonPool = me instanceof ForkJoinWorkerThread w && w.getPool() == ForkJoinPool.commonPool();
            return commonPool ? -1 : workerId;
        });
        try (var pool = ScriptedParallel.create(scripted, options())) {
            List<Integer> workers = pool.run().chunkSize(1).map(range(200));
            assertFalse(workers.contains(-1), "a task ran on ForkJoinPool.commonPool()");
            for (int x = 0; x < 200; x++) {
                Thread thread = scripted.threadByInput.get(x);
                assertEquals("mpire4j-worker-" + scripted.workerByInput.get(x), thread.getName());
                assertEquals(kind == StartMethod.VIRTUAL_THREADS, thread.isVirtual(), thread + " is of the wrong kind");
                assertTrue(thread.isDaemon(), thread + " would keep the JVM alive");
            }
            pool.run(5);
            assertTrue(scripted.threadByInput.get(5).getName().startsWith("mpire4j-worker-"));
        }
    }

    @Test
    void theLeakCheckSeesLiveWorkersOfEveryKind() {
        // Guards the check itself: virtual threads are invisible to Thread.getAllStackTraces().
        try (var pool = ScriptedParallel.create(Scripted.identity(), options().orderTasks(true))) {
            pool.run().chunkSize(1).map(range(WORKERS));
            List<String> alive = LiveThreads.names();
            for (int id = 0; id < WORKERS; id++) {
                assertTrue(alive.contains("mpire4j-worker-" + id), "worker " + id + " not seen in " + alive);
            }
        }
    }

    @Test
    void closeLeavesNoMpire4jThread() {
        var pool = ScriptedParallel.create(Scripted.identity(), options());
        pool.run().taskTimeout(Duration.ofSeconds(30)).map(range(100)); // a watchdog too
        pool.close();
        assertNoMpire4jThread();
    }

    @Test
    void terminateLeavesNoMpire4jThread() {
        var pool = StatefulParallel.create(new Stateful(), options().workerInitTimeout(Duration.ofSeconds(30)));
        pool.count().map(range(100));
        pool.terminate();
        assertNoMpire4jThread();
    }

    @Test
    void stopAndJoinStopsEveryWorkerButKeepsThePoolOpen() {
        try (var pool = StatefulParallel.create(new Stateful(), options())) {
            pool.count().map(range(100));
            pool.stopAndJoin();
            assertNoMpire4jThread();
            assertEquals(100, pool.count().map(range(100)).size());
        }
    }

    @Test
    void withoutKeepAliveNoWorkerOutlivesItsCall() throws Exception {
        try (var pool = ScriptedParallel.create(Scripted.identity(), options().keepAlive(false))) {
            pool.run().map(range(100));
            assertNoMpire4jThread();
            pool.run().taskTimeout(Duration.ofSeconds(30)).map(range(100)); // with a watchdog
            assertNoMpire4jThread();
            pool.run(3);
            assertNoMpire4jThread();
            assertEquals(4, pool.runAsync(4).get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertNoMpire4jThread();
        }
    }
}
