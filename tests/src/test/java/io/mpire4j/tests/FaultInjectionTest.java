package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mpire4j.Outcome;
import io.mpire4j.ParallelMethod;
import io.mpire4j.PoolOptions;
import io.mpire4j.StartMethod;
import io.mpire4j.TaskFailedException;
import io.mpire4j.TaskTimeoutException;
import io.mpire4j.WorkerDiedException;
import io.mpire4j.WorkerExitException;
import io.mpire4j.WorkerInitException;
import io.mpire4j.tests.fixtures.Board;
import io.mpire4j.tests.fixtures.Faulty;
import io.mpire4j.tests.fixtures.Faulty.Fault;
import io.mpire4j.tests.fixtures.Faulty.Kind;
import io.mpire4j.tests.fixtures.FaultyParallel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeded fault-injection suite: randomized scenarios over the three worker kinds (exceptions,
 * hostile exceptions, stack overflows, timeouts, {@code System.exit}/{@code halt} and OOM in child
 * JVMs, {@code kill -9} of children mid-call and idle, init and exit faults, lifespan 1,
 * terminate/close/interrupt mid-call, abandoned {@code imap} streams, concurrent calls, null
 * elements and results, outcomes and retries). Each scenario checks its expected results or
 * exception, a deadline, lost or duplicated results, and leaks (mpire4j threads, child processes,
 * file descriptors, temp directories), and the suite prints one summary line.
 *
 * <p>{@code ./build test} runs a slice of {@value #SLICE} scenarios with a fixed seed;
 * {@code ./build faults} runs {@code -Dfaults.runs=1000} with a fresh seed. Rerun any run with
 * {@code -Dfaults.seed=<the printed seed>} (and the same {@code faults.runs}).
 */
class FaultInjectionTest {
    static final int SLICE = 30;
    private static final int RUNS = Integer.getInteger("faults.runs", SLICE);
    private static final long SEED = Long.getLong("faults.seed", RUNS > SLICE ? System.nanoTime() : 15L);
    /** How long one scenario may take before it counts as hung. */
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** File descriptors above the starting count that still are not a leak (jars, JIT, logs opened lazily). */
    private static final int FD_SLACK = 40;

    enum Verdict { PASSED, HUNG, WRONG_EXCEPTION, LOST_OR_DUPLICATED, LEAK }

    /** A scenario's failure: what it saw, and how to classify it. */
    static final class Wrong extends RuntimeException {
        @java.io.Serial
        private static final long serialVersionUID = 1L;
        final transient Verdict verdict;

        Wrong(Verdict verdict, String what) {
            super(what);
            this.verdict = verdict;
        }
    }

    @TempDir(factory = BoardDirectory.class)
    Path tempDir;

    private Board board;
    private int fdBaseline;

    @Test
    void randomizedFaultScenarios() throws Exception {
        board = Board.in(tempDir);
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0);
        }
        long start = System.nanoTime();
        warmUp();
        fdBaseline = openFiles();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            Random random = new Random(SEED * 1_000_003L + i);
            Scenario scenario = Scenario.draw(random, i);
            Verdict verdict;
            String detail = "";
            try {
                verdict = run(scenario);
            } catch (Wrong w) {
                verdict = w.verdict;
                detail = w.getMessage();
            }
            counts.merge(verdict, 1, Integer::sum);
            if (verdict != Verdict.PASSED) {
                String line = "fault scenario " + i + " (seed " + SEED + "): " + scenario + " -> " + verdict + ": " + detail;
                failures.add(line);
                System.err.println(line);
            }
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        String summary = String.format("faults: runs=%d passed=%d hung=%d wrong-exception=%d lost-or-duplicated=%d "
                + "leaks=%d seed=%d time=%ds", RUNS, counts.get(Verdict.PASSED), counts.get(Verdict.HUNG),
                counts.get(Verdict.WRONG_EXCEPTION), counts.get(Verdict.LOST_OR_DUPLICATED), counts.get(Verdict.LEAK),
                SEED, seconds);
        System.out.println(summary);
        assertEquals(RUNS, counts.get(Verdict.PASSED), summary + "\n" + String.join("\n", failures));
    }

    /** Loads what the first pools of each kind load, so that the descriptor baseline is steady. */
    private void warmUp() {
        for (StartMethod kind : StartMethod.values()) {
            Faulty faulty = new Faulty(board, "warm", List.of(), false, false);
            try (var pool = FaultyParallel.create(faulty, PoolOptions.defaults().startMethod(kind).workers(2))) {
                pool.echo().map(List.of(1, 2, 3));
                pool.run().outcomes().map(List.of(1, 2));
            }
        }
    }

    // ---------------------------------------------------------------- one scenario

    private Verdict run(Scenario s) throws Exception {
        Set<String> tempBefore = tempEntries();
        AtomicReference<FaultyParallel> poolRef = new AtomicReference<>();
        CompletableFuture<Void> body = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().name("fault-scenario-" + s.index).daemon(true).start(() -> {
            try {
                s.type.body.run(this, s, poolRef);
                body.complete(null);
            } catch (Throwable t) {
                body.completeExceptionally(t);
            }
        });
        try {
            body.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            board.mark("release-" + s.tag);
            FaultyParallel pool = poolRef.get();
            if (pool != null) {
                pool.terminate();
            }
            thread.interrupt();
            return Verdict.HUNG;
        } catch (ExecutionException e) {
            board.mark("release-" + s.tag);
            if (e.getCause() instanceof Wrong w) {
                throw w;
            }
            throw new Wrong(Verdict.WRONG_EXCEPTION, "unexpected " + describe(e.getCause()));
        } catch (CancellationException e) {
            throw new Wrong(Verdict.WRONG_EXCEPTION, "unexpected " + describe(e));
        } finally {
            board.mark("release-" + s.tag);
        }
        checkLeaks(tempBefore);
        return Verdict.PASSED;
    }

    private static String describe(Throwable t) {
        java.io.StringWriter out = new java.io.StringWriter();
        try {
            t.printStackTrace(new java.io.PrintWriter(out));
        } catch (RuntimeException | Error e) {
            return t.getClass().getName() + " (whose stack trace cannot be printed)";
        }
        String text = out.toString();
        return text.length() > 3000 ? text.substring(0, 3000) + " …" : text;
    }

    // ---------------------------------------------------------------- leaks

    private void checkLeaks(Set<String> tempBefore) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String leak;
        do {
            leak = leak(tempBefore);
            if (leak == null) {
                return;
            }
            Thread.sleep(50); // polling the OS and the JVM for things to end: nothing to wait on
        } while (System.nanoTime() < deadline);
        throw new Wrong(Verdict.LEAK, leak);
    }

    private String leak(Set<String> tempBefore) {
        if (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(LiveThreads.PREFIX))) {
            return "threads " + Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(n -> n.startsWith(LiveThreads.PREFIX)).toList();
        }
        List<ProcessHandle> children = LiveProcesses.descendants();
        if (!children.isEmpty()) {
            return "processes " + children.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")
                    .substring(0, Math.min(80, p.info().commandLine().orElse("?").length()))).toList();
        }
        int fds = openFiles();
        if (fds > fdBaseline + FD_SLACK) {
            return "file descriptors: " + fds + " open, " + fdBaseline + " at the start";
        }
        Set<String> temp = tempEntries();
        temp.removeAll(tempBefore);
        if (!temp.isEmpty()) {
            return "temp entries " + temp;
        }
        List<String> virtual = LiveThreads.names();
        if (!virtual.isEmpty()) {
            return "threads " + virtual;
        }
        return null;
    }

    private static int openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            return 0; // not Linux: no descriptor check
        }
    }

    private static Set<String> tempEntries() {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("mpire4j-") && !n.startsWith("mpire4j-tests-dump"))
                    .collect(Collectors.toCollection(HashSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- scenarios

    /** How a call is made. */
    enum CallKind { MAP, MAP_UNORDERED, IMAP, IMAP_UNORDERED, APPLY }

    /** Whether a call fails fast, hands out outcomes, retries, or both. */
    enum Mode { PLAIN, OUTCOMES, RETRIES, OUTCOMES_RETRIES;

        boolean outcomes() {
            return this == OUTCOMES || this == OUTCOMES_RETRIES;
        }
    }

    @FunctionalInterface
    interface Body {
        void run(FaultInjectionTest suite, Scenario s, AtomicReference<FaultyParallel> pool) throws Exception;
    }

    enum Type {
        FAULTS(FaultInjectionTest::faults),
        KILL_MID_CALL(FaultInjectionTest::killMidCall),
        KILL_IDLE(FaultInjectionTest::killIdle),
        STOP_MID_CALL(FaultInjectionTest::stopMidCall),
        ABANDONED_IMAP(FaultInjectionTest::abandonedImap),
        CONCURRENT(FaultInjectionTest::concurrent),
        INIT_EXIT(FaultInjectionTest::initExit);

        final Body body;

        Type(Body body) {
            this.body = body;
        }
    }

    /** One drawn scenario: everything its body needs, from the seed. */
    static final class Scenario {
        final int index;
        final String tag;
        final Type type;
        final StartMethod kind;
        final int workers;
        final boolean keepAlive;
        final boolean orderTasks;
        final Random random;

        Scenario(int index, Type type, StartMethod kind, int workers, boolean keepAlive, boolean orderTasks,
                Random random) {
            this.index = index;
            this.tag = "s" + index;
            this.type = type;
            this.kind = kind;
            this.workers = workers;
            this.keepAlive = keepAlive;
            this.orderTasks = orderTasks;
            this.random = random;
        }

        static Scenario draw(Random r, int index) {
            int k = r.nextInt(100);
            StartMethod kind = k < 42 ? StartMethod.THREADS : k < 70 ? StartMethod.VIRTUAL_THREADS : StartMethod.PROCESSES;
            int t = r.nextInt(100);
            Type type = t < 50 ? Type.FAULTS : t < 58 ? Type.KILL_MID_CALL : t < 63 ? Type.KILL_IDLE
                    : t < 73 ? Type.STOP_MID_CALL : t < 81 ? Type.ABANDONED_IMAP : t < 91 ? Type.CONCURRENT
                    : Type.INIT_EXIT;
            if ((type == Type.KILL_MID_CALL || type == Type.KILL_IDLE) && kind != StartMethod.PROCESSES) {
                type = Type.FAULTS;
            }
            boolean processes = kind == StartMethod.PROCESSES;
            int workers = processes ? 1 + r.nextInt(2) : 1 + r.nextInt(4);
            if (type == Type.KILL_MID_CALL || type == Type.STOP_MID_CALL) {
                workers = 2;
            }
            boolean keepAlive = type == Type.INIT_EXIT ? r.nextBoolean() : r.nextInt(10) > 0;
            boolean orderTasks = r.nextInt(10) == 0;
            return new Scenario(index, type, kind, workers, keepAlive, orderTasks, r);
        }

        PoolOptions options() {
            return PoolOptions.defaults().startMethod(kind).workers(workers).keepAlive(keepAlive).orderTasks(orderTasks);
        }

        boolean processes() {
            return kind == StartMethod.PROCESSES;
        }

        @Override
        public String toString() {
            return type + " on " + kind + " ×" + workers + (keepAlive ? "" : ", keepAlive(false)")
                    + (orderTasks ? ", orderTasks" : "");
        }
    }

    /** What one task should come to. */
    private record Expect(Integer value, Class<? extends TaskFailedException> failure, boolean anyDeathIndex) {}

    /** Draws faults for up to three of {@code n} tasks (from {@code first}). */
    private static List<Fault> drawFaults(Scenario s, int first, int n) {
        List<Fault> faults = new ArrayList<>();
        int count = n == 0 ? 0 : s.random.nextInt(Math.min(3, n) + 1);
        Set<Integer> used = new HashSet<>();
        List<Kind> kinds = new ArrayList<>(List.of(Kind.THROW, Kind.THROW, Kind.HOSTILE, Kind.STACK, Kind.SLEEP, Kind.SPIN));
        if (s.processes()) {
            kinds.addAll(List.of(Kind.EXIT, Kind.HALT, Kind.OOM));
        }
        for (int i = 0; i < count; i++) {
            int x = first + s.random.nextInt(n);
            if (!used.add(x)) {
                continue;
            }
            Kind kind = kinds.get(s.random.nextInt(kinds.size()));
            int attempts = s.random.nextInt(3) == 0 ? 99 : 1 + s.random.nextInt(2);
            int millis = kind == Kind.SLEEP ? 5_000 : 1_200;
            faults.add(new Fault(x, kind, attempts, millis));
        }
        return faults;
    }

    private static Class<? extends TaskFailedException> failureOf(Kind kind) {
        return switch (kind) {
            case THROW, HOSTILE, STACK, OOM -> TaskFailedException.class;
            case SLEEP, SPIN -> TaskTimeoutException.class;
            case EXIT, HALT -> WorkerDiedException.class;
            case BLOCK -> throw new IllegalArgumentException("a BLOCK fault is the scenario's to settle");
        };
    }

    private static Expect expect(Integer x, List<Fault> faults, int retries) {
        if (x == null) {
            return new Expect(null, null, false);
        }
        for (Fault f : faults) {
            if (f.x() == x && f.attempts() > retries) {
                return new Expect(null, failureOf(f.kind()), f.kind() == Kind.EXIT || f.kind() == Kind.HALT);
            }
        }
        return new Expect(10 * x, null, false);
    }

    /** Runs one call as {@code call} says over {@code input}, through {@code method}; returns what it handed out. */
    private static <R> List<R> call(ParallelMethod<Integer, R> method, CallKind call, List<Integer> input) {
        return switch (call) {
            case MAP -> method.map(input);
            case MAP_UNORDERED -> method.mapUnordered(input);
            case IMAP -> {
                try (Stream<R> s = method.imap(input.iterator())) {
                    yield s.collect(Collectors.toList());
                }
            }
            case IMAP_UNORDERED -> {
                try (Stream<R> s = method.imapUnordered(input.stream())) {
                    yield s.collect(Collectors.toList());
                }
            }
            case APPLY -> {
                List<R> one = new ArrayList<>();
                one.add(method.apply(input.get(0)));
                yield one;
            }
        };
    }

    /**
     * Makes a call with drawn settings over {@code input} with {@code faults}, and checks what it
     * gives against what each task should come to.
     */
    private static void checkedCall(Scenario s, FaultyParallel pool, List<Integer> input, List<Fault> faults,
            Mode mode, CallKind callKind) {
        int retries = mode == Mode.RETRIES || mode == Mode.OUTCOMES_RETRIES ? 1 + s.random.nextInt(2) : 0;
        ParallelMethod<Integer, Integer> method = pool.run();
        if (s.random.nextBoolean()) {
            method = method.chunkSize(1 + s.random.nextInt(5));
        }
        if (s.random.nextInt(10) == 0) {
            method = method.workerLifespan(1);
        }
        if (faults.stream().anyMatch(f -> f.kind() == Kind.SLEEP || f.kind() == Kind.SPIN)) {
            // Room for a retry on a fresh child JVM on a busy machine: a cold JVM's first task is slow.
            method = method.taskTimeout(Duration.ofMillis(800));
        }
        if (retries > 0) {
            method = s.random.nextInt(4) == 0 ? method.retries(retries, Duration.ofMillis(20)) : method.retries(retries);
        }
        List<Expect> expected = input.stream().map(x -> expect(x, faults, retries)).toList();
        String what = callKind + " " + mode + (retries > 0 ? "(" + retries + ")" : "") + " of " + input.size()
                + " (" + method + ")"
                + " with " + faults;
        if (mode.outcomes()) {
            List<Outcome<Integer>> outcomes = call(method.outcomes(), callKind, input);
            checkOutcomes(what, input, expected, outcomes, callKind == CallKind.MAP || callKind == CallKind.IMAP
                    || callKind == CallKind.APPLY, callKind == CallKind.APPLY);
            return;
        }
        boolean anyFailure = expected.stream().anyMatch(e -> e.failure() != null);
        List<Integer> results;
        try {
            results = call(method, callKind, input);
        } catch (TaskFailedException e) {
            checkFailure(what, e, input, expected, callKind == CallKind.APPLY);
            return;
        }
        if (anyFailure) {
            throw new Wrong(Verdict.WRONG_EXCEPTION, what + ": returned " + results + " although a task should fail");
        }
        List<Integer> values = expected.stream().map(Expect::value).collect(Collectors.toList());
        boolean ordered = callKind == CallKind.MAP || callKind == CallKind.IMAP || callKind == CallKind.APPLY;
        if (!ordered) {
            values.sort(Comparator.nullsFirst(Comparator.naturalOrder()));
            results = new ArrayList<>(results);
            results.sort(Comparator.nullsFirst(Comparator.naturalOrder()));
        }
        if (!values.equals(results)) {
            throw new Wrong(Verdict.LOST_OR_DUPLICATED, what + ": expected " + values + " but got " + results);
        }
    }

    private static void checkFailure(String what, TaskFailedException e, List<Integer> input, List<Expect> expected,
            boolean apply) {
        try {
            Objects.requireNonNull(e.getMessage());
        } catch (RuntimeException | Error broken) {
            throw new Wrong(Verdict.WRONG_EXCEPTION, what + ": the failure's message cannot be built: " + broken);
        }
        int index = apply ? 0 : (int) e.taskIndex();
        if (index < 0 || index >= input.size()) {
            throw new Wrong(Verdict.WRONG_EXCEPTION, what + ": failure names task " + e.taskIndex() + ": " + describe(e));
        }
        Expect x = expected.get(index);
        if (e instanceof WorkerDiedException && expected.stream().anyMatch(Expect::anyDeathIndex)) {
            return; // a fail-fast call does not ask which task of a chunk its child died on
        }
        if (x.failure() == null || !acceptable(x, e)) {
            throw new Wrong(Verdict.WRONG_EXCEPTION, what + ": task " + index + " should give " + x + " but the call threw "
                    + describe(e));
        }
    }

    private static boolean acceptable(Expect x, TaskFailedException e) {
        if (e.getClass() == x.failure()) {
            return true;
        }
        // An OOM may also take its child JVM down before it can report.
        return x.failure() == TaskFailedException.class && e instanceof WorkerDiedException;
    }

    private static void checkOutcomes(String what, List<Integer> input, List<Expect> expected,
            List<Outcome<Integer>> outcomes, boolean ordered, boolean apply) {
        if (outcomes.size() != input.size()) {
            throw new Wrong(Verdict.LOST_OR_DUPLICATED, what + ": " + outcomes.size() + " outcomes for " + input.size()
                    + " tasks: " + outcomes);
        }
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome<Integer> o = outcomes.get(i);
            long index = apply ? 0 : o.taskIndex();
            if (!seen.add(index) || index < 0 || index >= input.size() || ordered && index != i) {
                throw new Wrong(Verdict.LOST_OR_DUPLICATED, what + ": outcome " + i + " is of task " + o.taskIndex()
                        + ": " + outcomes.stream().map(Outcome::taskIndex).toList());
            }
            Expect x = expected.get((int) index);
            boolean right = switch (o) {
                case Outcome.Success<Integer> ok -> x.failure() == null && Objects.equals(x.value(), ok.value());
                case Outcome.Failure<Integer> failed -> x.failure() != null && acceptable(x, failed.failure())
                        && failed.failure().arguments().equals(java.util.Collections.singletonList(input.get((int) index)));
            };
            if (!right) {
                throw new Wrong(Verdict.WRONG_EXCEPTION, what + ": task " + index + " should give " + x + " but gave "
                        + (o instanceof Outcome.Failure<Integer> f ? describe(f.failure()) : o.toString()));
            }
        }
    }

    private static Mode drawMode(Scenario s) {
        return Mode.values()[s.random.nextInt(Mode.values().length)];
    }

    private static List<Integer> drawInput(Scenario s, int first, int n, boolean nulls) {
        List<Integer> input = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            input.add(nulls && s.random.nextInt(12) == 0 ? null : first + i);
        }
        return input;
    }

    /** A quick call that must work: the pool is still usable. */
    private static void stillWorks(FaultyParallel pool) {
        List<Integer> input = IntStream.range(0, 10).boxed().toList();
        List<Integer> got = pool.echo().map(input);
        if (!input.equals(got)) {
            throw new Wrong(Verdict.LOST_OR_DUPLICATED, "a follow-up call gave " + got);
        }
    }

    private FaultyParallel open(Scenario s, List<Fault> faults, boolean initFails, boolean exitFails,
            AtomicReference<FaultyParallel> ref) {
        FaultyParallel pool = FaultyParallel.create(new Faulty(board, s.tag, faults, initFails, exitFails), s.options());
        ref.set(pool);
        return pool;
    }

    // ---------------------------------------------------------------- the bodies

    private void faults(Scenario s, AtomicReference<FaultyParallel> ref) {
        CallKind callKind = CallKind.values()[s.random.nextInt(CallKind.values().length)];
        int n = callKind == CallKind.APPLY ? 1 : s.random.nextInt(41);
        List<Integer> input = drawInput(s, 0, n, true);
        List<Fault> faults = drawFaults(s, 0, n);
        try (FaultyParallel pool = open(s, faults, false, false, ref)) {
            checkedCall(s, pool, input, faults, drawMode(s), callKind);
            stillWorks(pool);
        }
    }

    private void concurrent(Scenario s, AtomicReference<FaultyParallel> ref) throws Exception {
        int callers = 2 + s.random.nextInt(2);
        List<List<Integer>> inputs = new ArrayList<>();
        List<Fault> faults = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            int n = 1 + s.random.nextInt(30);
            inputs.add(drawInput(s, 100 * c, n, false));
            faults.addAll(drawFaults(s, 100 * c, n).stream().filter(f -> f.kind() == Kind.THROW
                    || f.kind() == Kind.HOSTILE || f.kind() == Kind.STACK).toList());
        }
        try (FaultyParallel pool = open(s, faults, false, false, ref)) {
            List<CompletableFuture<Void>> calls = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                List<Integer> input = inputs.get(c);
                Mode mode = drawMode(s);
                CallKind callKind = CallKind.values()[s.random.nextInt(CallKind.APPLY.ordinal())];
                Scenario own = new Scenario(s.index, s.type, s.kind, s.workers, s.keepAlive, s.orderTasks,
                        new Random(s.random.nextLong()));
                calls.add(PoolContract.inAnotherThread("caller-" + c, () -> {
                    checkedCall(own, pool, input, faults, mode, callKind);
                    return null;
                }));
            }
            for (CompletableFuture<Void> call : calls) {
                try {
                    call.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Wrong w) {
                        throw w;
                    }
                    throw e;
                }
            }
            stillWorks(pool);
        }
    }

    private void killMidCall(Scenario s, AtomicReference<FaultyParallel> ref) throws Exception {
        int n = 6;
        int victim = s.random.nextInt(n);
        List<Fault> faults = List.of(new Fault(victim, Kind.BLOCK, 1, 0));
        Mode mode = drawMode(s);
        int retries = mode == Mode.RETRIES || mode == Mode.OUTCOMES_RETRIES ? 1 : 0;
        List<Integer> input = drawInput(s, 0, n, false);
        try (FaultyParallel pool = open(s, faults, false, false, ref)) {
            ParallelMethod<Integer, Integer> method = pool.run().chunkSize(1).retries(retries);
            CompletableFuture<List<?>> call = PoolContract.inAnotherThread("kill-call",
                    () -> mode.outcomes() ? method.outcomes().map(input) : method.map(input));
            board.await("blocked-" + s.tag + "-" + victim);
            long pid = Long.parseLong(board.read("blocked-" + s.tag + "-" + victim).orElseThrow().trim());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            List<?> got;
            try {
                got = call.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (retries == 0 && !mode.outcomes() && e.getCause() instanceof WorkerDiedException died
                        && died.taskIndex() == victim) {
                    stillWorks(pool);
                    return;
                }
                throw new Wrong(Verdict.WRONG_EXCEPTION, mode + ": the killed child's call threw " + describe(e.getCause()));
            }
            for (int i = 0; i < n; i++) {
                Object o = got.get(i);
                Object want = new Outcome.Success<>(i, 10 * i);
                boolean right = !mode.outcomes() ? Objects.equals(o, 10 * i)
                        : retries > 0 || i != victim ? want.equals(o)
                        : o instanceof Outcome.Failure<?> f && f.failure() instanceof WorkerDiedException
                                && f.taskIndex() == victim;
                if (!right || got.size() != n) {
                    throw new Wrong(retries == 0 && !mode.outcomes() ? Verdict.WRONG_EXCEPTION : Verdict.LOST_OR_DUPLICATED,
                            mode + ": after killing the child running task " + victim + ": " + got);
                }
            }
            stillWorks(pool);
        }
    }

    private void killIdle(Scenario s, AtomicReference<FaultyParallel> ref) throws Exception {
        try (FaultyParallel pool = open(s, List.of(), false, false, ref)) {
            stillWorks(pool);
            List<ProcessHandle> children = ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList();
            if (!children.isEmpty()) {
                children.get(s.random.nextInt(children.size())).destroyForcibly();
            }
            List<Integer> input = drawInput(s, 0, 20, false);
            List<Integer> got = pool.run().map(input);
            if (!got.equals(input.stream().map(x -> 10 * x).toList())) {
                throw new Wrong(Verdict.LOST_OR_DUPLICATED, "after killing an idle child: " + got);
            }
        }
    }

    private void stopMidCall(Scenario s, AtomicReference<FaultyParallel> ref) throws Exception {
        int n = 8;
        int blocker = s.random.nextInt(n);
        List<Fault> faults = List.of(new Fault(blocker, Kind.BLOCK, 99, 0));
        List<Integer> input = drawInput(s, 0, n, false);
        int how = s.random.nextInt(3); // 0 terminate, 1 interrupt the caller, 2 close
        FaultyParallel pool = open(s, faults, false, false, ref);
        try {
            AtomicReference<Thread> caller = new AtomicReference<>();
            CompletableFuture<List<Integer>> call = PoolContract.inAnotherThread("stop-call", () -> {
                caller.set(Thread.currentThread());
                try {
                    return pool.run().chunkSize(1).map(input);
                } finally {
                    if (how == 1 && !Thread.currentThread().isInterrupted()) {
                        throw new IllegalStateException("the interrupt flag was not kept");
                    }
                }
            });
            board.await("blocked-" + s.tag + "-" + blocker);
            CompletableFuture<Void> closing = null;
            switch (how) {
                case 0 -> pool.terminate();
                case 1 -> caller.get().interrupt();
                default -> closing = PoolContract.inAnotherThread("closer", () -> {
                    pool.close();
                    return null;
                });
            }
            Throwable thrown = null;
            try {
                List<Integer> got = how == 2 ? waitThenRelease(s, call) : call.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                if (how != 2 || !got.equals(input.stream().map(x -> 10 * x).toList())) {
                    throw new Wrong(Verdict.WRONG_EXCEPTION, "stop " + how + ": the call returned " + got);
                }
            } catch (ExecutionException e) {
                thrown = e.getCause();
            } catch (CancellationException e) {
                thrown = e; // CompletableFuture.get throws a CancellationException as it is
            }
            board.mark("release-" + s.tag);
            if (closing != null) {
                closing.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
            if (thrown != null) {
                boolean right = switch (how) {
                    case 0, 2 -> thrown instanceof IllegalStateException;
                    default -> thrown instanceof CancellationException;
                };
                if (!right) {
                    throw new Wrong(Verdict.WRONG_EXCEPTION, "stop " + how + ": the call threw " + describe(thrown));
                }
            }
            if (how == 1) {
                board.mark("release-" + s.tag);
                stillWorks(pool);
            }
        } finally {
            board.mark("release-" + s.tag);
            pool.close();
        }
    }

    /** For close mid-call: lets the blocked task go once close has begun, then waits for the call. */
    private List<Integer> waitThenRelease(Scenario s, CompletableFuture<List<Integer>> call) throws Exception {
        board.mark("release-" + s.tag);
        return call.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    private void abandonedImap(Scenario s, AtomicReference<FaultyParallel> ref) {
        int take = 1 + s.random.nextInt(20);
        List<Fault> faults = drawFaults(s, 0, 40).stream().filter(f -> f.kind() == Kind.THROW).toList();
        boolean outcomes = s.random.nextBoolean();
        boolean ordered = s.random.nextBoolean();
        try (FaultyParallel pool = open(s, faults, false, false, ref)) {
            ParallelMethod<Integer, Integer> method = pool.run().chunkSize(1 + s.random.nextInt(4));
            Supplier<Stream<Integer>> endless = () -> Stream.iterate(0, x -> x + 1);
            List<?> got;
            if (outcomes) {
                try (Stream<Outcome<Integer>> stream = ordered ? method.outcomes().imap(endless.get())
                        : method.outcomes().imapUnordered(endless.get())) {
                    got = stream.limit(take).toList();
                }
            } else {
                try (Stream<Integer> stream = ordered ? method.imap(endless.get()) : method.imapUnordered(endless.get())) {
                    got = stream.limit(take).toList();
                } catch (TaskFailedException e) {
                    got = null; // a fault among the tasks pulled or run ahead: fine for a fail-fast stream
                }
            }
            if (got != null && got.size() != take) {
                throw new Wrong(Verdict.LOST_OR_DUPLICATED, "took " + take + " but got " + got);
            }
            if (got != null && ordered) {
                for (int i = 0; i < take; i++) {
                    Object o = got.get(i);
                    int x = i;
                    boolean faulty = faults.stream().anyMatch(f -> f.x() == x);
                    boolean right = outcomes ? ((Outcome<?>) o).taskIndex() == i && ((Outcome<?>) o).isSuccess() != faulty
                            : Objects.equals(o, 10 * i);
                    if (!right) {
                        throw new Wrong(Verdict.LOST_OR_DUPLICATED, "element " + i + " of " + got);
                    }
                }
            }
            stillWorks(pool);
        }
    }

    private void initExit(Scenario s, AtomicReference<FaultyParallel> ref) {
        boolean initFails = s.random.nextBoolean();
        boolean exitFails = !initFails;
        List<Integer> input = drawInput(s, 0, 1 + s.random.nextInt(10), false);
        Mode mode = drawMode(s);
        FaultyParallel pool = open(s, List.of(), initFails, exitFails, ref);
        try {
            ParallelMethod<Integer, Integer> method = pool.run().retries(mode == Mode.RETRIES ? 1 : 0);
            try {
                List<?> got = mode.outcomes() ? method.outcomes().map(input) : method.map(input);
                if (initFails) {
                    throw new Wrong(Verdict.WRONG_EXCEPTION, "init fails, but the call gave " + got);
                }
            } catch (WorkerInitException e) {
                if (!initFails) {
                    throw new Wrong(Verdict.WRONG_EXCEPTION, "init does not fail, but: " + describe(e));
                }
                Objects.requireNonNull(e.getMessage());
            } catch (WorkerExitException e) {
                // keepAlive(false): exits run after the call, and their failure is the call's
                if (!exitFails || s.keepAlive) {
                    throw new Wrong(Verdict.WRONG_EXCEPTION, describe(e));
                }
            }
        } finally {
            try {
                pool.close();
                if (exitFails && s.keepAlive) {
                    throw new Wrong(Verdict.WRONG_EXCEPTION, "exit fails, but close() returned normally");
                }
            } catch (WorkerExitException e) {
                if (!exitFails) {
                    throw new Wrong(Verdict.WRONG_EXCEPTION, describe(e));
                }
            }
        }
    }
}
