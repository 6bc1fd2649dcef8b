package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.FileRanges;
import io.mpire4j.TaskFailedException;
import io.mpire4j.tests.fixtures.NumbersParallel;
import io.mpire4j.tests.fixtures.Stations;
import io.mpire4j.tests.fixtures.StationsParallel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A call can fold its results into one (reduce, collect) on the calling thread: per-call
 * aggregation on kept-alive workers, over line-aligned ranges of a file on every worker kind.
 */
@EveryWorkerKind
class ReduceTest extends PoolContract {

    private Path stations(int lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append("s").append(i % 7).append(';').append(i).append('\n');
        }
        return Files.writeString(tempDir.resolve("stations-" + lines + ".txt"), text);
    }

    private static Map<String, Long> expected(int lines) {
        Map<String, Long> sums = new TreeMap<>();
        for (long i = 0; i < lines; i++) {
            sums.merge("s" + (i % 7), i, Long::sum);
        }
        return sums;
    }

    @Test
    void eachCallReducesItsOwnRangesOnKeptAliveWorkers() throws IOException {
        Path small = stations(500);
        Path large = stations(3_000);
        try (var pool = StationsParallel.create(options())) {
            List<FileRanges.Range> ranges = FileRanges.lines(small, 4 * workers());
            assertEquals(expected(500), pool.sums().reduce(ranges, Stations::merge).orElseThrow());
            // the same workers, another file: nothing of the first call leaks into the second
            assertEquals(expected(3_000), pool.sums().reduce(FileRanges.lines(large, 13), Stations::merge).orElseThrow());
            assertEquals(expected(500), pool.sums().reduce(FileRanges.lines(small, 1), Stations::merge).orElseThrow());
        }
    }

    @Test
    void reduceMergesInInputOrderAndIsEmptyWithoutTasks() {
        try (var pool = NumbersParallel.create(options())) {
            List<Integer> xs = IntStream.range(0, 200).boxed().toList();
            // string concatenation is associative but not commutative: the order shows
            String expected = xs.stream().map(x -> String.valueOf(x * x)).collect(Collectors.joining(","));
            assertEquals(expected, pool.square().chunkSize(3).collect(xs,
                    Collectors.mapping(String::valueOf, Collectors.joining(","))));
            assertEquals(Optional.of(xs.stream().mapToInt(x -> x * x).sum()), pool.square().reduce(xs, Integer::sum));
            assertEquals(Optional.empty(), pool.square().reduce(List.of(), Integer::sum));
            assertEquals(0L, pool.square().collect(List.of(), Collectors.counting()));
        }
    }

    @Test
    void anUnorderedCollectorTakesResultsAsTheyFinish() {
        try (var pool = NumbersParallel.create(options())) {
            List<Integer> xs = IntStream.range(0, 300).boxed().toList();
            assertEquals(xs.stream().map(x -> x * x).collect(Collectors.toSet()),
                    pool.square().collect(xs, Collectors.toSet()));
        }
    }

    @Test
    void aFailingTaskOrMergeFailsTheCallAndThePoolStaysUsable() throws IOException {
        Path bad = Files.writeString(tempDir.resolve("bad.txt"), "s1;1\ns2;2\nnot a line\ns3;3\n");
        try (var pool = StationsParallel.create(options())) {
            TaskFailedException e = assertThrows(TaskFailedException.class,
                    () -> pool.sums().reduce(FileRanges.lines(bad, 4), Stations::merge));
            assertTrue(e.getCause().getMessage().contains("not a station;value line"), e.getMessage());
            IllegalStateException merge = assertThrows(IllegalStateException.class, () -> pool.sums()
                    .reduce(FileRanges.lines(stations(100), 4), (a, b) -> {
                        throw new IllegalStateException("merge refused");
                    }));
            assertEquals("merge refused", merge.getMessage());
            assertEquals(expected(100), pool.sums().reduce(FileRanges.lines(stations(100), 3), Stations::merge)
                    .orElseThrow());
        }
    }
}
