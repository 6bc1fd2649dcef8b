package io.mpire4j.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The One Billion Row Challenge, scaled down (issue 14): the challenge's single-threaded baseline,
 * a hand-written {@code ExecutorService} over line-aligned ranges, and mpire4j on threads and on
 * child JVMs, at 1 and 2 workers. Every run is a fresh JVM ({@link BrcFork}, with
 * {@link Runner#JVM_FLAGS}) timed as the challenge times it, cold: pool and child-JVM start-up
 * included. Every run must print the same answer (its SHA-256 is compared), else no report is
 * written. The median of the trials goes into the report, with the ratio to the hand-written
 * version at the same number of workers.
 *
 * <p>The forks keep mpire4j's class-data archives in a directory of this run's own
 * ({@code XDG_CACHE_HOME}, removed at the end), so that the first {@code PROCESSES} run finds none,
 * as a program's first run on a new machine or after a rebuild does. That run (2 workers) is timed
 * on its own and reported apart: one of its workers records the archive (JDK 25+), which a JVM in
 * the background then builds. The trials start once it is built, as every later run of the program
 * finds it. Last, with JDK 25+, the hand-written version and mpire4j on threads run with an AOT
 * cache of their own program, reported apart.
 *
 * <p>Run: {@code benchmarks/run --brc} (50 million rows, 7 trials, about 5 minutes on 2 cores, the input
 * generated once into {@code benchmarks/target/brc}) or {@code benchmarks/run --quick --brc}
 * (5 million rows). Writes {@code brc.md} and {@code brc.json} to the output directory.
 */
final class BrcBench {
    private BrcBench() {}

    private record Config(String peer, int workers) {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        long rows = Long.parseLong(args[1]);
        int trials = Integer.parseInt(args[2]);
        Path scratch = Path.of(args[3]);
        String classPath = System.getProperty("java.class.path");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        long generating = System.nanoTime();
        Path file = Brc.measurements(scratch, rows);
        System.out.printf(Locale.ROOT, "input: %s (%,d bytes; ready in %.1f s)%n", file, Files.size(file),
                (System.nanoTime() - generating) / 1e9);

        List<Config> configs = new ArrayList<>(List.of(new Config("baseline", 1)));
        for (int workers : new int[] {1, 2}) {
            for (String peer : List.of("executor", "mpire4j-threads", "mpire4j-processes")) {
                configs.add(new Config(peer, workers));
            }
        }
        Path cache = Files.createTempDirectory(scratch.toAbsolutePath(), "cache-");
        Path archives = cache.resolve("mpire4j").resolve("cds");
        Config first = new Config("mpire4j-processes", 2);
        String[] firstRun = fork(command(java, classPath, first, file), cache);
        double firstSeconds = Double.parseDouble(firstRun[1]);
        double builtAfter = awaitArchive(archives);
        System.out.printf(Locale.ROOT, "first run  %-18s w=%d  %7.3f s  (no archive yet; built %.1f s after it ended)%n",
                first.peer(), first.workers(), firstSeconds, builtAfter);
        Map<Config, double[]> times = new LinkedHashMap<>();
        Map<Config, double[]> cpus = new LinkedHashMap<>();
        Set<String> answers = new LinkedHashSet<>();
        String sample = null;
        // Trials interleave the configurations, so a busy minute on the shared machine hits them all alike.
        for (int trial = 0; trial < trials; trial++) {
            for (Config config : configs) {
                if (config.peer().equals("baseline") && trial >= Math.min(trials, 3)) {
                    continue; // slow and only a reference: three runs place it
                }
                String[] result = fork(command(java, classPath, config, file), cache);
                double seconds = Double.parseDouble(result[1]);
                answers.add(result[2]);
                sample = result[3];
                add(times, config, seconds);
                double cpu = Double.parseDouble(result[4]);
                add(cpus, config, cpu);
                System.out.printf(Locale.ROOT, "trial %d  %-18s w=%d  %7.3f s  cpu %6.2f s  load %.1f%n", trial + 1,
                        config.peer(), config.workers(), seconds, cpu, loadAverage());
            }
        }
        if (answers.size() != 1) {
            System.err.println("BENCHMARK FAILED: the peers gave different answers " + answers + "; no report written");
            System.exit(1);
        }
        String programCache = programCache(java, classPath, file, cache, Math.min(trials, 5), answers);
        deleteTree(cache);
        String md = markdown(rows, Files.size(file), times, cpus, sample, trials)
                + String.format(Locale.ROOT, "%nThe first `PROCESSES` run, with no class-data archive yet (2 workers, not in "
                + "the table; one worker records the archive as it works and writes it as it exits): %.3f s, %.2fx the "
                + "hand-written median. The archive was built %.1f s after that run ended, in the background.%n",
                firstSeconds, firstSeconds / median(times.get(new Config("executor", 2))), builtAfter)
                + programCache;
        Files.createDirectories(out);
        Files.writeString(out.resolve("brc.md"), md, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("brc.json"), json(rows, times, cpus), StandardCharsets.UTF_8);
        System.out.print(md);
    }

    private static void add(Map<Config, double[]> samples, Config config, double value) {
        double[] before = samples.getOrDefault(config, new double[0]);
        double[] now = Arrays.copyOf(before, before.length + 1);
        now[before.length] = value;
        samples.put(config, now);
    }

    /**
     * JDK 25+: the hand-written version and mpire4j on threads at 2 workers, each run with an AOT
     * cache of its own program (trained by one run of it), as a program that starts often would be
     * run: what is left of mpire4j's cost once its classes load as the JDK's do. Returns the
     * report's paragraph ("" before JDK 25).
     */
    private static String programCache(String java, String classPath, Path file, Path cache, int trials,
            Set<String> answers) throws IOException, InterruptedException {
        if (Runtime.version().feature() < 25) {
            return "";
        }
        List<Config> peers = List.of(new Config("executor", 2), new Config("mpire4j-threads", 2));
        Map<Config, double[]> times = new LinkedHashMap<>();
        for (Config peer : peers) {
            Path aot = cache.resolve(peer.peer() + ".aot");
            fork(command(java, classPath, peer, file, "-XX:AOTCacheOutput=" + aot), cache);
            if (!Files.isRegularFile(aot)) {
                throw new IllegalStateException("no AOT cache was written for " + peer.peer());
            }
        }
        for (int trial = 0; trial < trials; trial++) {
            for (Config peer : peers) {
                String[] result = fork(command(java, classPath, peer, file,
                        "-XX:AOTCache=" + cache.resolve(peer.peer() + ".aot")), cache);
                answers.add(result[2]);
                add(times, peer, Double.parseDouble(result[1]));
                System.out.printf(Locale.ROOT, "program AOT cache, trial %d  %-18s w=2  %7.3f s%n", trial + 1,
                        peer.peer(), Double.parseDouble(result[1]));
            }
        }
        if (answers.size() != 1) {
            throw new IllegalStateException("the peers gave different answers " + answers);
        }
        double executor = median(times.get(peers.get(0)));
        double threads = median(times.get(peers.get(1)));
        return String.format(Locale.ROOT, "%nWith an AOT cache of the program itself (`-XX:AOTCacheOutput` for one run of each "
                + "peer, then `-XX:AOTCache`; 2 workers, %d trials): hand-written %.3f s, mpire4j `THREADS` %.3f s, "
                + "%.2fx (best %.2fx).%n", trials, executor, threads, threads / executor,
                min(times.get(peers.get(1))) / min(times.get(peers.get(0))));
    }

    private static List<String> command(String java, String classPath, Config config, Path file, String... flags) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(flags));
        command.addAll(Runner.JVM_FLAGS);
        command.addAll(List.of("-cp", classPath, "io.mpire4j.benchmarks.BrcFork", config.peer(),
                Integer.toString(config.workers()), file.toString()));
        return command;
    }

    /** Waits (up to 2 minutes) until a class-data archive is in {@code dir} and nothing is building one; returns the seconds waited. */
    private static double awaitArchive(Path dir) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    List<String> names = files.map(f -> f.getFileName().toString()).toList();
                    if (names.stream().anyMatch(n -> n.endsWith(".failed"))) {
                        throw new IllegalStateException("building the class-data archive failed: " + names);
                    }
                    if (names.stream().anyMatch(n -> n.endsWith(".aot") || n.endsWith(".jsa"))
                            && names.stream().noneMatch(n -> n.endsWith(".lock"))) {
                        return (System.nanoTime() - start) / 1e9;
                    }
                }
            }
            Thread.sleep(50); // polling for a file that a detached process writes
        }
        throw new IllegalStateException("no class-data archive in " + dir + " within 2 minutes");
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String[] fork(List<String> command, Path cache) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("XDG_CACHE_HOME", cache.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("a fork ran over 10 minutes: " + command);
        }
        for (String line : output.split("\n")) {
            if (line.startsWith("RESULT\t")) {
                return line.split("\t", 5);
            }
        }
        throw new IllegalStateException("fork exited with " + process.exitValue() + " and no result: " + output);
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double median(double[] samples) {
        double[] s = samples.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] samples) {
        return Arrays.stream(samples).min().orElse(Double.NaN);
    }

    private static String markdown(long rows, long bytes, Map<Config, double[]> times, Map<Config, double[]> cpus,
            String sample, int trials) {
        StringBuilder s = new StringBuilder("# One Billion Row Challenge, scaled down\n\n");
        s.append(String.format(Locale.ROOT, "%,d rows (%,d MB), every run a fresh JVM (%s), timed cold from the "
                + "start of the work to the answer, pool and child-JVM start-up included. Median of %d trials "
                + "(baseline: %d), interleaved; %d CPUs, %s %s. Every run printed the same answer: `%s…`%n%n",
                rows, bytes >> 20, String.join(" ", Runner.JVM_FLAGS), trials, Math.min(trials, 3),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), sample));
        s.append("The ratios divide by the hand-written `ExecutorService` version at the same number of workers: of the "
                + "medians, and of the best runs (the run least disturbed by other work on a shared machine). CPU is the "
                + "median CPU time of the run's JVM and its child JVMs (Linux `/proc`), which such work disturbs less: "
                + "its ratio is the work a peer adds, whatever the wall clock.\n\n");
        s.append("| peer | workers | median | min – max | vs hand-written (median) | (best) | CPU | (ratio) |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<Config, double[]> e : times.entrySet()) {
            Config c = e.getKey();
            double[] t = e.getValue();
            double[] executor = times.get(new Config("executor", c.workers()));
            boolean reference = executor == null || c.peer().equals("baseline");
            String ratio = reference ? "" : String.format(Locale.ROOT, "%.2fx", median(t) / median(executor));
            String best = reference ? "" : String.format(Locale.ROOT, "%.2fx", min(t) / min(executor));
            double[] cpu = cpus.get(c);
            double[] executorCpu = cpus.get(new Config("executor", c.workers()));
            String cpuRatio = reference ? "" : String.format(Locale.ROOT, "%.2fx", median(cpu) / median(executorCpu));
            s.append(String.format(Locale.ROOT, "| %s | %d | %.3f s | %.3f – %.3f | %s | %s | %.2f s | %s |%n", c.peer(),
                    c.workers(), median(t), min(t), Arrays.stream(t).max().orElse(0), ratio, best, median(cpu), cpuRatio));
        }
        return s.toString();
    }

    private static String json(long rows, Map<Config, double[]> times, Map<Config, double[]> cpus) {
        StringBuilder s = new StringBuilder("{\"rows\": " + rows + ", \"runs\": [\n");
        int i = 0;
        for (Map.Entry<Config, double[]> e : times.entrySet()) {
            s.append(String.format(Locale.ROOT, "  {\"peer\": \"%s\", \"workers\": %d, \"median\": %.4f, \"min\": %.4f, \"seconds\": %s, "
                    + "\"cpuSeconds\": %s}%s%n",
                    e.getKey().peer(), e.getKey().workers(), median(e.getValue()), min(e.getValue()),
                    Arrays.toString(e.getValue()), Arrays.toString(cpus.get(e.getKey())),
                    ++i < times.size() ? "," : ""));
        }
        return s.append("]}\n").toString();
    }
}
