package io.mpire4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
     * Checks, when a pool is created, that every CPU named in {@code options} is one this JVM may
     * use, and that {@code taskset} exists.
     *
     * @throws IllegalArgumentException naming the CPU and the allowed ones
     */
    static void check(PoolOptions options) {
        ChildLauncher.taskset();
        Set<Integer> allowed = allowed();
        if (allowed.isEmpty()) {
            return;
        }
        for (int worker = 0; worker < options.workers(); worker++) {
            for (int cpu : options.cpuIds(worker)) {
                if (!allowed.contains(cpu)) {
                    throw new IllegalArgumentException("cpuIds names CPU " + cpu + ", but this JVM may only run on CPUs "
                            + format(allowed) + " (cpuIds " + options.cpuIds(worker) + " for worker " + worker + ")");
                }
            }
        }
    }

    /**
     * Pins the calling thread to {@code cpus}: {@code taskset -p -c <cpus> <tid>}, the thread id read
     * from {@code /proc/thread-self}. Called on a worker's own thread before its first task.
     *
     * @throws IllegalStateException with taskset's own words if it fails
     */
    static void pinCurrentThread(Set<Integer> cpus) {
        try {
            String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            Process taskset = new ProcessBuilder(ChildLauncher.taskset(), "-p", "-c", format(cpus), tid)
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
