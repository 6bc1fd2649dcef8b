package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mpire4j.ParallelMethod;
import io.mpire4j.PoolOptions;
import io.mpire4j.StartMethod;
import io.mpire4j.TaskTimeoutException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM killed at a timeout takes the processes its task started with it, and its output
 * threads end even when a process it left behind still holds its pipes.
 */
@Timeout(60)
class ProcessTreeTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private static boolean unixTools() {
        return File.separatorChar == '/' && Files.isExecutable(Path.of("/bin/sh"));
    }

    private static long readPid(Path file) throws Exception {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                String text = Files.readString(file).trim();
                if (!text.isEmpty()) {
                    return Long.parseLong(text);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no pid in " + file);
    }

    private static boolean exits(long pid) throws Exception {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return true;
        }
        try {
            handle.get().onExit().get(BOUND.toSeconds(), TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    private static boolean outputThreadsEnd() throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            if (Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.isAlive() && t.getName().startsWith("mpire4j-output-"))) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Test
    void aTimeoutKillsWhatTheTaskStarted() throws Exception {
        assumeTrue(unixTools() && (Files.isExecutable(Path.of("/bin/sleep")) || Files.isExecutable(Path.of("/usr/bin/sleep"))));
        Path pidFile = tmp.resolve("grandchild");
        WorkerPool<int[], Integer> pool = WorkerPool.create(ChildFixture.program("hi "),
                PoolOptions.defaults().workers(1).startMethod(StartMethod.PROCESSES));
        long grandchild = -1;
        try {
            ParallelMethod<String, Long> fork = pool.<String, Long>method(ChildFixture.FORK)
                    .taskTimeout(Duration.ofMillis(1500));
            assertThrows(TaskTimeoutException.class, () -> fork.apply(pidFile.toString()));
            grandchild = readPid(pidFile);
            assertTrue(exits(grandchild), "the process the task started outlived its killed child JVM");
        } finally {
            pool.terminate();
            if (grandchild > 0) {
                ProcessHandle.of(grandchild).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void outputThreadsEndWhenAProcessLeftBehindHoldsThePipes() throws Exception {
        assumeTrue(unixTools());
        Path pidFile = tmp.resolve("orphan");
        WorkerPool<int[], Integer> pool = WorkerPool.create(ChildFixture.program("hi "),
                PoolOptions.defaults().workers(1).startMethod(StartMethod.PROCESSES));
        long orphan = -1;
        try {
            ParallelMethod<String, Long> start = pool.<String, Long>method(ChildFixture.ORPHAN)
                    .taskTimeout(Duration.ofMillis(1500));
            assertThrows(TaskTimeoutException.class, () -> start.apply(pidFile.toString()));
            orphan = readPid(pidFile);
            pool.terminate();
            assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false),
                    "the test needs the orphan alive while it checks");
            assertTrue(outputThreadsEnd(), "an output thread still waits on a pipe the orphan holds");
        } finally {
            pool.terminate();
            if (orphan > 0) {
                ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
