package io.mpire4j.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.PoolOptions;
import io.mpire4j.TaskFailedException;
import io.mpire4j.TaskTimeoutException;
import io.mpire4j.hazelcast.fixtures.Placed;
import io.mpire4j.hazelcast.fixtures.PlacedParallel;
import io.mpire4j.tests.fixtures.Board;
import io.mpire4j.spi.PoolContext;
import io.mpire4j.spi.WorkerKind;
import io.mpire4j.spi.Workers;
import io.mpire4j.tests.fixtures.NumbersParallel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The cluster kind on two member JVMs: the calls, state, exits, failures and timeouts of every kind. */
@ExtendWith(TestCluster.Extension.class)
class ClusterKindTest {
    @TempDir
    Path tempDir;

    private static TestCluster cluster() {
        return TestCluster.Extension.current;
    }

    private static PoolOptions onCluster(int workers) {
        return PoolOptions.defaults().workers(workers).workerKind(cluster().kind);
    }

    @AfterEach
    void noSlotIsLeftOnTheMembers() {
        TestCluster.awaitUntil(() -> cluster().busy() == 0, Duration.ofSeconds(10),
                () -> "no busy slot on the members, registry: " + cluster().registry());
    }

    @Test
    void mapsImapsAppliesAndForEachesOnMembers() {
        try (NumbersParallel pool = NumbersParallel.create(onCluster(2))) {
            List<Integer> input = IntStream.range(0, 500).boxed().toList();
            assertEquals(input.stream().map(x -> x * x).toList(), pool.square().chunkSize(7).map(input));
            assertEquals(input.stream().map(x -> x * x).collect(Collectors.toSet()),
                    Set.copyOf(pool.square().mapUnordered(input)));
            try (Stream<Integer> lazy = pool.square().imap(Stream.iterate(0, i -> i + 1))) {
                assertEquals(List.of(0, 1, 4, 9), lazy.limit(4).toList());
            }
            pool.square().forEach(input);
            assertEquals(1024L, pool.power(2L, 10));
            assertEquals(49, pool.squareAsync(7).join());
        }
    }

    @Test
    void slotsAreSpreadOverTheMembersWithStateInitAndExitThere() {
        Placed placed = new Placed(Board.in(tempDir), 0);
        try (var pool = PlacedParallel.create(placed, onCluster(2).enableInsights(true))) {
            List<Placed.Result> results = pool.run().chunkSize(1).map(IntStream.range(0, 40).boxed().toList());
            assertEquals(IntStream.range(0, 40).map(x -> x * x).boxed().toList(),
                    results.stream().map(Placed.Result::square).toList());
            long here = ProcessHandle.current().pid();
            assertTrue(results.stream().noneMatch(r -> r.pid() == here), "a task ran in the caller's JVM");
            assertEquals(40, pool.insights().tasksCompleted());
            // insights name each worker's member: one slot on each of the two
            List<String> locations = pool.insights().workers().stream().map(w -> w.location()).toList();
            assertEquals(2, locations.stream().distinct().count(), locations.toString());
            assertTrue(locations.stream().allMatch(l -> l.matches("member 127\\.0\\.0\\.1:\\d+")), locations.toString());
            assertTrue(pool.insights().toString().contains("worker 0: member 127.0.0.1:"), pool.insights().toString());
            pool.stopAndJoin();
            List<Placed.Exit> exits = pool.exitResults();
            // one slot per member: two JVMs, each exit on the JVM that ran its worker's tasks
            assertEquals(2, exits.size(), exits.toString());
            assertEquals(2, exits.stream().map(Placed.Exit::pid).distinct().count(), exits.toString());
            assertEquals(Set.of(0, 1), exits.stream().map(Placed.Exit::workerId).collect(Collectors.toSet()));
            assertEquals(40, exits.stream().mapToInt(Placed.Exit::tasks).sum());
        }
    }

    @Test
    void aTaskFailureNamesItsArgumentsAndThePoolGoesOn() {
        try (NumbersParallel pool = NumbersParallel.create(onCluster(2))) {
            TaskFailedException e = assertThrows(TaskFailedException.class,
                    () -> pool.power().map(List.of(new NumbersParallel.PowerArgs(2, 1),
                            new NumbersParallel.PowerArgs(3, -4))));
            assertEquals(List.of(3L, -4), e.arguments());
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertTrue(e.getMessage().contains("exponent = -4"), e.getMessage());
            assertEquals(List.of(4), pool.square().map(List.of(2)));
        }
    }

    @Test
    void aMemberOfAnotherVersionGetsNoSlot() {
        // the caller (a lite member) poses as a member that serves 8 free slots of another version:
        // free slots first would put every worker there, and nobody would answer them
        var registry = cluster().caller.<String, String>getMap(Protocol.REGISTRY);
        String self = cluster().caller.getCluster().getLocalMember().getUuid().toString();
        registry.set(self, "1|0.0.1-other|8|0|127.0.0.1:1");
        try (NumbersParallel pool = NumbersParallel.create(onCluster(2))) {
            assertEquals(List.of(1, 4, 9), assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> pool.square().chunkSize(1).map(List.of(1, 2, 3))));
        } finally {
            registry.delete(self);
        }
    }

    @Test
    void aProgramMissingOnTheMembersFailsTheCallNamingItAndTheMember() {
        // the members lack the program this pool asks for, as when the caller's jar is newer
        WorkerKind missing = new ProgramRenamed(cluster().kind, "com.example.AbsentParallel");
        try (NumbersParallel pool = NumbersParallel.create(PoolOptions.defaults().workers(2).workerKind(missing))) {
            RuntimeException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> assertThrows(RuntimeException.class, () -> pool.square().map(List.of(1, 2, 3))));
            String text = messages(e);
            assertTrue(text.contains("com.example.AbsentParallel"), text);
            assertTrue(text.contains("on member 127.0.0.1:"), text);
        }
    }

    /** The messages of {@code t} and its causes. */
    private static String messages(Throwable t) {
        StringBuilder text = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            text.append(c).append('\n');
        }
        return text.toString();
    }

    /** A kind that asks the members for another program than the pool's. */
    private record ProgramRenamed(WorkerKind kind, String program) implements WorkerKind {
        @Override
        public String name() {
            return kind.name();
        }

        @Override
        public Workers start(PoolContext pool) {
            return kind.start(new PoolContext() {
                @Override
                public int workers() {
                    return pool.workers();
                }

                @Override
                public String className() {
                    return pool.className();
                }

                @Override
                public String programName() {
                    return program;
                }

                @Override
                public byte[] encodedReceiver() {
                    return pool.encodedReceiver();
                }

                @Override
                public List<String> jvmOptions() {
                    return pool.jvmOptions();
                }

                @Override
                public Set<Integer> cpus(int id) {
                    return pool.cpus(id);
                }

                @Override
                public String taskset() {
                    return pool.taskset();
                }

                @Override
                public boolean insights() {
                    return pool.insights();
                }
            });
        }
    }

    @Test
    void aTimeoutInterruptsTheTaskOnItsMemberAndTheSlotIsReplaced() {
        try (NumbersParallel pool = NumbersParallel.create(onCluster(1))) {
            TaskTimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                    TaskTimeoutException.class, () -> pool.power().taskTimeout(Duration.ofMillis(200))
                            .map(List.of(new NumbersParallel.PowerArgs(3, Integer.MAX_VALUE)))));
            assertTrue(e.getMessage().contains("timed out"), e.getMessage());
            assertEquals(List.of(9), pool.square().map(List.of(3)));
        }
    }
}
