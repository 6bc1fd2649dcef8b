package io.mpire4j.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns raw fork results into the published report: {@code latest.json} (one object per workload,
 * peer and worker count), {@code latest.md} (a table per workload, the issue's targets checked
 * against the numbers, and the method) and one SVG chart per workload ({@link Chart}). Nothing in
 * the report is typed in by hand: every number comes from the raw results.
 *
 * <p>Definitions: speedup = serial median ÷ median; parallel efficiency = serial median ÷ (workers ×
 * median); "÷ best peer" = an mpire4j median ÷ the lowest median of the non-mpire4j parallel peers
 * (every variant counts) at the same worker count.
 *
 * <p>Regenerate from raw results without re-running:
 * {@code java -cp ... io.mpire4j.benchmarks.Report full target/logs/raw-full.tsv results}.
 */
final class Report {
    private Report() {}

    /** Two peers of one workload returned different checksums. */
    static final class ChecksumMismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ChecksumMismatch(String message) {
            super(message);
        }
    }

    /** One fork's result. */
    record Row(String workload, String peer, int workers, long checksum, double[] seconds, String size, double load) {
        double median() {
            double[] s = sorted();
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        double min() {
            return sorted()[0];
        }

        double max() {
            return sorted()[seconds.length - 1];
        }

        boolean mpire4j() {
            return peer.startsWith("mpire4j-");
        }

        private double[] sorted() {
            double[] s = seconds.clone();
            Arrays.sort(s);
            return s;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: Report full|quick RAW_TSV OUT_DIR");
            System.exit(2);
        }
        write(parse(Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)), Mode.named(args[0]), Path.of(args[2]));
    }

    /** Parses result lines as {@link Fork} prints them (without the {@code RESULT} tag). */
    static List<Row> parse(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            rows.add(new Row(f[0], f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]),
                    Arrays.stream(f[4].split(",")).mapToDouble(Double::parseDouble).toArray(), f.length > 5 ? f[5] : "",
                    f.length > 6 ? Double.parseDouble(f[6]) : -1));
        }
        return rows;
    }

    /** Checks the checksums, then writes the JSON, the markdown and the charts into {@code out}. */
    static void write(List<Row> rows, Mode mode, Path out) throws IOException {
        Map<String, List<Row>> byWorkload = rows.stream()
                .collect(Collectors.groupingBy(Row::workload, LinkedHashMap::new, Collectors.toList()));
        checkChecksums(byWorkload);
        Files.createDirectories(out);
        Files.writeString(out.resolve("latest.json"), json(rows, mode), StandardCharsets.UTF_8);
        for (Map.Entry<String, List<Row>> e : byWorkload.entrySet()) {
            Files.writeString(out.resolve(e.getKey() + ".svg"), Chart.svg(e.getKey(), e.getValue(), mode),
                    StandardCharsets.UTF_8);
        }
        String markdown = markdown(byWorkload, mode);
        Files.writeString(out.resolve("latest.md"), markdown, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(markdown);
        System.out.println("report written to " + out.toAbsolutePath().normalize());
    }

    private static void checkChecksums(Map<String, List<Row>> byWorkload) {
        StringBuilder problems = new StringBuilder();
        for (Map.Entry<String, List<Row>> e : byWorkload.entrySet()) {
            Map<Long, List<String>> peersByChecksum = e.getValue().stream().collect(Collectors.groupingBy(Row::checksum,
                    LinkedHashMap::new, Collectors.mapping(r -> r.peer() + "@" + r.workers(), Collectors.toList())));
            if (peersByChecksum.size() > 1) {
                problems.append(e.getKey()).append(":\n");
                peersByChecksum.forEach((sum, peers) -> problems.append("  ").append(Long.toHexString(sum))
                        .append(" from ").append(peers).append('\n'));
            }
        }
        if (!problems.isEmpty()) {
            throw new ChecksumMismatch(problems.toString());
        }
    }

    private static Optional<Row> serial(List<Row> rows) {
        return rows.stream().filter(r -> r.peer().equals("serial")).findFirst();
    }

    /** The fastest non-mpire4j parallel peer at {@code workers}. */
    static Optional<Row> bestPeer(List<Row> rows, int workers) {
        return rows.stream().filter(r -> r.workers() == workers && !r.mpire4j() && !r.peer().equals("serial"))
                .min(Comparator.comparingDouble(Row::median));
    }

    private static Optional<Row> find(List<Row> rows, String peer, int workers) {
        return rows.stream().filter(r -> r.peer().equals(peer) && r.workers() == workers).findFirst();
    }

    private static String json(List<Row> rows, Mode mode) {
        Map<String, List<Row>> byWorkload = rows.stream().collect(Collectors.groupingBy(Row::workload));
        StringBuilder json = new StringBuilder("[\n");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            List<Row> same = byWorkload.get(r.workload());
            Optional<Row> serial = serial(same);
            Optional<Row> best = bestPeer(same, r.workers());
            json.append("  {\"workload\": ").append(quote(r.workload()))
                    .append(", \"peer\": ").append(quote(r.peer()))
                    .append(", \"workers\": ").append(r.workers())
                    .append(", \"median_s\": ").append(number(r.median()))
                    .append(", \"min_s\": ").append(number(r.min()))
                    .append(", \"max_s\": ").append(number(r.max()))
                    .append(", \"checksum\": ").append(quote(String.format("%016x", r.checksum())))
                    .append(", \"trials_s\": [")
                    .append(Arrays.stream(r.seconds()).mapToObj(Report::number).collect(Collectors.joining(", ")))
                    .append("], \"speedup\": ").append(serial.map(s -> number(s.median() / r.median())).orElse("null"))
                    .append(", \"efficiency\": ")
                    .append(serial.map(s -> number(s.median() / (r.workers() * r.median()))).orElse("null"))
                    .append(", \"ratio_to_best_peer\": ")
                    .append(r.mpire4j() && best.isPresent() ? number(r.median() / best.get().median()) : "null")
                    .append(", \"ratio_to_best_peer_by_min\": ")
                    .append(r.mpire4j() && best.isPresent() ? number(r.min() / best.get().min()) : "null")
                    .append(", \"best_peer\": ").append(best.map(b -> quote(b.peer())).orElse("null"))
                    .append(", \"size\": ").append(quote(r.size()))
                    .append(", \"load_avg\": ").append(r.load() >= 0 ? number(r.load()) : "null")
                    .append(", \"mode\": ").append(quote(mode.name()))
                    .append(", \"cpus\": ").append(Runtime.getRuntime().availableProcessors())
                    .append(", \"java\": ").append(quote(System.getProperty("java.version")))
                    .append(", \"jvm_flags\": ").append(quote(String.join(" ", Runner.JVM_FLAGS)))
                    .append('}').append(i + 1 < rows.size() ? "," : "").append('\n');
        }
        return json.append("]\n").toString();
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String number(double d) {
        return String.format(Locale.ROOT, "%.6g", d);
    }

    private static String markdown(Map<String, List<Row>> byWorkload, Mode mode) {
        StringBuilder md = new StringBuilder();
        md.append("# mpire4j benchmarks\n\n");
        md.append(String.format(Locale.ROOT, "Run %s on %d CPUs, %s %s, every JVM with `%s`. Mode: %s.%n%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), String.join(" ", Runner.JVM_FLAGS), mode.describe()));
        md.append("Times are the median of the timed trials, in seconds, with the fastest and slowest trial as the "
                + "spread. Speedup = serial ÷ time; efficiency = serial ÷ (workers × time); "
                + "**÷ best peer** = mpire4j's time ÷ the fastest non-mpire4j parallel peer at the same worker count "
                + "(below 1.00: mpire4j is faster). More workers than CPUs are oversubscribed.\n\n");
        int cpus = Runtime.getRuntime().availableProcessors();
        List<String> busy = byWorkload.values().stream().flatMap(List::stream)
                .filter(r -> r.load() > Math.max(r.workers(), cpus) + 1)
                .map(r -> String.format(Locale.ROOT, "%s/%s/%d (%.1f)", r.workload(), r.peer(), r.workers(), r.load()))
                .toList();
        if (!busy.isEmpty()) {
            md.append(String.format(Locale.ROOT, "**Warning: %d of %d forks ran while the machine was busy** (1-minute "
                    + "load average more than one above the larger of their workers and the CPUs while they ran: other work "
                    + "competed for the CPUs, so their times are too high). Re-run on an idle machine before drawing "
                    + "conclusions from them: %s.%n%n",
                    busy.size(), byWorkload.values().stream().mapToInt(List::size).sum(),
                    String.join(", ", busy)));
        }
        for (Map.Entry<String, List<Row>> e : byWorkload.entrySet()) {
            md.append(table(e.getKey(), e.getValue()));
        }
        md.append(targets(byWorkload));
        md.append(METHOD);
        return md.toString();
    }

    private static String table(String workload, List<Row> rows) {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(workload).append("\n\n");
        md.append('`').append(rows.get(0).size().replaceAll(" popular=\\d+", "")).append("`\n\n");
        md.append("![").append(workload).append("](").append(workload).append(".svg)\n\n");
        md.append("| peer | workers | median s | spread s | trials | speedup | efficiency | ÷ best peer |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        Optional<Row> serial = serial(rows);
        List<Row> ordered = new ArrayList<>(rows);
        ordered.sort(Comparator.comparingInt(Row::workers));
        for (Row r : ordered) {
            Optional<Row> best = bestPeer(rows, r.workers());
            String ratio = "";
            if (r.mpire4j() && best.isPresent()) {
                ratio = String.format(Locale.ROOT, "%.2f", r.median() / best.get().median());
            } else if (best.isPresent() && best.get() == r) {
                ratio = "best peer";
            }
            md.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %.4f – %.4f | %d | %s | %s | %s |%n",
                    r.mpire4j() ? "**" + r.peer() + "**" : r.peer(), r.workers(), r.median(), r.min(), r.max(),
                    r.seconds().length,
                    serial.map(s -> String.format(Locale.ROOT, "%.2f", s.median() / r.median())).orElse(""),
                    serial.map(s -> String.format(Locale.ROOT, "%.2f", s.median() / (r.workers() * r.median())))
                            .orElse(""),
                    ratio));
        }
        return md.append('\n').toString();
    }

    private static String targets(Map<String, List<Row>> byWorkload) {
        StringBuilder md = new StringBuilder("## Targets\n\n");
        md.append("Each target is judged twice, on the ratio of the fastest trials (\"best\") and on the ratio of "
                + "the medians: **yes** when both meet it, **no** when both miss it by more than the trials' spread "
                + "(the larger (slowest − fastest) ÷ fastest of the rows compared), and **not measurable** otherwise: "
                + "the spread is larger than the effect, so this run cannot tell.\n\n");
        md.append("**mpire4j `THREADS` no slower than the best peer** at 1 and 2 workers (ratio ≤ 1.00; the best "
                + "peer is the one with the lowest median):\n\n");
        md.append("| workload | workers | mpire4j-threads s | best peer | best peer s | ratio (best) | ratio (median) "
                + "| met |\n");
        md.append("|---|---:|---:|---|---:|---:|---:|---|\n");
        for (Map.Entry<String, List<Row>> e : byWorkload.entrySet()) {
            for (int workers : List.of(1, 2)) {
                Optional<Row> mine = find(e.getValue(), "mpire4j-threads", workers);
                Optional<Row> best = bestPeer(e.getValue(), workers);
                if (mine.isEmpty() || best.isEmpty()) {
                    continue;
                }
                Verdict verdict = ratio(mine.get(), best.get(), 1.00);
                md.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %s | %.4f | %.2f | %.2f | %s |%n", e.getKey(),
                        workers, mine.get().median(), best.get().peer(), best.get().median(), verdict.byMin(),
                        verdict.byMedian(), verdict.text()));
            }
        }
        md.append("\n**Parallel efficiency ≥ 0.95 at 2 workers** on workloads 1–3 (serial ÷ (2 × time), from the "
                + "fastest trials and from the medians):\n\n");
        md.append("| workload | mpire4j-threads (best) | (median) | best peer (median efficiency) | met |\n"
                + "|---|---:|---:|---|---|\n");
        for (String workload : List.of("numerical", "stateful", "init")) {
            List<Row> rows = byWorkload.get(workload);
            if (rows == null || serial(rows).isEmpty()) {
                continue;
            }
            Row serial = serial(rows).get();
            Optional<Row> mine = find(rows, "mpire4j-threads", 2);
            Optional<Row> best = bestPeer(rows, 2);
            if (mine.isEmpty() || best.isEmpty()) {
                continue;
            }
            Verdict verdict = Verdict.atLeast(serial.min() / (2 * mine.get().min()),
                    serial.median() / (2 * mine.get().median()), 0.95, Verdict.noise(serial, mine.get()));
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %s (%.2f) | %s |%n", workload, verdict.byMin(),
                    verdict.byMedian(), best.get().peer(), serial.median() / (2 * best.get().median()),
                    verdict.text()));
        }
        md.append("\n**mpire4j `PROCESSES` within 1.10× of `THREADS`** at 2 workers (child-JVM start-up included), "
                + "with the 1- and 4-worker ratios for reference:\n\n");
        md.append("| workload | workers | processes s | threads s | ratio (best) | ratio (median) | met |\n"
                + "|---|---:|---:|---:|---:|---:|---|\n");
        for (String workload : List.of("numerical", "stateful", "init")) {
            List<Row> rows = byWorkload.get(workload);
            if (rows == null) {
                continue;
            }
            for (int workers : new TreeSet<>(rows.stream().map(Row::workers).toList())) {
                Optional<Row> processes = find(rows, "mpire4j-processes", workers);
                Optional<Row> threads = find(rows, "mpire4j-threads", workers);
                if (processes.isEmpty() || threads.isEmpty()) {
                    continue;
                }
                Verdict verdict = ratio(processes.get(), threads.get(), 1.10);
                md.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %.4f | %.2f | %.2f | %s |%n", workload, workers,
                        processes.get().median(), threads.get().median(), verdict.byMin(), verdict.byMedian(),
                        workers == 2 ? verdict.text() : ""));
            }
        }
        md.append("\n**Per-task overhead** with default chunking: (mpire4j time − serial time) ÷ tasks at 1 worker, "
                + "and (2 × time at 2 workers − serial time) ÷ tasks, the CPU time spent per task beyond the work "
                + "itself (medians). Target ≤ 0.1 µs on the trivial workload.\n\n");
        md.append("| workload | peer | tasks | 1 worker µs/task | 2 workers µs/task | met |\n|---|---|---:|---:|---:|---|\n");
        for (String workload : List.of("overhead-trivial", "overhead-10us")) {
            List<Row> rows = byWorkload.get(workload);
            if (rows == null || serial(rows).isEmpty()) {
                continue;
            }
            Row serial = serial(rows).get();
            long tasks = Long.parseLong(serial.size().replaceAll(".*tasks=(\\d+).*", "$1"));
            for (String peer : List.of("mpire4j-threads", "mpire4j-threads-unordered", "mpire4j-virtual")) {
                Optional<Row> one = find(rows, peer, 1);
                Optional<Row> two = find(rows, peer, 2);
                if (one.isEmpty() || two.isEmpty()) {
                    continue;
                }
                double perTask1 = (one.get().median() - serial.median()) / tasks * 1e6;
                double perTask2 = (2 * two.get().median() - serial.median()) / tasks * 1e6;
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | %s |%n", workload, peer, tasks,
                        perTask1, perTask2, !workload.equals("overhead-trivial") ? "" : perTask1 <= 0.1 ? "yes" : "**no**"));
            }
        }
        md.append("\n**Progress bar cost** (`progressBar(true)` ÷ the same call without it − 1; target < 5 % on the "
                + "trivial workload, a call of a few ms, and < 1 % on the 10-µs one, a call of 100 ms or more):\n\n"
                + "| workload | peer | workers | plain s | cost (best) | cost (median) | met |\n"
                + "|---|---|---:|---:|---:|---:|---|\n");
        for (String workload : List.of("overhead-trivial", "overhead-10us")) {
            List<Row> rows = byWorkload.get(workload);
            if (rows == null) {
                continue;
            }
            double target = workload.equals("overhead-trivial") ? 1.05 : 1.01;
            for (String kind : List.of("mpire4j-threads", "mpire4j-virtual")) {
                for (int workers : new TreeSet<>(rows.stream().map(Row::workers).toList())) {
                    Optional<Row> plain = find(rows, kind, workers);
                    Optional<Row> bar = find(rows, kind + "-progress", workers);
                    if (plain.isEmpty() || bar.isEmpty()) {
                        continue;
                    }
                    Verdict verdict = ratio(bar.get(), plain.get(), target);
                    md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.4f | %+.1f %% | %+.1f %% | %s |%n",
                            workload, kind, workers, plain.get().median(), 100 * (verdict.byMin() - 1),
                            100 * (verdict.byMedian() - 1), verdict.text()));
                }
            }
        }
        return md.append('\n').toString();
    }

    /** {@code mine ÷ other} on the fastest trials and on the medians, judged against {@code atMost}. */
    static Verdict ratio(Row mine, Row other, double atMost) {
        return Verdict.atMost(mine.min() / other.min(), mine.median() / other.median(), atMost,
                Verdict.noise(mine, other));
    }

    private static final String METHOD = """
            ## Method

            - One fresh JVM per (workload, peer, workers), all with the same heap and GC flags; warm-up runs \
            first (two more for the trivial overhead workload, one more for the 10-µs one, none more once a \
            warm-up took over a second), then the timed trials; a full GC before each run, outside the timed \
            region. Forks whose trials take long (a million tasks handed out one by one) stop after five, \
            the minimum in every mode.
            - The timed region is what a user waits for: pool creation, the work, collecting results, shutting \
            the pool down (and, in the numerical workload, creating the image: zeros, as the seed's \
            `np.zeros`, an allocation rather than a pass over it on one thread). `mpire4j-processes` \
            includes starting its child JVMs (with the forks' own heap and GC flags), sending each the \
            shared receiver, and stopping them.
            - Every run returns a checksum of its results that does not depend on the peer, the worker count or \
            the completion order; the runner refuses to report when two peers of a workload disagree.
            - Peers are written the way their users write them (see the javadoc of each workload class in \
            `benchmarks/src/main/java/io/mpire4j/benchmarks/`): executor = fixed pool + `invokeAll`, one task \
            per element; forkjoin = a parallel stream in a dedicated `ForkJoinPool`; virtual = a virtual thread \
            per task bounded by a `Semaphore` (state: a pool of per-worker objects in a blocking queue); \
            parallel-collectors 3.4.0 on a fixed pool with `parallelism = workers`, per element or batched; \
            state for executor, fork-join and parallel-collectors in a `ThreadLocal` that registers itself.
            - The progress-bar forks write their stderr to a file (the bar's non-terminal form).
            - Reproduce: `benchmarks/run` (full) or `benchmarks/run --quick`.
            """;
}
