package io.mpire4j.benchmarks;

import io.mpire4j.PoolOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * How the cost per task grows with the work: time per task against the number of tasks (10³ to
 * 10⁷ trivial tasks, 10³ to 10⁶ tasks of 10 µs, on 2 workers) and against the workers (1, 2, 4, 8
 * at 10⁶ trivial and 10⁵ 10-µs tasks), for mpire4j {@code THREADS} ({@code map}, default chunking),
 * a parallel stream in a {@code ForkJoinPool} and parallel-collectors (one future per task), each
 * as in {@link MapPeers}. Pool creation and shutdown are inside every timed run, as in the suite,
 * so the smallest sizes show the fixed cost of a call spread over few tasks.
 *
 * <p>One JVM per (series, peer), with {@link Runner#JVM_FLAGS}, running its points from the
 * smallest up: per point, warm-up calls for at least half a second (at least one), then five timed
 * trials, or as many as fit in {@value #POINT_BUDGET_SECONDS} s (at least one). A trial is one
 * call, or for calls shorter than 50 ms the mean of a batch of calls that lasts about 50 ms. The 10-µs series
 * stops at 10⁶ tasks: 10⁷ would be 100 s of CPU per run (50 s on 2 workers, 15 minutes for the
 * points' trials), and the cost per task is already flat well before 10⁶, so that point adds time,
 * not information. parallel-collectors stops at 10⁶ tasks in every series
 * ({@link #PARALLEL_COLLECTORS_MAX_TASKS}).
 *
 * <p>Writes {@code growth.md} and four charts ({@code growth-tasks-trivial.svg},
 * {@code growth-tasks-10us.svg}, {@code growth-workers-trivial.svg}, {@code growth-workers-10us.svg}).
 * Run: {@code benchmarks/run --growth} (about 10 minutes; {@code --quick}: sizes up to 10⁶ / 10⁵).
 */
final class GrowthBench {
    static final List<String> PEERS = List.of("mpire4j-threads", "forkjoin", "parallel-collectors");
    static final double POINT_BUDGET_SECONDS = 8;
    /**
     * parallel-collectors makes a {@code CompletableFuture} per task: 10⁷ of them took minutes per
     * run on the 2-core machine (their allocation and collection dominate), so its series stop at
     * 10⁶, where its cost per task is already plain.
     */
    static final long PARALLEL_COLLECTORS_MAX_TASKS = 1_000_000;
    static final int TRIALS = 5;

    private GrowthBench() {}

    /** A series: the task, and its points as (tasks, workers). */
    record Series(String name, String task, String axis, List<long[]> points) {}

    static List<Series> series(boolean quick) {
        long trivialMax = quick ? 1_000_000 : 10_000_000;
        long busyMax = quick ? 100_000 : 1_000_000;
        List<long[]> trivialSizes = new ArrayList<>();
        for (long n = 1000; n <= trivialMax; n *= 10) {
            trivialSizes.add(new long[] {n, 2});
        }
        List<long[]> busySizes = new ArrayList<>();
        for (long n = 1000; n <= busyMax; n *= 10) {
            busySizes.add(new long[] {n, 2});
        }
        long trivialAtWorkers = quick ? 200_000 : 1_000_000;
        long busyAtWorkers = quick ? 20_000 : 100_000;
        List<long[]> trivialWorkers = new ArrayList<>();
        List<long[]> busyWorkers = new ArrayList<>();
        for (long w : new long[] {1, 2, 4, 8}) {
            trivialWorkers.add(new long[] {trivialAtWorkers, w});
            busyWorkers.add(new long[] {busyAtWorkers, w});
        }
        return List.of(new Series("tasks-trivial", "trivial", "tasks", trivialSizes),
                new Series("tasks-10us", "10us", "tasks", busySizes),
                new Series("workers-trivial", "trivial", "workers", trivialWorkers),
                new Series("workers-10us", "10us", "workers", busyWorkers));
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--fork")) {
            fork(args[1], args[2], args[3].equals("quick"));
            return;
        }
        Path out = Path.of(args.length > 0 ? args[0] : "results");
        boolean quick = args.length > 1 && args[1].equals("--quick");
        List<Report.Row> rows = new ArrayList<>();
        long start = System.nanoTime();
        for (Series series : series(quick)) {
            for (String peer : PEERS) {
                System.out.printf(Locale.ROOT, "[%4.0fs] %-16s %-20s", (System.nanoTime() - start) / 1e9, series.name(),
                        peer);
                System.out.flush();
                List<Report.Row> got = runFork(series.name(), peer, quick);
                System.out.printf(Locale.ROOT, " %d points, load %.1f%n", got.size(), got.get(0).load());
                rows.addAll(got);
            }
        }
        Files.createDirectories(out);
        for (Series series : series(quick)) {
            List<Report.Row> mine = rows.stream().filter(r -> r.workload().equals(series.name())).toList();
            boolean byTasks = series.axis().equals("tasks");
            // Chart rows: x in workers(), nanoseconds per task as the "seconds".
            List<Report.Row> perTask = mine.stream().map(r -> new Report.Row(r.workload(), r.peer(),
                    byTasks ? (int) tasks(r) : r.workers(), r.checksum(),
                    Arrays.stream(r.seconds()).map(s -> s / tasks(r) * 1e9).toArray(), r.size(), r.load())).toList();
            String title = "Time per task against " + (byTasks ? "the number of tasks" : "workers") + " ("
                    + (series.task().equals("trivial") ? "trivial tasks" : "10-µs tasks") + ", "
                    + Runtime.getRuntime().availableProcessors() + " CPUs)";
            String subtitle = (byTasks ? "2 workers" : tasks(mine.get(0)) + " tasks")
                    + "; pool start and shutdown included; lower is better; bars show min–max of the runs";
            int cpus = Runtime.getRuntime().availableProcessors();
            Files.writeString(out.resolve("growth-" + series.name() + ".svg"), Chart.svg(title, subtitle,
                    byTasks ? "tasks" : "workers", "median time per task (ns", perTask,
                    x -> byTasks ? power(x) : x + (x > cpus ? " (oversubscribed)" : "")), StandardCharsets.UTF_8);
        }
        String md = markdown(rows, quick);
        Files.writeString(out.resolve("growth.md"), md, StandardCharsets.UTF_8);
        System.out.print(md);
    }

    private static long tasks(Report.Row row) {
        return Long.parseLong(row.size().replaceAll(".*tasks=(\\d+).*", "$1"));
    }

    private static String power(long n) {
        int exponent = (int) Math.round(Math.log10(n));
        return n == (long) Math.pow(10, exponent) ? "10^" + exponent : Long.toString(n);
    }

    private static List<Report.Row> runFork(String series, String peer, boolean quick) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Runner.JVM_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), GrowthBench.class.getName(), "--fork",
                series, peer, quick ? "quick" : "full"));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        double load = Runner.loadAverage();
        List<String> lines;
        try (var reader = process.inputReader()) {
            lines = reader.lines().toList();
        }
        if (!process.waitFor(20, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("growth fork " + series + "/" + peer + " failed: " + lines);
        }
        double busiest = Math.max(load, Runner.loadAverage());
        List<Report.Row> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("RESULT\t")) {
                rows.add(Report.parse(List.of(line.substring(7) + "\t" + String.format(Locale.ROOT, "%.2f", busiest)))
                        .get(0));
            }
        }
        return rows;
    }

    /** One JVM: every point of one series for one peer. */
    private static void fork(String seriesName, String peer, boolean quick) throws Exception {
        Series series = series(quick).stream().filter(s -> s.name().equals(seriesName)).findFirst().orElseThrow();
        Function<Long, Long> fn = series.task().equals("trivial") ? OverheadTasks::square : OverheadTasks::spin;
        for (long[] point : series.points()) {
            if (peer.equals("parallel-collectors") && point[0] > PARALLEL_COLLECTORS_MAX_TASKS) {
                continue; // one future per task: see PARALLEL_COLLECTORS_MAX_TASKS
            }
            List<Long> inputs = LongStream.range(0, point[0]).boxed().toList();
            int workers = (int) point[1];
            double warmed = 0;
            int warmups = 0;
            while (warmups == 0 || (warmed < 0.5 && warmups < 100_000)) {
                warmed += run(peer, workers, inputs, fn);
                warmups++;
            }
            // Short calls are timed in batches of at least 50 ms (the mean call of a batch is one trial),
            // so that the clock and one scheduling hiccup do not decide the point.
            int batch = (int) Math.max(1, Math.ceil(0.05 / (warmed / warmups)));
            List<Double> seconds = new ArrayList<>();
            double timed = 0;
            while (seconds.size() < TRIALS && (seconds.isEmpty() || timed < POINT_BUDGET_SECONDS)) {
                System.gc();
                double s = 0;
                for (int i = 0; i < batch; i++) {
                    s += run(peer, workers, inputs, fn);
                }
                seconds.add(s / batch);
                timed += s;
            }
            System.out.println(String.join("\t", "RESULT", seriesName, peer, Integer.toString(workers), "0",
                    seconds.stream().map(s -> String.format(Locale.ROOT, "%.9f", s)).collect(Collectors.joining(",")),
                    "tasks=" + point[0]));
        }
    }

    private static double run(String peer, int workers, List<Long> inputs, Function<Long, Long> fn) throws Exception {
        long start = System.nanoTime();
        List<Long> results;
        if (peer.equals("mpire4j-threads")) {
            try (OverheadTasksParallel pool = OverheadTasksParallel.create(PoolOptions.defaults().workers(workers))) {
                results = (isTrivial(fn) ? pool.square() : pool.spin()).map(inputs);
            }
        } else {
            results = MapPeers.map(peer, workers, inputs, fn);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (results.size() != inputs.size() || !results.get(results.size() - 1).equals(fn.apply(inputs.get(inputs.size() - 1)))) {
            throw new IllegalStateException(peer + " returned wrong results");
        }
        return seconds;
    }

    private static boolean isTrivial(Function<Long, Long> fn) {
        return fn.apply(3L) == 9L; // square, not spin
    }

    private static String markdown(List<Report.Row> rows, boolean quick) {
        StringBuilder md = new StringBuilder("# How the cost per task grows with the work\n\n");
        md.append(String.format(Locale.ROOT, "Run %s on %d CPUs, %s %s, every JVM with `%s`%s. Time per task = "
                + "(pool creation + `map` + shutdown) ÷ tasks, in ns: the fastest run and the median of up to %d "
                + "(fewer where a point's runs took over %.0f s together). The load average each series saw is in the "
                + "last column: the machine was shared, so compare within a column more than across.%n%n",
                java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), String.join(" ", Runner.JVM_FLAGS),
                quick ? " (quick: smaller sizes)" : "", TRIALS, POINT_BUDGET_SECONDS));
        for (Series series : series(quick)) {
            boolean byTasks = series.axis().equals("tasks");
            md.append("## ").append(byTasks ? "Against the number of tasks" : "Against workers").append(", ")
                    .append(series.task().equals("trivial") ? "trivial tasks (x → x²)" : "10-µs tasks").append("\n\n");
            md.append("![").append(series.name()).append("](growth-").append(series.name()).append(".svg)\n\n");
            md.append("| peer | tasks | workers | ns/task (best) | ns/task (median) | runs | load |\n"
                    + "|---|---:|---:|---:|---:|---:|---:|\n");
            for (Report.Row r : rows) {
                if (!r.workload().equals(series.name())) {
                    continue;
                }
                long n = tasks(r);
                md.append(String.format(Locale.ROOT, "| %s | %,d | %d | %.1f | %.1f | %d | %.1f |%n", r.peer(), n,
                        r.workers(), r.min() / n * 1e9, r.median() / n * 1e9, r.seconds().length, r.load()));
            }
            md.append('\n');
        }
        return md.toString();
    }
}
