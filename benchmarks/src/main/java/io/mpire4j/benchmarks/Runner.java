package io.mpire4j.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs the suite: one {@link Fork} JVM per (workload, peer, worker count), all with
 * {@link #JVM_FLAGS}, one after another; collects their result lines into a raw file; then checks
 * the checksums and writes the report ({@link Report}). Any failed fork or checksum mismatch fails
 * the run with exit code 1 and leaves no report behind.
 *
 * <p>Usage (normally through {@code benchmarks/run}):
 * {@code Runner --mode full|quick --out DIR --logs DIR [--workloads a,b] [--peers x,y]}.
 * {@code --out} receives {@code latest.json}, {@code latest.md} and the charts; {@code --logs} the
 * raw results and the stderr of the progress-bar forks.
 */
final class Runner {
    /** The same heap and GC for every fork. 3 GB: the serial prefix table alone grows to 768 MB. */
    static final List<String> JVM_FLAGS = List.of("-Xms3g", "-Xmx3g", "-XX:+UseParallelGC");
    private static final long FORK_TIMEOUT_MINUTES = 10;
    /** The highest 1-minute load average seen while the current fork ran. Runner thread only. */
    private static double busiestLoad;
    /** The fork running now, so that stopping the runner (Ctrl-C) stops it too. */
    private static volatile Process running;

    private Runner() {}

    public static void main(String[] args) throws Exception {
        Mode mode = Mode.FULL;
        Path out = Path.of("results");
        Path logs = Path.of("target", "logs");
        List<String> workloads = Workload.ALL;
        List<String> onlyPeers = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--mode" -> mode = Mode.named(value);
                case "--out" -> out = Path.of(value);
                case "--logs" -> logs = Path.of(value);
                case "--workloads" -> workloads = List.of(value.split(","));
                case "--peers" -> onlyPeers = List.of(value.split(","));
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
            i++;
        }
        Files.createDirectories(logs);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process fork = running;
            if (fork != null) {
                fork.destroyForcibly();
            }
        }, "stop-running-fork"));
        Path raw = logs.resolve("raw-" + mode.name() + ".tsv");

        List<String[]> plan = new ArrayList<>();
        for (String name : workloads) {
            Workload workload = Workload.named(name, mode);
            for (int workers : mode.workers()) {
                for (String peer : workload.peers()) {
                    boolean serial = peer.equals("serial");
                    boolean picked = onlyPeers == null ? mode.runs(peer) : serial || onlyPeers.contains(peer);
                    if ((serial && workers != 1) || !picked) {
                        continue;
                    }
                    plan.add(new String[] {name, peer, Integer.toString(workers)});
                }
            }
        }
        System.out.printf("mpire4j benchmarks, %s%n  %d JVMs, each with %s, on %d CPUs, %s %s%n", mode.describe(),
                plan.size(), String.join(" ", JVM_FLAGS), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));

        long suiteStart = System.nanoTime();
        List<String> lines = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            String[] item = plan.get(i);
            String label = String.format(Locale.ROOT, "[%3d/%d %5.0fs] %-16s %-34s w=%s", i + 1, plan.size(),
                    (System.nanoTime() - suiteStart) / 1e9, item[0], item[1], item[2]);
            System.out.print(label);
            System.out.flush();
            try {
                String line = fork(item, mode, logs);
                // Other work on the machine skews a fork's times; the busiest minute it saw goes with its result.
                double load = Math.max(loadAverage(), busiestLoad);
                busiestLoad = 0;
                line += "\t" + String.format(Locale.ROOT, "%.2f", load);
                lines.add(line);
                Files.write(raw, lines, StandardCharsets.UTF_8);
                double[] seconds = Arrays.stream(line.split("\t")[4].split(",")).mapToDouble(Double::parseDouble)
                        .sorted().toArray();
                System.out.printf(Locale.ROOT, "  median %8.4f s  [%.4f, %.4f]  load %.1f%n", seconds[seconds.length / 2],
                        seconds[0], seconds[seconds.length - 1], load);
            } catch (IOException | RuntimeException e) {
                System.out.println("  FAILED: " + e.getMessage());
                failures.add(String.join("/", item) + ": " + e.getMessage());
            }
        }
        System.out.printf(Locale.ROOT, "suite took %.0f s; raw results in %s%n", (System.nanoTime() - suiteStart) / 1e9,
                raw);
        if (!failures.isEmpty()) {
            System.err.println("\nBENCHMARK FAILED: " + failures.size() + " fork(s) failed, no report written:");
            failures.forEach(f -> System.err.println("  " + f));
            System.exit(1);
        }
        try {
            Report.write(Report.parse(lines), mode, out);
        } catch (Report.ChecksumMismatch e) {
            System.err.println("\nBENCHMARK FAILED: checksums differ, so some peer did different work. No report written.");
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /** Runs one fork and returns its result line; its other stdout is printed after it ends, indented. */
    private static String fork(String[] item, Mode mode, Path logs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Fork.class.getName());
        command.addAll(List.of(item));
        command.add(mode.name());
        ProcessBuilder builder = new ProcessBuilder(command);
        if (item[1].endsWith("-progress")) {
            // We measure what the bar costs, not what it looks like: its output goes to a file.
            builder.redirectError(logs.resolve("progress-" + item[0] + "-" + item[1] + "-" + item[2] + ".log").toFile());
        } else {
            builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        }
        Path stdout = logs.resolve("fork.out");
        builder.redirectOutput(stdout.toFile());
        Process process = builder.start();
        running = process;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(FORK_TIMEOUT_MINUTES);
        while (!process.waitFor(5, TimeUnit.SECONDS)) {
            busiestLoad = Math.max(busiestLoad, loadAverage());
            if (System.nanoTime() > deadline) {
                process.destroyForcibly().waitFor();
                throw new IOException("no exit within " + FORK_TIMEOUT_MINUTES + " minutes");
            }
        }
        running = null;
        String result = null;
        for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
            if (line.startsWith("RESULT\t")) {
                result = line.substring("RESULT\t".length());
            } else {
                System.out.println("    " + line);
            }
        }
        if (process.exitValue() != 0 || result == null) {
            throw new IOException("fork exited with " + process.exitValue() + (result == null ? " and no result" : ""));
        }
        return result;
    }

    /**
     * The 1-minute load average (runnable threads, ours included), or 0 where the OS does not say.
     * A fork running alone on an otherwise idle machine shows at most about its worker count.
     */
    static double loadAverage() {
        return Math.max(0, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
