package io.mpire4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.FileRanges;
import io.mpire4j.PoolOptions;
import io.mpire4j.StartMethod;
import io.mpire4j.samples.Sample11_OneBillionRows.Stats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sample 11 gives the answer a plain line-by-line reading gives, on threads and in child JVMs. */
class OneBillionRowsTest {
    @TempDir
    Path dir;

    /** The answer the simplest way: every line, one after another. */
    private static String plainly(Path file) throws IOException {
        Map<String, Stats> stations = new TreeMap<>();
        try (Stream<String> lines = Files.lines(file)) {
            lines.forEach(line -> {
                int cut = line.indexOf(';');
                int tenths = Math.round(Float.parseFloat(line.substring(cut + 1)) * 10);
                stations.merge(line.substring(0, cut), new Stats(tenths, tenths, tenths, 1), Stats::merge);
            });
        }
        return Sample11_OneBillionRows.format(stations);
    }

    @ParameterizedTest
    @EnumSource(value = StartMethod.class, names = {"THREADS", "PROCESSES"})
    void theParallelAnswerIsThePlainOne(StartMethod kind) throws IOException {
        Path file = dir.resolve("measurements.txt");
        Sample11_OneBillionRows.generate(file, 30_000, 7);
        Files.writeString(file, "Abha;-99.9\nZürich;99.9", java.nio.file.StandardOpenOption.APPEND); // no final newline
        String expected = plainly(file);
        assertTrue(expected.startsWith("{Abha=-99.9/"), expected);
        assertTrue(expected.endsWith("/99.9}"), expected);
        try (var pool = Sample11_OneBillionRowsParallel.create(PoolOptions.defaults().workers(2).startMethod(kind))) {
            for (int parts : new int[] {1, 7, 64}) {
                String answer = Sample11_OneBillionRows.format(pool.aggregate()
                        .reduce(FileRanges.lines(file, parts), Sample11_OneBillionRows::merge).orElseThrow());
                assertEquals(expected, answer, "with " + parts + " parts on " + kind);
            }
        }
    }
}
