package io.mpire4j.benchmarks;

import io.mpire4j.PoolOptions;
import io.mpire4j.StartMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;

/**
 * What child-JVM workers ({@link StartMethod#PROCESSES}) cost, against {@link StartMethod#THREADS}
 * in the same run (issue 5's numbers):
 * <ol>
 *   <li><b>ready</b>: from {@code create} until both workers of a 2-worker pool have answered a
 *       task (chunk size 1, {@code orderTasks}, so each worker gets one): the pool's start-up as a
 *       user sees it, children started in parallel, with the class-data archive trained by the
 *       first pools;
 *   <li><b>round trip</b>: one {@code apply} of a trivial task on a warm 1-worker pool, the cost
 *       of one chunk crossing to a worker and back;
 *   <li><b>trivial tasks per second</b>: {@code map} of {@code x * x} over 1,000,000 longs with
 *       default chunking on 2 workers, pool creation and shutdown included.
 * </ol>
 * Medians over repeated trials, with min and max. Writes {@code processes.json} and
 * {@code processes.md} to the output directory.
 *
 * <p>Run: {@code benchmarks/run --processes} (about a minute).
 */
final class ProcessesBench {
    private static final int POOL_STARTS = 12;
    private static final int WARM_STARTS = 3;
    private static final int ROUND_TRIPS = 3000;
    private static final int TRIVIAL_TASKS = 1_000_000;
    private static final int TRIVIAL_TRIALS = 5;

    private ProcessesBench() {}

    /** One measured quantity: its samples, in the unit given. */
    record Result(String metric, String kind, String unit, double[] samples) {
        double median() {
            double[] s = samples.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        double min() {
            return Arrays.stream(samples).min().orElse(Double.NaN);
        }

        double max() {
            return Arrays.stream(samples).max().orElse(Double.NaN);
        }
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "results");
        List<Result> results = new ArrayList<>();
        for (StartMethod kind : List.of(StartMethod.THREADS, StartMethod.PROCESSES)) {
            results.add(ready(kind));
            results.add(roundTrip(kind));
            results.add(trivial(kind));
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("processes.json"), json(results), StandardCharsets.UTF_8);
        String md = markdown(results);
        Files.writeString(out.resolve("processes.md"), md, StandardCharsets.UTF_8);
        System.out.print(md);
    }

    private static PoolOptions options(StartMethod kind, int workers) {
        return PoolOptions.defaults().workers(workers).startMethod(kind);
    }

    private static Result ready(StartMethod kind) {
        double[] ms = new double[POOL_STARTS];
        List<Long> twoTasks = List.of(1L, 2L);
        for (int i = -WARM_STARTS; i < POOL_STARTS; i++) {
            long start = System.nanoTime();
            try (OverheadTasksParallel pool = OverheadTasksParallel.create(options(kind, 2).orderTasks(true))) {
                pool.square().chunkSize(1).map(twoTasks);
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        return new Result("ready (2 workers)", name(kind), "ms", ms);
    }

    private static Result roundTrip(StartMethod kind) {
        double[] us = new double[ROUND_TRIPS];
        try (OverheadTasksParallel pool = OverheadTasksParallel.create(options(kind, 1))) {
            for (int i = -ROUND_TRIPS; i < ROUND_TRIPS; i++) {
                long start = System.nanoTime();
                pool.square((long) i);
                if (i >= 0) {
                    us[i] = (System.nanoTime() - start) / 1e3;
                }
            }
        }
        return new Result("round trip per chunk", name(kind), "µs", us);
    }

    private static Result trivial(StartMethod kind) {
        List<Long> inputs = LongStream.range(0, TRIVIAL_TASKS).boxed().toList();
        double[] perSecond = new double[TRIVIAL_TRIALS];
        for (int i = -1; i < TRIVIAL_TRIALS; i++) {
            long start = System.nanoTime();
            try (OverheadTasksParallel pool = OverheadTasksParallel.create(options(kind, 2))) {
                List<Long> squares = pool.square().map(inputs);
                if (squares.size() != TRIVIAL_TASKS || squares.get(TRIVIAL_TASKS - 1) != (long) (TRIVIAL_TASKS - 1)
                        * (TRIVIAL_TASKS - 1)) {
                    throw new IllegalStateException("wrong results from " + kind);
                }
            }
            if (i >= 0) {
                perSecond[i] = TRIVIAL_TASKS / ((System.nanoTime() - start) / 1e9);
            }
        }
        return new Result("trivial tasks per second (1M, default chunking, 2 workers)", name(kind), "tasks/s",
                perSecond);
    }

    private static String name(StartMethod kind) {
        return kind == StartMethod.THREADS ? "mpire4j-threads" : "mpire4j-processes";
    }

    private static String json(List<Result> results) {
        StringBuilder s = new StringBuilder("[\n");
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            s.append(String.format(Locale.ROOT,
                    "  {\"metric\": \"%s\", \"peer\": \"%s\", \"unit\": \"%s\", \"median\": %.3f, \"min\": %.3f, "
                            + "\"max\": %.3f, \"samples\": %d}%s%n",
                    r.metric(), r.kind(), r.unit(), r.median(), r.min(), r.max(), r.samples().length,
                    i + 1 < results.size() ? "," : ""));
        }
        return s.append("]\n").toString();
    }

    private static String markdown(List<Result> results) {
        StringBuilder s = new StringBuilder("# Child-JVM workers against threads\n\n");
        s.append(String.format(Locale.ROOT, "Run on %d CPUs, %s %s. Medians, with min – max.%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version")));
        s.append("| metric | peer | median | min – max | samples |\n|---|---|---:|---:|---:|\n");
        for (Result r : results) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %s %s | %s – %s | %d |%n", r.metric(), r.kind(),
                    num(r.median()), r.unit(), num(r.min()), num(r.max()), r.samples().length));
        }
        return s.toString();
    }

    private static String num(double v) {
        return v >= 1e5 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
