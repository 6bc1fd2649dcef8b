package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.PoolOptions;
import io.mpire4j.TaskFailedException;
import io.mpire4j.TaskTimeoutException;
import io.mpire4j.tests.fixtures.NumbersParallel;
import io.mpire4j.tests.fixtures.Stateful;
import io.mpire4j.tests.fixtures.StatefulParallel;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker-kind SPI works from outside the runtime: {@link LoopbackKind}, written in this module
 * against {@code io.mpire4j.spi} and the public glue only, runs the generated pools with the same
 * results, state, exits, failures and timeouts as the built-in kinds.
 */
class ForeignWorkerKindTest {
    @TempDir
    java.nio.file.Path tempDir;

    private static PoolOptions loopback(int workers) {
        return PoolOptions.defaults().workers(workers).workerKind(new LoopbackKind());
    }

    @AfterEach
    void nothingIsLeft() {
        LiveThreads.assertNoneLeft(Duration.ofSeconds(5));
    }

    @Test
    void mapsImapsAndAppliesThroughFramesAndCodecs() {
        try (NumbersParallel pool = NumbersParallel.create(loopback(3))) {
            List<Integer> input = IntStream.range(0, 500).boxed().toList();
            assertEquals(input.stream().map(x -> x * x).toList(), pool.square().chunkSize(7).map(input));
            try (Stream<Integer> lazy = pool.square().imap(Stream.iterate(0, i -> i + 1))) {
                assertEquals(List.of(0, 1, 4, 9), lazy.limit(4).toList());
            }
            assertEquals(1024L, pool.power(2L, 10));
            assertEquals(49, pool.squareAsync(7).join());
        }
    }

    @Test
    void aTaskFailureNamesItsArgumentsAndThePoolGoesOn() {
        try (NumbersParallel pool = NumbersParallel.create(loopback(2))) {
            TaskFailedException e = assertThrows(TaskFailedException.class,
                    () -> pool.power().map(List.of(new NumbersParallel.PowerArgs(2, 1),
                            new NumbersParallel.PowerArgs(3, -4))));
            assertEquals(List.of(3L, -4), e.arguments());
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertEquals(List.of(4), pool.square().map(List.of(2)));
        }
    }

    @Test
    void stateInitAndExitLiveOnTheRemoteSide() {
        Stateful stateful = Stateful.on(io.mpire4j.tests.fixtures.Board.in(tempDir));
        try (var pool = StatefulParallel.create(stateful, loopback(2))) {
            List<Integer> counts = pool.count().chunkSize(1).map(IntStream.range(0, 40).boxed().toList());
            assertEquals(40, counts.size());
            pool.stopAndJoin();
            List<Stateful.Exit> exits = pool.exitResults();
            // every worker that ran tasks exits with the state its init made, on its own side
            assertTrue(!exits.isEmpty() && exits.size() <= 2, exits.toString());
            assertTrue(exits.stream().allMatch(Stateful.Exit::sameWorker), exits.toString());
            assertEquals(40, exits.stream().mapToInt(Stateful.Exit::tasks).sum());
        }
    }

    @Test
    void aTimeoutKillsTheWorkerAndASpareTakesItsSlot() {
        try (NumbersParallel pool = NumbersParallel.create(loopback(1))) {
            // 300 million multiplications take a while; a limit of 1 ns expires at the watchdog's first look
            TaskTimeoutException e = assertThrows(TaskTimeoutException.class,
                    () -> pool.power().taskTimeout(Duration.ofNanos(1))
                            .map(List.of(new NumbersParallel.PowerArgs(3, 300_000_000))));
            assertTrue(e.getMessage().contains("timed out"), e.getMessage());
            assertEquals(List.of(9), pool.square().map(List.of(3)));
        }
    }

    @Test
    void theKindIsNamedInListenersAndChecksItsPoolAtCreate() {
        assertEquals("loopback", new LoopbackKind().name());
        assertTrue(loopback(1).toString().contains("workerKind=loopback"), loopback(1).toString());
        try (NumbersParallel pool = NumbersParallel.create(loopback(1))) {
            assertEquals(List.of(1), pool.square().map(List.of(1)));
        }
    }
}
