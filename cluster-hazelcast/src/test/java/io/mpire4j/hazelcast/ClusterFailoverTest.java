package io.mpire4j.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.mpire4j.PoolOptions;
import io.mpire4j.WorkerDiedException;
import io.mpire4j.hazelcast.fixtures.Placed;
import io.mpire4j.hazelcast.fixtures.PlacedParallel;
import io.mpire4j.tests.fixtures.Board;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members and callers that come and go mid-call: a member killed with SIGKILL loses no task, a
 * member that joins waits for the next generation, a client caller that dies leaves no slot behind.
 */
@ExtendWith(TestCluster.Extension.class)
class ClusterFailoverTest {
    private static final int TASKS = 120;

    @TempDir
    Path tempDir;

    private static TestCluster cluster() {
        return TestCluster.Extension.current;
    }

    @AfterEach
    void noSlotIsLeftOnTheMembers() {
        TestCluster.awaitUntil(() -> cluster().busy() == 0, Duration.ofSeconds(15),
                () -> "no busy slot on the members, registry: " + cluster().registry());
    }

    private static <T> CompletableFuture<T> inAnotherThread(java.util.concurrent.Callable<T> body) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Thread.ofPlatform().daemon(true).name("test-caller").start(() -> {
            try {
                future.complete(body.call());
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        });
        return future;
    }

    @Test
    void aMemberKilledMidMapLosesNothingAndEveryResultArrivesOnce() throws Exception {
        aMemberThatGoesMidMapLosesNothing(TestCluster::kill9);
    }

    @Test
    void aMemberStoppedMidMapLosesNothingAndEveryResultArrivesOnce() throws Exception {
        // SIGTERM: the Member command ends its slots, then leaves the cluster
        aMemberThatGoesMidMapLosesNothing(TestCluster::stop);
    }

    private interface Ending {
        void end(ProcessHandle member) throws InterruptedException;
    }

    private void aMemberThatGoesMidMapLosesNothing(Ending ending) throws Exception {
        Board board = Board.in(tempDir);
        ProcessHandle victim = cluster().start(cluster().spare(0));
        try {
            cluster().awaitServing(TestCluster.MEMBERS + 1);
            Placed placed = new Placed(board, 5, "go");
            try (var pool = PlacedParallel.create(placed, PoolOptions.defaults().workers(3)
                    .workerKind(cluster().kind))) {
                List<Integer> input = IntStream.range(0, TASKS).boxed().toList();
                CompletableFuture<List<Placed.Result>> call = inAnotherThread(
                        () -> pool.run().chunkSize(2).mapUnordered(input));
                // every member holds a chunk before the victim dies
                TestCluster.awaitUntil(() -> board.count("init-") == 3, Duration.ofSeconds(30), () -> "3 inits");
                assertTrue(board.count("init-" + victim.pid() + "-") == 1, "the victim has no slot: "
                        + board.names("init-"));
                board.mark("go");
                TestCluster.awaitUntil(() -> board.count("ran-" + victim.pid() + "-") > 0, Duration.ofSeconds(30),
                        () -> "a task on the victim");
                ending.end(victim);
                List<Placed.Result> results = call.get(60, TimeUnit.SECONDS);
                // every task's result exactly once, none from a JVM other than the members
                assertEquals(TASKS, results.size(), "results: " + results.size());
                assertEquals(IntStream.range(0, TASKS).map(x -> x * x).boxed().collect(Collectors.toSet()),
                        results.stream().map(Placed.Result::square).collect(Collectors.toSet()));
                Set<Long> pids = new HashSet<>();
                results.forEach(r -> pids.add(r.pid()));
                assertFalse(pids.contains(ProcessHandle.current().pid()));
                // the pool goes on with the survivors
                assertEquals(4, pool.run().map(List.of(2)).getFirst().square());
            }
        } finally {
            TestCluster.kill9(victim);
            cluster().awaitServing(TestCluster.MEMBERS);
        }
    }

    @Test
    void aMemberThatJoinsMidCallGetsSlotsOnlyInTheNextGeneration() throws Exception {
        Board board = Board.in(tempDir);
        Placed placed = new Placed(board, 0, "go");
        ProcessHandle late = null;
        try (var pool = PlacedParallel.create(placed, PoolOptions.defaults().workers(3)
                .workerKind(cluster().kind))) {
            List<Integer> input = IntStream.range(0, 30).boxed().toList();
            CompletableFuture<List<Placed.Result>> call = inAnotherThread(() -> pool.run().chunkSize(1).map(input));
            TestCluster.awaitUntil(() -> board.count("ran-") > 0, Duration.ofSeconds(30), () -> "a running task");
            late = cluster().start(cluster().spare(1));
            cluster().awaitServing(TestCluster.MEMBERS + 1);
            board.mark("go");
            long latePid = late.pid();
            List<Placed.Result> first = call.get(60, TimeUnit.SECONDS);
            assertTrue(first.stream().noneMatch(r -> r.pid() == latePid), "the late member ran a task of the "
                    + "generation that started before it joined");
            pool.stopAndJoin();
            // the next generation places one slot on each of the three members (free slots first); its
            // tasks wait at the gate until the late member's slot started, which takes a cold JVM a while
            board.remove("go");
            CompletableFuture<List<Placed.Result>> next = inAnotherThread(() -> pool.run().chunkSize(1).map(input));
            TestCluster.awaitUntil(() -> board.count("init-" + latePid + "-") == 1, Duration.ofSeconds(30),
                    () -> "a slot on the late member " + latePid + ": " + board.names("init-"));
            board.mark("go");
            List<Placed.Result> second = next.get(60, TimeUnit.SECONDS);
            assertEquals(first.stream().map(Placed.Result::square).toList(),
                    second.stream().map(Placed.Result::square).toList());
        } finally {
            if (late != null) {
                TestCluster.stop(late);
            }
            cluster().awaitServing(TestCluster.MEMBERS);
        }
    }

    @Test
    void aClientCallerRunsPoolsAndItsDeathLeavesNoSlotBehind() throws Exception {
        Board board = Board.in(tempDir);
        HazelcastInstance client = cluster().client();
        try {
            var pool = PlacedParallel.create(new Placed(board, 0, "never"),
                    PoolOptions.defaults().workers(2).workerKind(HazelcastWorkers.on(client)));
            List<Placed.Result> warm;
            try (var first = PlacedParallel.create(new Placed(board, 0),
                    PoolOptions.defaults().workers(2).workerKind(HazelcastWorkers.on(client)))) {
                warm = first.run().map(IntStream.range(0, 10).boxed().toList());
            }
            assertEquals(IntStream.range(0, 10).map(x -> x * x).boxed().toList(),
                    warm.stream().map(Placed.Result::square).toList());
            CompletableFuture<List<Placed.Result>> stuck = inAnotherThread(() -> pool.run().map(List.of(100, 101)));
            TestCluster.awaitUntil(() -> board.count("ran-") >= 12, Duration.ofSeconds(30), () -> "the stuck tasks");
            assertTrue(cluster().busy() >= 2, "slots in use: " + cluster().registry());
            client.getLifecycleService().terminate(); // the caller dies without a word
            TestCluster.awaitUntil(() -> cluster().busy() == 0, Duration.ofSeconds(20),
                    () -> "the members end the dead caller's slots: " + cluster().registry());
            assertThrows(Exception.class, () -> stuck.get(30, TimeUnit.SECONDS));
            pool.terminate();
        } finally {
            client.getLifecycleService().terminate();
        }
    }

    @Test
    void aMemberCallerThatDiesLeavesNoSlotBehind() throws Exception {
        Board board = Board.in(tempDir);
        HazelcastInstance caller = cluster().liteMember();
        try {
            var pool = PlacedParallel.create(new Placed(board, 0, "never"),
                    PoolOptions.defaults().workers(2).workerKind(HazelcastWorkers.on(caller)));
            CompletableFuture<List<Placed.Result>> stuck = inAnotherThread(() -> pool.run().map(List.of(200, 201)));
            TestCluster.awaitUntil(() -> board.count("ran-") == 2, Duration.ofSeconds(30), () -> "the stuck tasks");
            caller.getLifecycleService().terminate(); // the calling member dies without a word
            TestCluster.awaitUntil(() -> cluster().busy() == 0, Duration.ofSeconds(30),
                    () -> "the members end the dead caller's slots: " + cluster().registry());
            assertThrows(Exception.class, () -> stuck.get(30, TimeUnit.SECONDS));
            pool.terminate();
        } finally {
            caller.getLifecycleService().terminate();
        }
    }

    @Test
    void whenNoMemberIsLeftTheCallFailsNamingTheMember() throws Exception {
        try (TestCluster lone = TestCluster.alone(tempDir.resolve("lone"))) {
            Board board = Board.in(tempDir);
            ProcessHandle member = lone.member(0);
            try (var pool = PlacedParallel.create(new Placed(board, 0, "never"),
                    PoolOptions.defaults().workers(1).workerKind(lone.kind))) {
                CompletableFuture<List<Placed.Result>> call = inAnotherThread(() -> pool.run().map(List.of(1)));
                TestCluster.awaitUntil(() -> board.count("ran-") > 0, Duration.ofSeconds(30), () -> "a running task");
                TestCluster.kill9(member);
                Exception e = assertThrows(Exception.class, () -> call.get(60, TimeUnit.SECONDS));
                WorkerDiedException died = assertInstanceOfCause(e);
                assertTrue(died.getMessage().contains("member 127.0.0.1:"), died.getMessage());
                assertTrue(died.getMessage().contains("left the cluster"), died.getMessage());
                assertEquals(List.of(1), died.arguments());
                // and a new call finds nobody serving, at once (the generation that lost its member may
                // still be reporting that its replacement could not start: either says no member is left)
                IllegalStateException none = assertTimeoutPreemptively(Duration.ofSeconds(20),
                        () -> assertThrows(IllegalStateException.class, () -> pool.run().map(List.of(2))));
                assertTrue(none.getMessage().contains("no member"), none.getMessage());
            }
        }
    }

    private static WorkerDiedException assertInstanceOfCause(Exception e) {
        Throwable t = e;
        while (t != null && !(t instanceof WorkerDiedException)) {
            t = t.getCause();
        }
        if (t == null) {
            throw new AssertionError("not a WorkerDiedException", e);
        }
        return (WorkerDiedException) t;
    }
}
