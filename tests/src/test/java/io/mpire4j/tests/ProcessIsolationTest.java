package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.PoolOptions;
import io.mpire4j.StartMethod;
import io.mpire4j.TaskFailedException;
import io.mpire4j.TaskTimeoutException;
import io.mpire4j.WorkerDiedException;
import io.mpire4j.WorkerInitException;
import io.mpire4j.tests.fixtures.Hazards;
import io.mpire4j.tests.fixtures.HazardsParallel;
import io.mpire4j.tests.fixtures.Local;
import io.mpire4j.tests.fixtures.LocalParallel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What only child-JVM workers guarantee, end to end through a generated class: a task that ends its
 * JVM, is killed, runs away ignoring interrupts or runs out of memory fails its call and nothing
 * more; the slot gets a fresh JVM and the pool carries on. Also: output forwarding, a type that
 * cannot be sent, CPU pinning, and lifespan restarts that are not deaths.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = StartMethod.class, names = "PROCESSES")
class ProcessIsolationTest extends PoolContract {

    /** One child JVM: its pid is the pool's only one. */
    private HazardsParallel onePool() {
        return HazardsParallel.create(new Hazards(board()), options().workers(1));
    }

    @Test
    void systemExitInATaskIsAWorkerDeathNamingTheExitCodeAndTheArgument() {
        try (var pool = onePool()) {
            long first = pool.pid(0);
            WorkerDiedException e = promptly(() -> assertThrows(WorkerDiedException.class, () -> pool.exit(3)));
            assertEquals(3, e.exitCode());
            assertTrue(e.signal().isEmpty());
            assertEquals(List.of(3), e.arguments());
            assertEquals(-1, e.taskIndex());
            assertEquals("Hazards.exit", e.method());
            assertContains(e.getMessage(), "exit code 3");
            assertContains(e.getMessage(), "code = 3");
            assertTrue(LiveProcesses.awaitExit(first, PROMPTLY));

            // the slot has a fresh child, and a map call reports the death the same way
            long second = pool.pid(0);
            assertNotEquals(first, second);
            WorkerDiedException inMap = promptly(() -> assertThrows(WorkerDiedException.class,
                    () -> pool.exit().chunkSize(1).map(List.of(5, 6, 7))));
            assertEquals(5, inMap.exitCode());
            assertEquals(0, inMap.taskIndex());
            assertEquals(List.of(5), inMap.arguments());
            assertContains(inMap.getMessage(), "code = 5");
            assertTrue(LiveProcesses.awaitExit(second, PROMPTLY));
            List<Long> third = pool.pid().map(List.of(0, 1, 2));
            assertEquals(1, third.stream().distinct().count());
            assertFalse(third.contains(second), "the pool goes on in a fresh child");

            // exit code 0 is no less a death: the child was not told to stop
            WorkerDiedException zero = promptly(() -> assertThrows(WorkerDiedException.class, () -> pool.exit(0)));
            assertEquals(0, zero.exitCode());
            assertContains(zero.getMessage(), "exit code 0");
        }
    }

    @Test
    void theLastWordsOfAChildThatExitsAreForwarded() {
        PrintStream out = System.out;
        Capture captured = new Capture(out);
        System.setOut(captured);
        try {
            var pool = onePool();
            assertThrows(WorkerDiedException.class, () -> pool.exit(6));
            pool.close(); // joins the forwarding threads
        } finally {
            System.setOut(out);
        }
        assertTrue(captured.lines.contains("[worker-0] bye 6"), captured.lines.toString());
    }

    @Test
    void aChildThatDiesInInitFailsTheCallWithWorkerInitException() {
        board().mark("exit-in-init");
        try (var pool = onePool()) {
            WorkerInitException e = promptly(() -> assertThrows(WorkerInitException.class, () -> pool.pid(0)));
            assertEquals("Hazards.start", e.method());
            assertContains(e.getMessage(), "died during @WorkerInit (exit code 4)");
            board().remove("exit-in-init");
            assertTrue(promptly(() -> pool.pid(1)) > 0, "the pool goes on once init works");
        }
    }

    @Test
    void aDeathFailsOnlyItsCallAndLeavesTheOtherWorkersAndTheirExits() throws Exception {
        try (var pool = HazardsParallel.create(new Hazards(board()), options().orderTasks(true))) {
            List<Long> pids = pool.pid().chunkSize(1).map(List.of(0, 1)); // worker 0, worker 1
            CompletableFuture<Long> blocked = pool.blockAsync("gate");
            awaitUntil(() -> board().has("blocking-gate"), "the task to block");
            long victim = Long.parseLong(board().read("blocking-gate").orElseThrow());
            long survivor = pids.get(0) == victim ? pids.get(1) : pids.get(0);
            assertTrue(ProcessHandle.of(victim).orElseThrow().destroyForcibly());
            ExecutionException e = promptly(() -> assertThrows(ExecutionException.class,
                    () -> blocked.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS)));
            assertInstanceOf(WorkerDiedException.class, e.getCause());
            assertTrue(LiveProcesses.alive(survivor), "the other worker's JVM was taken down too");
            List<Long> after = pool.pid().chunkSize(1).map(List.of(2, 3));
            assertTrue(after.contains(survivor), "the surviving worker was restarted: " + after + " vs " + survivor);
            assertFalse(after.contains(victim));
            pool.stopAndJoin(); // the dead JVM's state died with it: no exit for it, and no failure
            // the survivor counted 2 tasks, the replacement 1; the dead JVM's count died with it
            assertEquals(List.of(1, 2), pool.exitResults().stream().sorted().toList());
        }
    }

    @Test
    void aSharedReceiverThatCannotBeSentFailsNamingItsTypeWithoutHanging() {
        Local local = new Local((workerId, x) -> x); // holds a lambda: not Serializable
        // encoded once when the pool is created, so creating it fails, before any child starts
        IllegalArgumentException e = promptly(() -> assertThrows(IllegalArgumentException.class,
                () -> LocalParallel.create(local, options())));
        assertContains(e.getMessage(), Local.class.getName());
        assertEquals(List.of(), LiveProcesses.descendants(), "a child was started for a receiver that cannot be sent");
    }

    @Test
    void killMinus9OfABusyChildIsAWorkerDeathNamingSignal9() throws Exception {
        try (var pool = onePool()) {
            long pid = pool.pid(0);
            CompletableFuture<Long> blocked = pool.blockAsync("gate");
            awaitUntil(() -> board().has("blocking-gate"), "the task to block");
            assertEquals(Long.toString(pid), board().read("blocking-gate").orElseThrow());
            assertTrue(ProcessHandle.of(pid).orElseThrow().destroyForcibly()); // SIGKILL
            ExecutionException e = promptly(() -> assertThrows(ExecutionException.class,
                    () -> blocked.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS)));
            WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, e.getCause());
            assertEquals(9, died.signal().orElseThrow());
            assertEquals(128 + 9, died.exitCode());
            assertContains(died.getMessage(), "killed by signal 9 (SIGKILL)");
            assertContains(died.getMessage(), "marker = \"gate\"");
            assertEquals(List.of("gate"), died.arguments());
            assertNotEquals(pid, pool.pid(0), "the slot has a fresh child");
        }
    }

    @Test
    void aChildKilledWhileIdleIsReplacedWithoutFailingAnyCall() {
        try (var pool = onePool()) {
            long pid = pool.pid(0);
            assertTrue(ProcessHandle.of(pid).orElseThrow().destroyForcibly());
            assertTrue(LiveProcesses.awaitExit(pid, PROMPTLY));
            long replacement = promptly(() -> pool.pid(1));
            assertNotEquals(pid, replacement);
            assertEquals(List.of(replacement, replacement), pool.pid().map(List.of(2, 3)));
        }
    }

    @Test
    void aTimeoutKillsARunawayTaskThatIgnoresInterruptsAndTheSlotIsReplaced() {
        try (var pool = onePool()) {
            TaskTimeoutException e = promptly(() -> assertThrows(TaskTimeoutException.class,
                    () -> pool.runAway().taskTimeout(Duration.ofMillis(300)).apply(1)));
            assertEquals(Duration.ofMillis(300), e.timeout());
            assertEquals(List.of(1), e.arguments());
            long runaway = Long.parseLong(board().read("running-away-1").orElseThrow());
            assertTrue(LiveProcesses.awaitExit(runaway, PROMPTLY), "the runaway child " + runaway + " still runs");
            long replacement = promptly(() -> pool.pid(0));
            assertNotEquals(runaway, replacement);

            // in a map call: the call fails at the runaway task, the others were fine
            TaskTimeoutException inMap = promptly(() -> assertThrows(TaskTimeoutException.class,
                    () -> pool.runAway().taskTimeout(Duration.ofMillis(300)).chunkSize(1).map(List.of(7))));
            assertEquals(0, inMap.taskIndex());
            assertTrue(LiveProcesses.awaitExit(Long.parseLong(board().read("running-away-7").orElseThrow()), PROMPTLY));
            assertEquals(1, pool.pid().map(List.of(0, 1, 2)).stream().distinct().count());
        }
    }

    @Test
    void aTimedOutApplyAsyncFailsOnlyItsOwnTask() throws Exception {
        try (var pool = HazardsParallel.create(new Hazards(board()), options())) {
            CompletableFuture<Long> blocked = pool.blockAsync("gate"); // one worker waits for the gate
            awaitUntil(() -> board().has("blocking-gate"), "the task to block");
            CompletableFuture<Long> runaway = pool.runAway().taskTimeout(Duration.ofMillis(300)).applyAsync(1);
            ExecutionException e = promptly(() -> assertThrows(ExecutionException.class,
                    () -> runaway.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS)));
            assertInstanceOf(TaskTimeoutException.class, e.getCause());
            assertFalse(blocked.isDone(), "the other worker's task was disturbed: " + blocked);
            board().mark("gate");
            long survivor = blocked.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(Long.parseLong(board().read("blocking-gate").orElseThrow()), survivor);
            assertTrue(LiveProcesses.alive(survivor), "killing the runaway took its neighbour down");
        }
    }

    @Test
    void anOutOfMemoryErrorFailsTheCallAndThePoolGoesOn() {
        try (var pool = HazardsParallel.create(new Hazards(board()), options().workers(1).jvmOptions(List.of("-Xmx32m")))) {
            long pid = pool.pid(0);
            // The allocation fails at once, so the child can still report it: a TaskFailedException
            // whose cause is the OutOfMemoryError; the child is then retired (a JVM after an OOM may
            // be in a bad way) and the slot gets a fresh one.
            TaskFailedException e = promptly(() -> assertThrows(TaskFailedException.class, () -> pool.hog(512)));
            assertFalse(e instanceof WorkerDiedException, e.getMessage());
            assertInstanceOf(OutOfMemoryError.class, e.getCause());
            assertEquals(List.of(512), e.arguments());
            assertContains(e.getMessage(), "megabytes = 512");
            assertTrue(LiveProcesses.awaitExit(pid, PROMPTLY), "the child " + pid + " was not retired after its OOM");
            assertNotEquals(pid, pool.pid(0));
            assertEquals(8 * 131_072, pool.hog(8), "a small allocation still fits in 32 MB");
        }
    }

    @Test
    void childOutputReachesThisJvmsStreamsWithAWorkerPrefix() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        Capture capturedOut = new Capture(out);
        Capture capturedErr = new Capture(err);
        System.setOut(capturedOut);
        System.setErr(capturedErr);
        try {
            var pool = HazardsParallel.create(new Hazards(board()), options().orderTasks(true));
            pool.say().chunkSize(1).forEach(List.of("hello from the first child", "hello from the second child"));
            pool.close(); // joins the forwarding threads: every line has arrived
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertTrue(capturedOut.lines.contains("[worker-0] hello from the first child"), capturedOut.lines.toString());
        assertTrue(capturedOut.lines.contains("[worker-1] hello from the second child"), capturedOut.lines.toString());
        assertTrue(capturedErr.lines.contains("[worker-0] err: hello from the first child"), capturedErr.lines.toString());
        assertFalse(capturedOut.lines.stream().anyMatch(l -> l.startsWith("[worker-") && l.contains("err: ")),
                "stderr reached stdout: " + capturedOut.lines);
    }

    /** Records the lines printed to it, and passes them on. */
    private static final class Capture extends PrintStream {
        final List<String> lines = new CopyOnWriteArrayList<>();

        Capture(PrintStream original) {
            super(original, true);
        }

        @Override
        public void println(String line) {
            lines.add(line);
            super.println(line);
        }
    }

    @Test
    void anArgumentThatCannotBeSentFailsNamingItsTypeWithoutHanging() {
        try (var pool = onePool()) {
            TaskFailedException e = promptly(() -> assertThrows(TaskFailedException.class,
                    () -> pool.describe(new Hazards.Unsendable())));
            assertContains(e.getCause().getMessage(), Hazards.Unsendable.class.getName());
            assertContains(e.getMessage(), "value = an Unsendable");
            CompletableFuture<String> async = pool.describeAsync(new Hazards.Unsendable());
            ExecutionException a = promptly(() -> assertThrows(ExecutionException.class,
                    () -> async.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS)));
            assertInstanceOf(TaskFailedException.class, a.getCause());
            assertEquals(1, pool.pid().map(List.of(0, 1)).stream().distinct().count(), "the child lives on");
        }
    }

    @Test
    void cpuIdsPinEachChildJvm() throws IOException {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        org.junit.jupiter.api.Assumptions.assumeTrue(linux && Runtime.getRuntime().availableProcessors() >= 2,
                "pinning is read back from /proc on Linux, with two CPUs");
        try (var pool = HazardsParallel.create(new Hazards(board()), options().orderTasks(true).cpuIds(Set.of(0)))) {
            for (long pid : pool.pid().chunkSize(1).map(List.of(0, 1))) {
                assertEquals("0", cpusAllowed(pid), "child " + pid);
            }
        }
        try (var pool = HazardsParallel.create(new Hazards(board()),
                options().orderTasks(true).cpuIds(List.of(Set.of(1), Set.of(0, 1))))) {
            List<Long> pids = pool.pid().chunkSize(1).map(List.of(0, 1));
            assertEquals("1", cpusAllowed(pids.get(0)), "worker 0");
            assertEquals("0-1", cpusAllowed(pids.get(1)), "worker 1");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HazardsParallel.create(
                new Hazards(board()), PoolOptions.defaults().startMethod(StartMethod.VIRTUAL_THREADS).cpuIds(Set.of(0))));
        assertContains(e.getMessage(), "cpuIds");
    }

    /** The {@code Cpus_allowed_list} of a live process, e.g. {@code 0} or {@code 0-1}. */
    private static String cpusAllowed(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(l -> l.startsWith("Cpus_allowed_list:"))
                .map(l -> l.substring("Cpus_allowed_list:".length()).strip())
                .findFirst().orElseThrow();
    }

    @Test
    void lifespanRestartsStartFreshJvmsAndAreNeverReportedAsDeaths() {
        try (var pool = HazardsParallel.create(new Hazards(board()), options())) {
            List<Integer> inputs = IntStream.range(0, 20).boxed().toList();
            List<Long> pids = promptly(() -> pool.pid().chunkSize(1).workerLifespan(2).map(inputs));
            assertEquals(20, pids.size());
            // each JVM ran at most 2 tasks: at least 10 JVMs
            assertTrue(pids.stream().distinct().count() >= 10, "JVMs: " + pids.stream().distinct().toList());
            pool.stopAndJoin();
            List<Integer> exits = pool.exitResults();
            assertEquals(20, exits.stream().mapToInt(Integer::intValue).sum(), "every lifespan ran its exit: " + exits);
            assertTrue(exits.stream().allMatch(n -> n <= 2), "exits: " + exits);
            assertEquals(pids.stream().distinct().count(), exits.size(), "one exit per JVM");
        }
    }
}
