package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mpire4j.PoolOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** cpuIds on THREADS: each worker thread pins itself, and bad CPU ids fail pool creation. */
class ThreadPinningTest {

    /** The calling thread's own Cpus_allowed_list, as the kernel sees it. */
    private static String myCpus() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return line.substring("Cpus_allowed_list:".length()).trim();
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no Cpus_allowed_list");
    }

    private static WorkerPool<Void, Void> pool(PoolOptions options) {
        return WorkerPool.create(WorkerProgram.<Void, Void>builder("Pins")
                .task("cpus", List.of("x"), (state, workerId, x) -> myCpus(), x -> new Object[] {x}, Codecs.INT,
                        Codecs.STRING)
                .build(), options);
    }

    private static void assumePinnable() {
        assumeTrue(Files.exists(Path.of("/proc/thread-self/status")), "Linux only");
        try {
            CpuPinning.taskset();
        } catch (IllegalStateException missing) {
            assumeTrue(false, "no taskset");
        }
    }

    @Test
    void everyWorkerThreadRunsOnTheCpusItWasGiven() {
        assumePinnable();
        try (WorkerPool<Void, Void> pool = pool(PoolOptions.defaults().workers(2).cpuIds(Set.of(0)))) {
            List<String> seen = pool.<Integer, String>method(0).chunkSize(1).map(List.of(1, 2, 3, 4));
            assertEquals(List.of("0", "0", "0", "0"), seen);
        }
        assumeTrue(CpuPinning.allowed().containsAll(Set.of(0, 1)), "needs CPUs 0 and 1");
        PoolOptions perWorker = PoolOptions.defaults().workers(2).orderTasks(true).cpuIds(List.of(Set.of(1), Set.of(0, 1)));
        try (WorkerPool<Void, Void> pool = pool(perWorker)) {
            List<String> seen = pool.<Integer, String>method(0).chunkSize(1).map(List.of(1, 2, 3, 4));
            assertEquals(List.of("1", "0-1", "1", "0-1"), seen, "chunk k runs on worker k mod 2");
        }
        assertEquals(CpuPinning.allowed(), CpuPinning.parseList(myCpus()),
                "pinning is per worker thread: the calling thread keeps every CPU the JVM has");
    }

    @Test
    void aCpuThisJvmMayNotUseFailsPoolCreationNamingIt() {
        assumePinnable();
        int missing = CpuPinning.allowed().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pool(PoolOptions.defaults().workers(1).cpuIds(Set.of(missing))));
        assertTrue(e.getMessage().startsWith("cpuIds names CPU " + missing + ", but this JVM may only run on CPUs "),
                e.getMessage());
    }

    @Test
    void cpuListsParseAsTheKernelWritesThem() {
        assertEquals(Set.of(0, 1, 2, 3, 6), CpuPinning.parseList("0-3,6"));
        assertEquals(Set.of(5), CpuPinning.parseList("5"));
        assertEquals("0,2,3", CpuPinning.format(new java.util.TreeSet<>(Set.of(3, 0, 2))));
    }
}
