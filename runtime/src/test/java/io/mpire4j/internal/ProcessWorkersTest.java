package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mpire4j.ParallelMethod;
import io.mpire4j.PoolOptions;
import io.mpire4j.StartMethod;
import io.mpire4j.TaskFailedException;
import io.mpire4j.TaskTimeoutException;
import io.mpire4j.WorkerDiedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Child-JVM workers ({@link StartMethod#PROCESSES}) against the hand-written {@link ChildFixture}. */
@Timeout(120)
class ProcessWorkersTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    private final List<WorkerPool<?, ?>> pools = new ArrayList<>();

    private WorkerPool<int[], Integer> pool(PoolOptions options) {
        WorkerPool<int[], Integer> pool = WorkerPool.create(ChildFixture.program("hi "), options);
        pools.add(pool);
        return pool;
    }

    private static PoolOptions processes(int workers) {
        return PoolOptions.defaults().workers(workers).startMethod(StartMethod.PROCESSES);
    }

    @AfterEach
    void noChildLeft() throws Exception {
        for (WorkerPool<?, ?> pool : pools) {
            pool.terminate();
        }
        for (ProcessHandle child : workerChildren()) {
            assertExits(child.pid());
        }
    }

    /** Our child-JVM workers (not a class-data training run). */
    private static List<ProcessHandle> workerChildren() {
        return ProcessHandle.current().children().filter(p -> p.info().commandLine()
                .map(c -> c.contains(ChildMain.class.getName()) && !c.contains(ChildMain.TRAIN_ARG)).orElse(false))
                .toList();
    }

    private static void assertExits(long pid) throws Exception {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isPresent()) {
            try {
                handle.get().onExit().get(BOUND.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("process " + pid + " still alive " + BOUND.toSeconds() + " s later");
            }
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Records the lines printed to it; counts a latch down when one contains {@code awaited}. */
    private static final class Capture extends PrintStream {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final CountDownLatch seen = new CountDownLatch(1);
        private final String awaited;

        Capture(PrintStream original, String awaited) {
            super(original, true);
            this.awaited = awaited;
        }

        @Override
        public void println(String line) {
            lines.add(line);
            if (awaited != null && line.contains(awaited)) {
                seen.countDown();
            }
            super.println(line);
        }
    }

    // ---------------------------------------------------------------- the basics

    @Test
    void aChildThatCannotStartIsReportedByTheFirstCall() {
        WorkerPool<int[], Integer> pool = pool(processes(1).jvmOptions(List.of("-XX:+NoSuchOptionInAnyJvm")));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> pool.<Integer, Integer>method(ChildFixture.SQUARE).map(List.of(1, 2)));
        assertTrue(e.getMessage().contains("could not start worker 0"), e.getMessage());
        pool.close();
        assertEquals(List.of(), workerChildren());
    }

    @Test
    void optionsThatChooseClassDataSharingAreTheOnlySharingFlagsTheChildGets() {
        assumeTrue(Runtime.version().feature() >= 24, "-XX:AOTMode is a JDK 24+ option");
        // The JVM refuses -XX:AOTMode next to any -Xshare flag, so mpire4j must add none of its own.
        WorkerPool<int[], Integer> pool = pool(processes(1).jvmOptions(List.of("-XX:AOTMode=off")));
        assertEquals(List.of(1, 4, 9), pool.<Integer, Integer>method(ChildFixture.SQUARE).map(List.of(1, 2, 3)));
        assertEquals("none not-sharing", pool.<Integer, String>method(ChildFixture.SHARING).apply(0));
        pool.close();
    }

    @Test
    void mapsAndAppliesInChildJvms() {
        WorkerPool<int[], Integer> pool = pool(processes(2));
        ParallelMethod<Integer, Integer> square = pool.method(ChildFixture.SQUARE);
        List<Integer> input = IntStream.range(0, 500).boxed().toList();
        assertEquals(input.stream().map(n -> n * n).toList(), square.map(input));
        assertEquals(49, square.apply(7));
        assertEquals(Set.copyOf(input.stream().map(n -> n * n).toList()), Set.copyOf(square.mapUnordered(input)));
        ParallelMethod<String, String> greet = pool.method(ChildFixture.GREET);
        assertEquals("hi bob", greet.apply("bob"));
        ParallelMethod<Integer, Long> pid = pool.method(ChildFixture.PID);
        long self = ProcessHandle.current().pid();
        assertTrue(pid.chunkSize(1).map(List.of(1, 2, 3, 4)).stream().allMatch(p -> p != self), "ran in child JVMs");
        pool.close();
    }

    @Test
    void initStateAndExitRunInTheChildWithTypedExitResults() {
        WorkerPool<int[], Integer> pool = pool(processes(2));
        ParallelMethod<Integer, Integer> add = pool.method(ChildFixture.ADD);
        add.chunkSize(5).forEach(IntStream.rangeClosed(1, 100).boxed().toList());
        pool.stopAndJoin();
        List<Integer> totals = pool.exitResults();
        assertTrue(totals.size() >= 1 && totals.size() <= 2, "one exit per worker that ran: " + totals);
        int sum = 0;
        for (Integer total : totals) {
            sum += total; // typed: Integer, read with the exit codec
        }
        assertEquals(5050, sum);
        pool.close();
    }

    @Test
    void aTaskThatThrowsFailsWithTheOriginalExceptionAndWorkerStackTrace() {
        WorkerPool<int[], Integer> pool = pool(processes(1));
        ParallelMethod<String, Void> boom = pool.method(ChildFixture.BOOM);
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> boom.map(List.of("fine?", "bad input")));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("fine?", e.getCause().getMessage());
        assertTrue(Arrays.stream(e.getCause().getStackTrace())
                .anyMatch(f -> f.getClassName().equals(ChildFixture.class.getName()) && f.getMethodName().equals("boom")),
                "worker-side stack trace");
        assertTrue(e.getMessage().contains("message = \"fine?\""), e.getMessage());
        assertEquals(0, e.taskIndex());
        assertEquals(49, pool.<Integer, Integer>method(ChildFixture.SQUARE).apply(7));
    }

    @Test
    void anExceptionThatCannotBeSerializedArrivesAsText() {
        WorkerPool<int[], Integer> pool = pool(processes(1));
        TaskFailedException e = assertThrows(TaskFailedException.class,
                () -> pool.<Integer, Void>method(ChildFixture.WEIRD).apply(5));
        assertEquals(ChildFixture.Unsendable.class.getName() + ": weird 5", e.getCause().toString());
        assertTrue(Arrays.stream(e.getCause().getStackTrace())
                .anyMatch(f -> f.getClassName().startsWith(ChildFixture.class.getName())), "worker-side stack trace");
    }

    @Test
    void aNonSerializableArgumentFailsNamingItsType() {
        WorkerPool<int[], Integer> pool = pool(processes(1));
        ParallelMethod<Object, Object> echo = pool.method(ChildFixture.ECHO);
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> echo.apply(new Object()));
        assertTrue(e.getCause().getMessage().contains("java.lang.Object"), e.getCause().getMessage());
        assertTrue(e.getMessage().contains("value = java.lang.Object@"), e.getMessage());
        assertTrue(e.getMessage().startsWith("ChildFixture.echo could not be sent to worker 0: encoding its arguments"
                + " failed in this JVM"), e.getMessage());
        assertTrue(!e.getMessage().contains("failed on worker"), "the worker is not to blame: " + e.getMessage());
        assertEquals(List.of(1, "x"), echo.chunkSize(1).map(List.of(1, "x")), "the child lives on");
    }

    // ---------------------------------------------------------------- deaths

    @Test
    void systemExitInATaskIsAWorkerDeathNamingTheExitCodeAndArguments() {
        WorkerPool<int[], Integer> pool = pool(processes(1));
        ParallelMethod<Integer, Void> crash = pool.method(ChildFixture.CRASH);
        WorkerDiedException e = assertThrows(WorkerDiedException.class, () -> crash.apply(3));
        assertEquals(3, e.exitCode());
        assertTrue(e.getMessage().contains("exit code 3"), e.getMessage());
        assertTrue(e.getMessage().contains("code = 3"), e.getMessage());
        assertEquals(49, pool.<Integer, Integer>method(ChildFixture.SQUARE).apply(7), "the slot has a fresh child");

        WorkerDiedException chunk = assertThrows(WorkerDiedException.class,
                () -> crash.chunkSize(6).map(List.of(3, 4, 5, 6, 7, 8)));
        assertTrue(chunk.getMessage().contains("holding 6 tasks (task indexes 0–5)"), chunk.getMessage());
        assertTrue(chunk.getMessage().contains("task 4: code = 7") && chunk.getMessage().contains("… 1 more"),
                chunk.getMessage());
        assertEquals(16, pool.<Integer, Integer>method(ChildFixture.SQUARE).apply(4));
    }

    @Test
    void killMinus9IsAWorkerDeathNamingTheSignal() throws Exception {
        WorkerPool<int[], Integer> pool = pool(processes(1));
        long pid = pool.<Integer, Long>method(ChildFixture.PID).apply(0);
        PrintStream original = System.out;
        Capture out = new Capture(original, "blocking-now");
        System.setOut(out);
        CompletableFuture<Void> running;
        try {
            running = pool.<String, Void>method(ChildFixture.BLOCK).applyAsync("blocking-now");
            assertTrue(out.seen.await(BOUND.toSeconds(), TimeUnit.SECONDS), "the task started");
        } finally {
            System.setOut(original);
        }
        assertTrue(ProcessHandle.of(pid).orElseThrow().destroyForcibly());
        ExecutionException e = assertThrows(ExecutionException.class, () -> running.get(BOUND.toSeconds(), TimeUnit.SECONDS));
        WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, e.getCause());
        assertTrue(died.getMessage().contains("killed by signal 9 (SIGKILL)"), died.getMessage());
        assertTrue(died.getMessage().contains("marker = \"blocking-now\""), died.getMessage());
        assertEquals(9, died.signal().orElseThrow());
        assertNotEquals(pid, pool.<Integer, Long>method(ChildFixture.PID).apply(0), "replaced");
    }

    @Test
    void aTimeoutKillsTheChildPromptlyAndReplacesIt() throws Exception {
        WorkerPool<int[], Integer> pool = pool(processes(1));
        long pid = pool.<Integer, Long>method(ChildFixture.PID).apply(0);
        ParallelMethod<Integer, Long> spin = pool.<Integer, Long>method(ChildFixture.SPIN).taskTimeout(Duration.ofMillis(300));
        long start = System.nanoTime();
        TaskTimeoutException e = assertThrows(TaskTimeoutException.class, () -> spin.apply(1));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < 3000, "prompt: " + millis + " ms");
        assertTrue(e.getMessage().contains("timed out after 300 ms"), e.getMessage());
        assertExits(pid);
        long replacement = pool.<Integer, Long>method(ChildFixture.PID).apply(0);
        assertNotEquals(pid, replacement);
        assertEquals(81, pool.<Integer, Integer>method(ChildFixture.SQUARE).apply(9));
    }

    @Test
    void outOfMemoryInATaskFailsTheCallAndThePoolGoesOn() {
        WorkerPool<int[], Integer> pool = pool(processes(1).jvmOptions(List.of("-Xmx32m")));
        long pid = pool.<Integer, Long>method(ChildFixture.PID).apply(0);
        // The allocation fails at once, so the child can still report it: a TaskFailedException
        // with the OutOfMemoryError as cause (a child the OOM leaves unable to answer dies instead,
        // and that is a WorkerDiedException).
        TaskFailedException e = assertThrows(TaskFailedException.class,
                () -> pool.<Integer, Integer>method(ChildFixture.HOG).apply(512));
        assertFalse(e instanceof WorkerDiedException, e.getMessage());
        assertInstanceOf(OutOfMemoryError.class, e.getCause());
        assertEquals(9, pool.<Integer, Integer>method(ChildFixture.SQUARE).apply(3));
        assertNotEquals(pid, pool.<Integer, Long>method(ChildFixture.PID).apply(0), "a child after an OOM is retired");
    }

    @Test
    void lifespanRestartsAreNeverReportedAsDeaths() {
        WorkerPool<int[], Integer> pool = pool(processes(2));
        List<Integer> input = IntStream.range(0, 24).boxed().toList();
        List<Integer> results = pool.<Integer, Integer>method(ChildFixture.ADD).chunkSize(1).workerLifespan(3).map(input);
        assertEquals(24, results.size());
        pool.stopAndJoin();
        assertEquals(input.stream().mapToInt(Integer::intValue).sum(),
                pool.exitResults().stream().mapToInt(Integer::intValue).sum(), "every lifespan ran its exit");
        assertTrue(pool.exitResults().size() >= 8, "restarted: " + pool.exitResults());
    }

    // ---------------------------------------------------------------- output and leaks

    @Test
    void childOutputIsForwardedWithAWorkerPrefix() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        Capture capturedOut = new Capture(out, null);
        Capture capturedErr = new Capture(err, null);
        System.setOut(capturedOut);
        System.setErr(capturedErr);
        try {
            WorkerPool<int[], Integer> pool = pool(processes(1));
            pool.<String, Void>method(ChildFixture.SAY).apply("hello");
            pool.close(); // joins the forwarding threads
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertTrue(capturedOut.lines.contains("[worker-0] hello"), capturedOut.lines.toString());
        assertTrue(capturedErr.lines.contains("[worker-0] err: hello"), capturedErr.lines.toString());
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("mpire4j-output")),
                "forwarding threads end with close()");
    }

    @Test
    void whatAChildPrintsAsItExitsIsForwardedBeforeCloseReturns() {
        PrintStream out = System.out;
        for (int round = 0; round < 5; round++) { // the pipe is drained as the child dies: a race, so several rounds
            Capture captured = new Capture(new PrintStream(java.io.OutputStream.nullOutputStream()), null); // no echo
            System.setOut(captured);
            try {
                WorkerPool<int[], Integer> pool = pool(processes(1));
                pool.<Integer, Void>method(ChildFixture.FAREWELL).apply(300);
                pool.close();
            } finally {
                System.setOut(out);
            }
            List<String> farewells = captured.lines.stream().filter(l -> l.startsWith("[worker-0] farewell")).toList();
            assertEquals(300, farewells.size(), "round " + round + ": " + farewells.size() + " lines");
            assertEquals("[worker-0] farewell 300 of 300", farewells.get(299));
        }
    }

    @Test
    void aChildWhoseTaskLeftANonDaemonThreadStillExitsNormallyOnClose() throws Exception {
        PrintStream out = System.out;
        Capture captured = new Capture(new PrintStream(java.io.OutputStream.nullOutputStream()), null); // no echo
        System.setOut(captured);
        try {
            WorkerPool<int[], Integer> pool = pool(processes(1));
            pool.<String, Void>method(ChildFixture.LINGER).apply("linger hook ran");
            pool.close();
        } finally {
            System.setOut(out);
        }
        // Killed after the shutdown wait, the child would not have run its hooks.
        assertTrue(captured.lines.contains("[worker-0] linger hook ran"), "exited normally: " + captured.lines);
    }

    @Test
    void noChildIsLeftAfterCloseOrTerminate() throws Exception {
        for (boolean terminate : new boolean[] {false, true}) {
            WorkerPool<int[], Integer> pool = pool(processes(2).orderTasks(true));
            List<Long> pids = pool.<Integer, Long>method(ChildFixture.PID).chunkSize(1).map(List.of(0, 1));
            assertEquals(2, Set.copyOf(pids).size());
            if (terminate) {
                pool.terminate();
                for (long pid : pids) {
                    assertExits(pid);
                }
            } else {
                pool.close();
                for (long pid : pids) {
                    assertFalse(alive(pid), "close() reaps its children: " + pid);
                }
            }
        }
    }

    @Test
    void childrenExitWhenTheirParentDies() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The parent shares this test's temp root, where the sweep below looks.
        Process parent = new ProcessBuilder(java, "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), ParentDeathMain.class.getName()).redirectErrorStream(true).start();
        try {
            List<Long> pids = new ArrayList<>();
            BufferedReader lines = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("PIDS ")) {
                    for (String pid : line.substring(5).split(" ")) {
                        pids.add(Long.parseLong(pid));
                    }
                    break;
                }
            }
            assertEquals(2, pids.size(), "the parent printed its children");
            assertTrue(pids.stream().allMatch(ProcessWorkersTest::alive));
            parent.destroyForcibly();
            assertTrue(parent.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS));
            for (long pid : pids) {
                assertExits(pid);
            }
            // The killed parent could not delete its socket directory; the next pool's sweep does.
            String leftover = ChildChannel.PREFIX + parent.pid() + "-";
            assertTrue(socketDirs(leftover) > 0, "the killed parent left its socket directory");
            ChildChannel.sweepOrphans();
            assertEquals(0, socketDirs(leftover), "orphaned socket directories are swept");
        } finally {
            parent.destroyForcibly();
        }
    }

    private static long socketDirs(String prefix) throws IOException {
        try (var dirs = java.nio.file.Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(prefix)).count();
        }
    }

    // ---------------------------------------------------------------- options

    @Test
    void cpuIdsPinEachChild() throws Exception {
        WorkerPool<int[], Integer> all = pool(processes(1).cpuIds(Set.of(0)));
        assertEquals("0", cpusAllowed(all.<Integer, Long>method(ChildFixture.PID).apply(0)));
        all.close();
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs two CPUs");
        WorkerPool<int[], Integer> each = pool(processes(2).orderTasks(true).cpuIds(List.of(Set.of(1), Set.of(0, 1))));
        List<Long> pids = each.<Integer, Long>method(ChildFixture.PID).chunkSize(1).map(List.of(0, 1));
        assertEquals("1", cpusAllowed(pids.get(0)));
        assertEquals("0-1", cpusAllowed(pids.get(1)));
    }

    private static String cpusAllowed(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("Cpus_allowed_list:")) {
                return line.substring("Cpus_allowed_list:".length()).trim();
            }
        }
        throw new AssertionError("no Cpus_allowed_list for " + pid);
    }

    @Test
    void cpuIdsAreCheckedWhenThePoolIsCreated() {
        WorkerProgram<int[], Integer> program = ChildFixture.program("");
        IllegalArgumentException virtual = assertThrows(IllegalArgumentException.class, () -> WorkerPool.create(program,
                PoolOptions.defaults().startMethod(StartMethod.VIRTUAL_THREADS).cpuIds(Set.of(0))));
        assertTrue(virtual.getMessage().contains("VIRTUAL_THREADS"), virtual.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> WorkerPool.create(program, processes(3).cpuIds(List.of(Set.of(0), Set.of(1)))));
        assertEquals("cpuIds must have one CPU set per worker (3), was 2 sets: [[0], [1]]", count.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PoolOptions.defaults().cpuIds(Set.of(-1)));
    }

    @Test
    void processesNeedAGeneratedProgram() {
        WorkerProgram<Void, Void> unnamed = WorkerProgram.<Void, Void>builder("Plain").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkerPool.create(unnamed, processes(1)));
        assertTrue(e.getMessage().contains("generatedName"), e.getMessage());
    }

    // ---------------------------------------------------------------- numbers (logged, not asserted)

    @Test
    void startUpAndRoundTripAreMeasured() {
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            WorkerPool<int[], Integer> pool = pool(processes(2).orderTasks(true));
            ParallelMethod<Integer, Integer> square = pool.method(ChildFixture.SQUARE);
            square.apply(1);
            long first = System.nanoTime() - start;
            square.chunkSize(1).map(List.of(1, 2));
            long both = System.nanoTime() - start;
            int n = 300;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                square.apply(i);
            }
            long perApply = (System.nanoTime() - t0) / n;
            List<Integer> many = IntStream.range(0, 200_000).boxed().toList();
            long t1 = System.nanoTime();
            square.map(many);
            double rate = many.size() / ((System.nanoTime() - t1) / 1e9);
            pool.close();
            System.err.printf("mpire4j PROCESSES start-up round %d: first result after %.1f ms, both workers after %.1f ms;"
                    + " apply round trip %.1f µs; map of %d trivial tasks: %.0f tasks/s%n", round, first / 1e6,
                    both / 1e6, perApply / 1e3, many.size(), rate);
        }
    }
}
