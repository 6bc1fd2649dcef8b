package io.mpire4j.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * {@code cpuIds} on Linux: which CPUs this JVM may use, and pinning a worker thread to some of them
 * with {@code taskset -p} on its own thread id (child JVMs are launched through {@code taskset}
 * instead, see {@link ChildLauncher}).
 */
final class CpuPinning {
    private CpuPinning() {}

    /** The CPUs this process may run on ({@code Cpus_allowed_list}), or empty when unknown. */
    static Set<Integer> allowed() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return parseList(line.substring("Cpus_allowed_list:".length()).trim());
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // unknown: let taskset judge
        }
        return Set.of();
    }

    /** Parses a CPU list such as {@code 0-3,6}. */
    static Set<Integer> parseList(String list) {
        Set<Integer> cpus = new TreeSet<>();
        for (String part : list.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] range = part.trim().split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            for (int cpu = from; cpu <= to; cpu++) {
                cpus.add(cpu);
            }
        }
        return cpus;
    }

    /** {@code 0,2,3} for taskset. */
    static String format(Set<Integer> cpus) {
        StringJoiner list = new StringJoiner(",");
        for (int cpu : cpus) {
            list.add(Integer.toString(cpu));
        }
        return list.toString();
    }

    /**
     * Checks, when a pool is created, that every CPU in {@code perWorker} is one this JVM may use.
     *
     * @throws IllegalArgumentException naming the CPU and the allowed ones
     */
    static void check(List<Set<Integer>> perWorker) {
        Set<Integer> allowed = allowed();
        if (allowed.isEmpty()) {
            return;
        }
        for (int worker = 0; worker < perWorker.size(); worker++) {
            for (int cpu : perWorker.get(worker)) {
                if (!allowed.contains(cpu)) {
                    throw new IllegalArgumentException("cpuIds names CPU " + cpu + ", but this JVM may only run on CPUs "
                            + format(allowed) + " (cpuIds " + perWorker.get(worker) + " for worker " + worker + ")");
                }
            }
        }
    }

    /** The {@code taskset} executable; throws if there is none. */
    static String taskset() {
        String path = System.getenv("PATH");
        if (path != null && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, "taskset");
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        throw new IllegalStateException("cpuIds pins workers with the taskset command (Linux, package util-linux), "
                + "which was not found on the PATH" + (path == null ? "" : " (" + path + ")")
                + "; install it or drop cpuIds");
    }

    /**
     * Pins the calling thread to {@code cpus}: {@code taskset -p -c <cpus> <tid>}, the thread id read
     * from {@code /proc/thread-self}. Called on a worker's own thread before its first task.
     *
     * @throws IllegalStateException with taskset's own words if it fails
     */
    static void pinCurrentThread(String command, Set<Integer> cpus) {
        try {
            String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            Process taskset = new ProcessBuilder(command, "-p", "-c", format(cpus), tid)
                    .redirectErrorStream(true).start();
            String said;
            try (InputStream out = taskset.getInputStream()) {
                said = new String(out.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!taskset.waitFor(10, TimeUnit.SECONDS)) {
                taskset.destroyForcibly();
                throw new IllegalStateException("taskset did not pin thread " + tid + " within 10 s");
            }
            if (taskset.exitValue() != 0) {
                throw new IllegalStateException("taskset could not pin a worker thread to CPUs " + format(cpus) + ": "
                        + said);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not pin a worker thread to CPUs " + format(cpus) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pinning a worker thread", e);
        }
    }
}
