package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.tests.fixtures.Seen;
import io.mpire4j.tests.fixtures.Stateful;
import io.mpire4j.tests.fixtures.StatefulParallel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * @WorkerInit runs on the worker's own thread (in its own JVM, for processes) before its first
 * task, its result is that worker's state for every task and for the exit, and @WorkerId is the
 * slot's id.
 */
@EveryWorkerKind
class StateTest extends PoolContract {

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void eachWorkerGetsItsOwnStateOnItsOwnThread() {
        Stateful stateful = Stateful.on(board());
        try (var pool = StatefulParallel.create(stateful, options())) {
            List<Integer> counts = pool.count().chunkSize(1).map(range(200));
            assertEquals(200, counts.size());
            assertEquals(0, stateful.misplacedTasks(), "a task saw another worker's state or ran off its thread");
            pool.stopAndJoin();
            List<Stateful.Exit> exits = pool.exitResults();
            assertTrue(exits.stream().allMatch(Stateful.Exit::sameWorker), "an exit got a foreign state: " + exits);
            assertEquals(200, exits.stream().mapToInt(Stateful.Exit::tasks).sum());
            // every worker started for the call, so every worker exits, and each exit saw exactly the tasks its worker ran
            assertEquals(range(workers()), exits.stream().map(Stateful.Exit::workerId).sorted().toList());
            assertEquals(stateful.tasksByWorker(), exits.stream().filter(e -> e.tasks() > 0)
                    .collect(Collectors.toMap(Stateful.Exit::workerId, Stateful.Exit::tasks)));
        }
    }

    @Test
    void initRunsOnTheWorkersThreadWithItsId() {
        Stateful stateful = Stateful.on(board());
        try (var pool = StatefulParallel.create(stateful, options().orderTasks(true))) {
            pool.count().chunkSize(1).map(range(4 * workers()));
            // orderTasks gave every worker tasks, so every worker ran init exactly once
            List<Seen> inits = stateful.initsSeen();
            assertEquals(range(workers()), inits.stream().map(Seen::workerId).sorted().toList());
            if (processes()) {
                // each worker's init ran in its own child JVM
                Set<Long> children = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
                assertTrue(inits.stream().allMatch(s -> children.contains(s.pid())), "not in child JVMs: " + inits);
                assertEquals(workers(), inits.stream().map(Seen::pid).distinct().count(), "inits: " + inits);
            } else {
                assertEquals(range(workers()).stream().map(id -> "mpire4j-worker-" + id).sorted().toList(),
                        inits.stream().map(Seen::thread).sorted().toList());
            }
        }
    }

    @Test
    void stateLivesAcrossCallsWhileWorkersAreKeptAlive() {
        Stateful stateful = Stateful.on(board());
        try (var pool = StatefulParallel.create(stateful, options().orderTasks(true))) {
            List<Integer> first = pool.count().chunkSize(1).map(range(4 * workers()));
            List<Integer> second = pool.count().chunkSize(1).map(range(4 * workers()));
            // round-robin: each worker counted 4 tasks in the first call and continues at 5 in the second
            assertEquals(4, first.stream().mapToInt(Integer::intValue).max().orElseThrow());
            assertEquals(8, second.stream().mapToInt(Integer::intValue).max().orElseThrow());
            assertEquals(workers(), stateful.inits().size());
        }
    }

    @Test
    void exitResultsWhileWorkersAreKeptAliveSaysToStopThemFirst() {
        Stateful stateful = Stateful.on(board());
        try (var pool = StatefulParallel.create(stateful, options())) {
            assertEquals(List.of(), pool.exitResults(), "no workers started yet: nothing to wait for");
            pool.count().map(range(20));
            IllegalStateException e = assertThrows(IllegalStateException.class, pool::exitResults);
            assertTrue(e.getMessage().contains("call stopAndJoin() (or close()) first"), e.getMessage());
            assertTrue(e.getMessage().contains("Stateful.finish"), e.getMessage());
            pool.stopAndJoin();
            assertEquals(20, pool.exitResults().stream().mapToInt(Stateful.Exit::tasks).sum());
        }
    }

    @Test
    void workerIdsRunFromZeroToWorkersMinusOne() {
        Stateful stateful = Stateful.on(board());
        try (var pool = StatefulParallel.create(stateful, options())) {
            pool.count().chunkSize(1).map(range(500));
            Map<Integer, Integer> byWorker = stateful.tasksByWorker();
            assertTrue(byWorker.keySet().stream().allMatch(id -> id >= 0 && id < workers()), "worker ids: " + byWorker);
            assertEquals(500, byWorker.values().stream().mapToInt(Integer::intValue).sum());
        }
    }

    @Test
    void aSingleWorkerRunsEverythingOnOneState() {
        Stateful stateful = Stateful.on(board());
        try (var pool = StatefulParallel.create(stateful, options().workers(1))) {
            assertEquals(IntStream.rangeClosed(1, 50).boxed().toList(), pool.count().map(range(50)));
            pool.stopAndJoin();
            assertEquals(List.of(new Stateful.Exit(0, 1, 50, true)), pool.exitResults());
        }
    }
}
