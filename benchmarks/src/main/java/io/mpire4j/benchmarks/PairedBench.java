package io.mpire4j.benchmarks;

import io.mpire4j.ParallelMethod;
import io.mpire4j.PoolOptions;
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
 * What {@code progressBar(true)} adds to a call, measured in one JVM on one kept-alive 2-worker pool:
 * the same call with and without the bar, alternating, many times, so that both see the same
 * machine. Two calls: about 5 ms (trivial tasks) and about 100 ms (10-µs tasks). The bar draws its
 * plain-line form: this JVM's stderr goes to a file, as in the suite's progress forks.
 *
 * <p>Run: {@code benchmarks/run --progress} (about a minute) → {@code progress.md}.
 */
final class ProgressBench {
    private ProgressBench() {}

    record Case(String name, List<Long> inputs, boolean busy, int rounds) {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "results");
        boolean quick = args.length > 1 && args[1].equals("--quick");
        List<Case> cases = List.of(
                new Case("5 ms call: 1,000,000 trivial tasks", LongStream.range(0, 1_000_000).boxed().toList(), false,
                        quick ? 100 : 400),
                new Case("100 ms call: 20,000 tasks of 10 µs", LongStream.range(0, 20_000).boxed().toList(), true,
                        quick ? 20 : 60));
        StringBuilder md = new StringBuilder("# Progress bar cost\n\n");
        md.append(String.format(Locale.ROOT, "Run on %d CPUs, %s %s, load average %.2f at the start. One JVM, one "
                + "kept-alive 2-worker `THREADS` pool; the same call without and with `progressBar(true)`, alternating "
                + "(after as many warm-up rounds); the bar draws plain lines to a file. Cost = with ÷ without − 1, on "
                + "the fastest calls and on the medians; the spread a verdict is judged against is the larger "
                + "interquartile range ÷ median of the two kinds of call.%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), Runner.loadAverage()));
        md.append("| call | calls each | without: best / median ms | with: best / median ms | cost (best) "
                + "| cost (median) | target | met |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
        try (OverheadTasksParallel pool = OverheadTasksParallel.create(PoolOptions.defaults().workers(2))) {
            for (Case c : cases) {
                ParallelMethod<Long, Long> plain = c.busy() ? pool.spin() : pool.square();
                ParallelMethod<Long, Long> bar = plain.progressBar(true);
                double[] without = new double[c.rounds()];
                double[] with = new double[c.rounds()];
                for (int round = -c.rounds(); round < c.rounds(); round++) {
                    double a = time(round % 2 == 0 ? plain : bar, c.inputs());
                    double b = time(round % 2 == 0 ? bar : plain, c.inputs());
                    if (round >= 0) {
                        without[round] = round % 2 == 0 ? a : b;
                        with[round] = round % 2 == 0 ? b : a;
                    }
                }
                Arrays.sort(without);
                Arrays.sort(with);
                double target = c.busy() ? 0.01 : 0.05;
                // Hundreds of calls: the noise is the interquartile spread of the calls, relative to their median.
                double noise = Math.max(iqr(without), iqr(with));
                Verdict verdict = Verdict.atMost(with[0] / without[0], median(with) / median(without), 1 + target,
                        noise);
                md.append(String.format(Locale.ROOT, "| %s | %d | %.3f / %.3f | %.3f / %.3f | %+.2f %% | %+.2f %% "
                        + "| < %.0f %% | %s |%n", c.name(), c.rounds(), without[0] * 1e3, median(without) * 1e3,
                        with[0] * 1e3, median(with) * 1e3, 100 * (verdict.byMin() - 1), 100 * (verdict.byMedian() - 1),
                        100 * target, verdict.text()));
            }
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("progress.md"), md.toString(), StandardCharsets.UTF_8);
        System.out.print(md);
    }

    private static double time(ParallelMethod<Long, Long> method, List<Long> inputs) {
        long start = System.nanoTime();
        List<Long> results = method.map(inputs);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (results.size() != inputs.size()) {
            throw new IllegalStateException("lost results");
        }
        return seconds;
    }

    /** (third quartile − first quartile) ÷ median of sorted samples. */
    private static double iqr(double[] sorted) {
        return (sorted[sorted.length * 3 / 4] - sorted[sorted.length / 4]) / median(sorted);
    }

    private static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }
}
