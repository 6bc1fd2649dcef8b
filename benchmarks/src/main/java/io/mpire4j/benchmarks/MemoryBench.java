package io.mpire4j.benchmarks;

import io.mpire4j.PoolOptions;
import io.mpire4j.StartMethod;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * What mpire4j holds in memory, in one JVM ({@code -Xmx1g -XX:+UseParallelGC}):
 * <ol>
 *   <li><b>heap per task in flight</b>: {@code imap} over an endless stream with
 *       {@code maxTasksActive(1000)} on 2 workers; the heap after a full GC at 1, 5 and 10 million
 *       tasks consumed must stay flat (the consumer pauses to measure, so the workers wait at the
 *       bound);
 *   <li><b>a child JVM</b> ({@code PROCESSES}): its resident memory (VmRSS from
 *       {@code /proc/<pid>/status}) once it has run a task and rests, and the time from
 *       {@code create} to its first result, against a 1-worker {@code THREADS} pool;
 *   <li><b>results held by {@code map}</b>: heap after GC while the result list of a million
 *       tasks is held, minus the heap before, per result, against a plain {@code ArrayList} of the
 *       same results built by a loop. Both include the boxed results (24 bytes each); the difference
 *       is mpire4j's overhead.
 * </ol>
 * Writes {@code memory.md}. Run: {@code benchmarks/run --memory} (about a minute).
 */
final class MemoryBench {
    private static final long[] CHECKPOINTS = {1_000_000, 5_000_000, 10_000_000};
    private static final int RESULTS = 1_000_000;
    private static final int STARTS = 7;

    private MemoryBench() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "results");
        StringBuilder md = new StringBuilder("# Memory\n\n");
        md.append(String.format(Locale.ROOT, "Run %s on %d CPUs, %s %s, `-Xmx1g -XX:+UseParallelGC`, load average "
                + "%.2f at the start. Heap figures are used heap after `System.gc()` (a full collection with this "
                + "collector), from `MemoryMXBean`.%n%n", java.time.LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runner.loadAverage()));
        endless(md);
        child(md);
        results(md);
        Files.createDirectories(out);
        Files.writeString(out.resolve("memory.md"), md.toString(), StandardCharsets.UTF_8);
        System.out.print(md);
    }

    static long heapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) { // the lowest of three: a finalizer or reference queue may lag one GC
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static void endless(StringBuilder md) {
        md.append("## Heap while an endless `imap` runs\n\n`imap` of x → x² over an endless stream of longs, "
                + "`maxTasksActive(1000)`, 2 `THREADS` workers, default chunking.\n\n"
                + "| tasks consumed | heap after GC | change since 1 M | time |\n|---:|---:|---:|---:|\n");
        long before = heapAfterGc();
        long first = -1;
        long start = System.nanoTime();
        try (OverheadTasksParallel pool = OverheadTasksParallel.create(PoolOptions.defaults().workers(2));
                Stream<Long> results = pool.square().maxTasksActive(1000)
                        .imap(Stream.iterate(0L, x -> x + 1))) {
            Iterator<Long> it = results.iterator();
            long consumed = 0;
            long check = 0;
            for (long checkpoint : CHECKPOINTS) {
                while (consumed < checkpoint) {
                    long x = consumed++;
                    long r = it.next();
                    if (r != x * x) {
                        throw new IllegalStateException("imap result " + consumed + " was " + r);
                    }
                    check += r;
                }
                long heap = heapAfterGc();
                if (first < 0) {
                    first = heap;
                }
                md.append(String.format(Locale.ROOT, "| %,d | %.1f MB | %+.2f MB | %.1f s |%n", checkpoint, heap / 1e6,
                        (heap - first) / 1e6, (System.nanoTime() - start) / 1e9));
            }
            if (check == 42) {
                System.out.println(); // keeps the sum alive
            }
        }
        md.append(String.format(Locale.ROOT, "%nHeap before the pool: %.1f MB.%n%n", before / 1e6));
    }

    private static void child(StringBuilder md) throws Exception {
        md.append("## A child JVM worker against a thread\n\n");
        double[] threadMs = new double[STARTS];
        double[] childMs = new double[STARTS];
        long[] rssKb = new long[STARTS];
        for (int i = -2; i < STARTS; i++) { // two unrecorded starts train the class-data archive and the JIT
            long start = System.nanoTime();
            try (OverheadTasksParallel pool = OverheadTasksParallel.create(PoolOptions.defaults().workers(1))) {
                pool.square(3L);
                if (i >= 0) {
                    threadMs[i] = (System.nanoTime() - start) / 1e6;
                }
            }
            start = System.nanoTime();
            try (OverheadTasksParallel pool = OverheadTasksParallel.create(
                    PoolOptions.defaults().workers(1).startMethod(StartMethod.PROCESSES))) {
                pool.square(3L);
                double ms = (System.nanoTime() - start) / 1e6;
                TimeUnit.MILLISECONDS.sleep(500); // at rest: its start-up work done
                if (i >= 0) {
                    childMs[i] = ms;
                    rssKb[i] = ProcessHandle.current().children().mapToLong(MemoryBench::rssKb).sum();
                }
            }
        }
        Arrays.sort(threadMs);
        Arrays.sort(childMs);
        Arrays.sort(rssKb);
        md.append(String.format(Locale.ROOT, "A 1-worker pool, from `create` to the first result of `apply` (%d starts, "
                + "after 2 unrecorded ones):%n%n| worker | ready: best / median | resident memory at rest (median, "
                + "min – max) |%n|---|---:|---:|%n", STARTS));
        md.append(String.format(Locale.ROOT, "| `THREADS` (a platform thread) | %.2f / %.2f ms | a thread stack: 1 MB "
                + "reserved, only the pages it touches resident |%n", threadMs[0], threadMs[STARTS / 2]));
        md.append(String.format(Locale.ROOT, "| `PROCESSES` (a child JVM, mpire4j's default flags) | %.1f / %.1f ms | "
                + "%.1f MB (%.1f – %.1f) |%n%n", childMs[0], childMs[STARTS / 2], rssKb[STARTS / 2] / 1024.0,
                rssKb[0] / 1024.0, rssKb[STARTS - 1] / 1024.0));
    }

    /** VmRSS of a process from /proc, in kB; 0 if it cannot be read. */
    static long rssKb(ProcessHandle process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // not Linux, or the process ended
        }
        return 0;
    }

    private static void results(StringBuilder md) {
        md.append(String.format(Locale.ROOT, "## Results held by `map`%n%n%,d results of x → x² (boxed `Long`s, "
                + "24 bytes each with this JVM's object headers, all distinct objects) held after the call, against the same results in a plain "
                + "`ArrayList` sized exactly. Bytes per result = (heap after GC while holding the list − heap after "
                + "GC before it) ÷ results; the input list exists before and after.%n%n"
                + "| holder | bytes per result | overhead over `ArrayList` |%n|---|---:|---:|%n", RESULTS));
        List<Long> inputs = LongStream.range(1000, 1000 + RESULTS).boxed().toList();
        List<Long> linked = new LinkedList<>(inputs);
        double plain = perResult(() -> {
            List<Long> list = new ArrayList<>(inputs.size());
            for (Long x : inputs) {
                list.add(OverheadTasks.square(x));
            }
            return list;
        });
        double map;
        double mapIterable;
        try (OverheadTasksParallel pool = OverheadTasksParallel.create(PoolOptions.defaults().workers(2))) {
            pool.square().map(inputs); // warm
            map = perResult(() -> pool.square().map(inputs));
            mapIterable = perResult(() -> pool.square().map(linked));
        }
        md.append(String.format(Locale.ROOT, "| `ArrayList` (a loop) | %.2f | |%n", plain));
        md.append(String.format(Locale.ROOT, "| `map` over a `List` (`RandomAccess`: ranges claimed by the workers) | "
                + "%.2f | %+.2f B |%n", map, map - plain));
        md.append(String.format(Locale.ROOT, "| `map` over a `LinkedList` (chunk by chunk, length known) | %.2f | "
                + "%+.2f B |%n%n", mapIterable, mapIterable - plain));
    }

    private static double perResult(java.util.function.Supplier<List<Long>> make) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long before = heapAfterGc();
            List<Long> held = make.get();
            long after = heapAfterGc();
            if (held.size() != RESULTS) {
                throw new IllegalStateException("lost results");
            }
            best = Math.min(best, (after - before) / (double) RESULTS);
        }
        return best;
    }
}
