package io.mpire4j.benchmarks;

import io.mpire4j.FileRanges;
import io.mpire4j.PoolOptions;
import io.mpire4j.StartMethod;
import io.mpire4j.samples.Sample11_OneBillionRows;
import io.mpire4j.samples.Sample11_OneBillionRows.Stats;
import io.mpire4j.samples.Sample11_OneBillionRowsParallel;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collector;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The One Billion Row Challenge written the ways a Java developer would: each returns the answer in
 * the challenge's format. Ranges per worker: {@value #PARTS_PER_WORKER} for both parallel peers,
 * which run the same per-range code ({@link Sample11_OneBillionRows#statistics}), so they differ
 * only in how the ranges are cut, handed out and merged.
 */
final class BrcPeers {
    static final int PARTS_PER_WORKER = 8;
    static final List<String> ALL = List.of("baseline", "executor", "mpire4j-threads", "mpire4j-processes");

    private BrcPeers() {}

    static String run(String peer, Path file, int workers) throws Exception {
        return switch (peer) {
            case "baseline" -> baseline(file);
            case "executor" -> executor(file, workers);
            case "mpire4j-threads" -> mpire4j(file, workers, StartMethod.THREADS);
            case "mpire4j-processes" -> mpire4j(file, workers, StartMethod.PROCESSES);
            default -> throw new IllegalArgumentException("no BRC peer " + peer + "; peers: " + ALL);
        };
    }

    // ---------------------------------------------------------------- the challenge's baseline

    private record Measurement(String station, double value) {}

    /** Running min, max, sum and count, in degrees, as the challenge's single-threaded baseline keeps them. */
    private static final class Aggregate {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum;
        long count;
    }

    private record Row(double min, double mean, double max) {
        @Override
        public String toString() {
            return round(min) + "/" + round(mean) + "/" + round(max);
        }

        private static double round(double value) {
            return Math.round(value * 10.0) / 10.0;
        }
    }

    /** One thread, line by line through {@code Files.lines}, a grouping collector into a TreeMap. */
    static String baseline(Path file) throws IOException {
        Collector<Measurement, Aggregate, Row> stats = Collector.of(Aggregate::new,
                (a, m) -> {
                    a.min = Math.min(a.min, m.value());
                    a.max = Math.max(a.max, m.value());
                    a.sum += m.value();
                    a.count++;
                },
                (a, b) -> {
                    Aggregate c = new Aggregate();
                    c.min = Math.min(a.min, b.min);
                    c.max = Math.max(a.max, b.max);
                    c.sum = a.sum + b.sum;
                    c.count = a.count + b.count;
                    return c;
                },
                a -> new Row(a.min, (Math.round(a.sum * 10.0) / 10.0) / a.count, a.max));
        try (Stream<String> lines = Files.lines(file)) {
            Map<String, Row> rows = lines.map(line -> {
                int cut = line.indexOf(';');
                return new Measurement(line.substring(0, cut), Double.parseDouble(line.substring(cut + 1)));
            }).collect(Collectors.groupingBy(Measurement::station, TreeMap::new, stats));
            return rows.toString();
        }
    }

    // ---------------------------------------------------------------- hand-written ExecutorService

    /** Byte offsets of line starts cutting the file into about {@code parts} pieces: the usual splitter. */
    static long[] cuts(Path file, int parts) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long size = raf.length();
            List<Long> cuts = new ArrayList<>(List.of(0L));
            for (int i = 1; i < parts; i++) {
                long at = Math.max(size / parts * i, cuts.get(cuts.size() - 1));
                raf.seek(at);
                while (at < size && raf.read() != '\n') {
                    at++;
                }
                at = Math.min(size, at + 1);
                if (at > cuts.get(cuts.size() - 1) && at < size) {
                    cuts.add(at);
                }
            }
            cuts.add(size);
            return cuts.stream().mapToLong(Long::longValue).toArray();
        }
    }

    static String executor(Path file, int workers) throws IOException, InterruptedException, ExecutionException {
        long[] cuts = cuts(file, PARTS_PER_WORKER * workers);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Map<String, Stats>>> parts = new ArrayList<>();
            for (int i = 0; i + 1 < cuts.length; i++) {
                long start = cuts[i];
                long end = cuts[i + 1];
                parts.add(pool.submit(() -> Sample11_OneBillionRows.statistics(file, start, end)));
            }
            Map<String, Stats> all = new HashMap<>();
            for (Future<Map<String, Stats>> part : parts) {
                all = Sample11_OneBillionRows.merge(all, part.get());
            }
            return Sample11_OneBillionRows.format(all);
        } finally {
            pool.shutdown();
        }
    }

    // ---------------------------------------------------------------- mpire4j

    static String mpire4j(Path file, int workers, StartMethod kind) throws IOException {
        try (Sample11_OneBillionRowsParallel pool = Sample11_OneBillionRowsParallel.create(
                PoolOptions.defaults().workers(workers).startMethod(kind))) {
            return Sample11_OneBillionRows.format(pool.aggregate()
                    .reduce(FileRanges.lines(file, PARTS_PER_WORKER * workers), Sample11_OneBillionRows::merge)
                    .orElse(Map.of()));
        }
    }
}
