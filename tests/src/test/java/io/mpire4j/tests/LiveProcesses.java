package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Finds live processes descended from this JVM: child-JVM workers, and anything they started. */
final class LiveProcesses {
    private LiveProcesses() {}

    private static String shorten(String commandLine) {
        return commandLine.length() <= 200 ? commandLine : commandLine.substring(0, 100) + " … "
                + commandLine.substring(commandLine.length() - 100);
    }

    /** The live descendants of this JVM. */
    static List<ProcessHandle> descendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    }

    /** Whether process {@code pid} is alive. */
    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Waits up to {@code limit} for process {@code pid} to end; false if it is still alive then. */
    static boolean awaitExit(long pid, Duration limit) {
        var handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return true;
        }
        try {
            handle.get().onExit().get(limit.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.get().isAlive();
        } catch (ExecutionException e) {
            return !handle.get().isAlive();
        }
    }

    /**
     * Waits up to {@code limit} for every descendant of this JVM to end, then fails listing those
     * still alive with their command lines.
     */
    static void assertNoneLeft(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (ProcessHandle child : descendants()) {
            awaitExit(child.pid(), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        List<ProcessHandle> alive = descendants();
        if (!alive.isEmpty()) {
            fail("child processes still alive " + limit.toSeconds() + " s after the test: "
                    + alive.stream().map(p -> p.pid() + " " + shorten(p.info().commandLine().orElse("?"))).toList());
        }
    }
}
