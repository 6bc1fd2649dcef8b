package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.WorkerExitException;
import io.mpire4j.tests.fixtures.Stateful;
import io.mpire4j.tests.fixtures.StatefulParallel;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * workerLifespan(n): a worker is restarted (exit, then fresh state in the same slot) before it would
 * run more than n tasks; chunks are capped at n; every exit is kept.
 */
@EveryWorkerKind
class LifespanTest extends PoolContract {

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private void assertLifespan(Stateful stateful, List<Stateful.Exit> exits, int tasks, int lifespan) {
        assertEquals(tasks, exits.stream().mapToInt(Stateful.Exit::tasks).sum(), "exits: " + exits);
        assertTrue(exits.stream().allMatch(e -> e.tasks() <= lifespan), "a worker outlived its lifespan: " + exits);
        assertTrue(exits.size() >= (tasks + lifespan - 1) / lifespan, "too few restarts: " + exits);
        assertEquals(stateful.inits().size(), exits.size(), "one exit per init");
        assertEquals(exits.size(), exits.stream().map(Stateful.Exit::serial).distinct().count(),
                "a restarted worker reused a state: " + exits);
        assertTrue(exits.stream().allMatch(e -> e.workerId() >= 0 && e.workerId() < workers() && e.sameWorker()),
                "restarts must keep the slot's id: " + exits);
    }

    @Test
    void aWorkerIsRestartedBeforeItExceedsItsLifespan() {
        Stateful stateful = Stateful.on(board());
        try (var pool = StatefulParallel.create(stateful, options())) {
            List<Integer> counts = pool.count().workerLifespan(5).map(range(100));
            assertTrue(counts.stream().allMatch(c -> c <= 5), "a state counted more than 5 tasks: " + counts);
            assertEquals(0, stateful.misplacedTasks());
            pool.stopAndJoin();
            assertLifespan(stateful, pool.exitResults(), 100, 5);
        }
    }

    @Test
    void chunksAreCappedAtTheLifespan() {
        Stateful stateful = Stateful.on(board());
        try (var pool = StatefulParallel.create(stateful, options().orderTasks(true))) {
            // chunkSize 10 would exceed the lifespan; chunks of 3 are used instead (and no IAE).
            List<Integer> counts = pool.count().chunkSize(10).workerLifespan(3).map(range(48));
            assertTrue(counts.stream().allMatch(c -> c <= 3), "counts: " + counts);
            // 16 chunks of 3, round-robin over the workers: 48 / workers tasks each, one fresh state per chunk
            for (int id = 0; id < workers(); id++) {
                assertEquals(48 / workers(), stateful.tasksByWorker().get(id), "tasks of worker " + id);
            }
            pool.stopAndJoin();
            assertLifespan(stateful, pool.exitResults(), 48, 3);
            assertTrue(pool.exitResults().stream().allMatch(e -> e.tasks() == 3), "exits: " + pool.exitResults());
        }
    }

    @Test
    void lifespanExitsAccumulateAcrossCallsUntilWorkersStop() {
        Stateful stateful = Stateful.on(board());
        try (var pool = StatefulParallel.create(stateful, options())) {
            pool.count().workerLifespan(4).chunkSize(1).map(range(30));
            pool.count().workerLifespan(4).chunkSize(1).map(range(30));
            // the lifespan exits of both calls are kept, and handed out once the workers stop
            pool.stopAndJoin();
            assertLifespan(stateful, pool.exitResults(), 60, 4);
        }
    }

    @Test
    void lifespanWithoutKeepAliveReportsEveryExitOfTheCall() {
        Stateful stateful = Stateful.on(board());
        try (var pool = StatefulParallel.create(stateful, options().keepAlive(false))) {
            pool.count().workerLifespan(2).chunkSize(1).map(range(21));
            assertLifespan(stateful, pool.exitResults(), 21, 2);
        }
    }

    @Test
    void anExitStuckPastItsTimeoutDuringARestartLosesNoChunk() throws Exception {
        // The first exit (a lifespan restart) blocks past workerExitTimeout, ignoring interrupts, so
        // the worker is abandoned (threads) or killed (processes), not just interrupted: the watchdog
        // must give the chunk the restarting worker carried to a replacement, and the call must
        // still finish.
        Stateful stateful = Stateful.on(board()).firstExitStuck("release");
        var options = options().workers(1).workerExitTimeout(Duration.ofMillis(100));
        var pool = StatefulParallel.create(stateful, options);
        try {
            List<Integer> counts = assertTimeoutPreemptively(
                    Duration.ofSeconds(10), () -> pool.count().chunkSize(2).workerLifespan(3).map(range(8)));
            // chunks of 2 under a lifespan of 3: the second chunk of each worker would exceed it, so the
            // worker restarts before it, carrying that chunk to its successor
            assertEquals(8, counts.size());
            assertTrue(counts.stream().allMatch(c -> c >= 1 && c <= 2), "counts: " + counts);
        } finally {
            board().mark("release");
            WorkerExitException stuck = assertThrows(WorkerExitException.class, pool::close);
            assertTrue(stuck.getMessage().contains("did not finish within 100 ms"), stuck.getMessage());
        }
    }
}
