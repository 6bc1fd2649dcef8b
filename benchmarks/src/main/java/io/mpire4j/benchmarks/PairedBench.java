package io.mpire4j.benchmarks;

import io.mpire4j.ParallelMethod;
import io.mpire4j.PoolOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;

/**
 * Comparisons too fine for separate JVMs on a shared machine: two variants of one call, run
 * alternately in one JVM, hundreds of times, so that both see the same machine, the same JIT and
 * the same load. Each pair is judged by a {@link Verdict} on the ratio of the fastest calls and of
 * the medians, against the larger interquartile spread (÷ median) of the two.
 * <ol>
 *   <li><b>progress bar</b>: {@code progressBar(true)} against none, on one kept-alive 2-worker
 *       pool: a 5 ms call (1,000,000 trivial tasks, target &lt; 5 %) and a 100 ms call (20,000 tasks
 *       of 10 µs, target &lt; 1 %). The bar draws its plain-line form: {@code benchmarks/run} sends
 *       this JVM's stderr to a file, as for the suite's progress forks.
 *   <li><b>trivial tasks</b>: mpire4j {@code map} against a parallel stream in a
 *       {@code ForkJoinPool}, 1,000,000 trivial tasks on 2 workers, pool creation and shutdown
 *       included (the suite's {@code overhead-trivial} at 2 workers, target ≤ 1.00);
 *   <li><b>small stateful and init calls</b>: the quick suite's {@code stateful} and {@code init}
 *       at 1 worker, mpire4j against fork-join, where separate quick forks once showed mpire4j
 *       1.4–1.75× behind.
 * </ol>
 * Writes {@code paired.md}. Run: {@code benchmarks/run --paired} (about two minutes).
 */
final class PairedBench {
    private PairedBench() {}

    /** One comparison: {@code variant} against {@code base}, {@code rounds} calls each after as many warm-up pairs. */
    record Pair(String name, Callable<Integer> base, Callable<Integer> variant, int rounds, double target,
            String baseName, String variantName) {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "results");
        boolean quick = args.length > 1 && args[1].equals("--quick");
        List<Long> trivial = LongStream.range(0, 1_000_000).boxed().toList();
        List<Long> busy = LongStream.range(0, 20_000).boxed().toList();
        StringBuilder md = new StringBuilder("# Paired comparisons\n\n");
        md.append(String.format(Locale.ROOT, "Run %s on %d CPUs, %s %s, `-Xms1g -Xmx1g -XX:+UseParallelGC`, load "
                + "average %.2f at the start and LOAD_AT_END at the end. Two variants of a call alternate in one JVM (after as "
                + "many warm-up pairs as timed ones), so both see the same machine. Ratio = variant ÷ base, on the "
                + "fastest calls (best) and on the medians; a verdict is judged against the larger interquartile range "
                + "÷ median of the two variants' calls (see `Verdict`).%n%n", java.time.LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runner.loadAverage()));
        md.append("| comparison | calls each | base: best / median ms | variant: best / median ms | ratio (best) "
                + "| ratio (median) | target | met |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
        try (OverheadTasksParallel pool = OverheadTasksParallel.create(PoolOptions.defaults().workers(2))) {
            ParallelMethod<Long, Long> square = pool.square();
            ParallelMethod<Long, Long> spin = pool.spin();
            List<Pair> pairs = List.of(
                    new Pair("progress bar, 5 ms call (1,000,000 trivial tasks, 2 workers)",
                            () -> square.map(trivial).size(), () -> square.progressBar(true).map(trivial).size(),
                            quick ? 100 : 400, 1.05, "no bar", "bar"),
                    new Pair("progress bar, 100 ms call (20,000 tasks of 10 µs, 2 workers)",
                            () -> spin.map(busy).size(), () -> spin.progressBar(true).map(busy).size(),
                            quick ? 20 : 80, 1.01, "no bar", "bar"),
                    new Pair("mpire4j ÷ forkjoin, 1,000,000 trivial tasks, 2 workers, pool start and stop included",
                            () -> MapPeers.forkJoin(2, trivial, OverheadTasks::square).size(), () -> {
                                try (OverheadTasksParallel own = OverheadTasksParallel.create(
                                        PoolOptions.defaults().workers(2))) {
                                    return own.square().map(trivial).size();
                                }
                            }, quick ? 100 : 400, 1.00, "forkjoin", "mpire4j"),
                    workloadPair(Workload.named("stateful", Mode.QUICK), quick ? 8 : 20),
                    workloadPair(Workload.named("init", Mode.QUICK), quick ? 6 : 15));
            for (Pair pair : pairs) {
                double[] base = new double[pair.rounds()];
                double[] variant = new double[pair.rounds()];
                for (int round = -pair.rounds(); round < pair.rounds(); round++) {
                    boolean baseFirst = (round & 1) == 0;
                    double a = time(baseFirst ? pair.base() : pair.variant());
                    double b = time(baseFirst ? pair.variant() : pair.base());
                    if (round >= 0) {
                        base[round] = baseFirst ? a : b;
                        variant[round] = baseFirst ? b : a;
                    }
                }
                Arrays.sort(base);
                Arrays.sort(variant);
                Verdict verdict = Verdict.atMost(variant[0] / base[0], median(variant) / median(base), pair.target(),
                        Math.max(iqr(base), iqr(variant)));
                md.append(String.format(Locale.ROOT, "| %s | %d | %s: %.3f / %.3f | %s: %.3f / %.3f | %.3f | %.3f | "
                        + "≤ %.2f | %s |%n", pair.name(), pair.rounds(), pair.baseName(), base[0] * 1e3,
                        median(base) * 1e3, pair.variantName(), variant[0] * 1e3, median(variant) * 1e3,
                        verdict.byMin(), verdict.byMedian(), pair.target(), verdict.text()));
                System.out.println(md.substring(md.lastIndexOf("\n|", md.length() - 2) + 1).trim());
            }
        }
        String text = md.toString().replace("LOAD_AT_END", String.format(Locale.ROOT, "%.2f", Runner.loadAverage()));
        Files.createDirectories(out);
        Files.writeString(out.resolve("paired.md"), text, StandardCharsets.UTF_8);
        System.out.print(text);
    }

    /**
     * A quick-mode workload at 1 worker, mpire4j {@code THREADS} against fork-join: where separate
     * quick forks showed mpire4j 1.4–1.75× behind (noise, or a real start-up cost at small sizes?).
     */
    private static Pair workloadPair(Workload workload, int rounds) {
        workload.prepare();
        return new Pair(workload.name() + " (quick size: " + workload.size().replaceAll(" popular=\\d+", "")
                + "), 1 worker, mpire4j ÷ forkjoin", () -> (int) (workload.run("forkjoin", 1) | 1),
                () -> (int) (workload.run("mpire4j-threads", 1) | 1), rounds, 1.00, "forkjoin", "mpire4j");
    }

    private static double time(Callable<Integer> call) throws Exception {
        long start = System.nanoTime();
        int size = call.call();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (size == 0) {
            throw new IllegalStateException("no results");
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
