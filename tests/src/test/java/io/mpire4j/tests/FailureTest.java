package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.TaskFailedException;
import io.mpire4j.WorkerExitException;
import io.mpire4j.WorkerInitException;
import io.mpire4j.tests.fixtures.NumbersParallel;
import io.mpire4j.tests.fixtures.NumbersParallel.PowerArgs;
import io.mpire4j.tests.fixtures.Scripted;
import io.mpire4j.tests.fixtures.Scripted.Boom;
import io.mpire4j.tests.fixtures.ScriptedParallel;
import io.mpire4j.tests.fixtures.Stateful;
import io.mpire4j.tests.fixtures.StatefulParallel;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A throwing task fails its call with TaskFailedException carrying the cause and the task's context;
 * the rest of the call is cancelled and the pool stays usable. Init and exit failures have their own
 * exceptions.
 */
@EveryWorkerKind
class FailureTest extends PoolContract {

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    /** Tasks that throw {@link Boom} for input 13 and return every other input. */
    private Scripted failingAt13() {
        return Scripted.identity(board()).failingAt(13);
    }

    @Test
    void aThrowingTaskFailsTheCallWithTheCauseAndTheTasksContext() {
        Scripted scripted = failingAt13();
        try (var pool = ScriptedParallel.create(scripted, options())) {
            List<Integer> inputs = IntStream.range(10, 40).boxed().toList();
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.run().chunkSize(2).map(inputs));
            Boom cause = assertInstanceOf(Boom.class, e.getCause());
            assertEquals("boom at 13", cause.getMessage());
            assertEquals(3, e.taskIndex(), "taskIndex is the position in the input");
            assertEquals(scripted.workerOf(13), e.workerId());
            assertEquals(List.of(13), e.arguments());
            assertEquals(List.of("x"), e.parameterNames());
            assertEquals("Scripted.run", e.method());
            assertContains(e.getMessage(), "Scripted.run");
            assertContains(e.getMessage(), "x = 13");
            assertContains(e.getMessage(), "worker " + e.workerId());
        }
    }

    @Test
    void argumentsOfSeveralParametersComeInParameterOrder() {
        try (var pool = NumbersParallel.create(options())) {
            List<PowerArgs> tasks = List.of(new PowerArgs(2, 1), new PowerArgs(2, 2), new PowerArgs(5, -1),
                    new PowerArgs(2, 3));
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.power().map(tasks));
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertEquals(2, e.taskIndex());
            assertEquals(List.of(5L, -1), e.arguments());
            assertEquals(List.of("base", "exponent"), e.parameterNames());
            assertEquals("Numbers.power", e.method());
            assertContains(e.getMessage(), "base = 5");
            assertContains(e.getMessage(), "exponent = -1");
            assertTrue(e.workerId() >= 0 && e.workerId() < workers());
        }
    }

    @Test
    void checkedExceptionsFailTheCallTheSameWay() {
        try (var pool = NumbersParallel.create(options())) {
            TaskFailedException e = assertThrows(TaskFailedException.class,
                    () -> pool.parse().map(List.of("1", "2", "three", "4")));
            IOException cause = assertInstanceOf(IOException.class, e.getCause());
            assertEquals("not a number: three", cause.getMessage());
            assertEquals(2, e.taskIndex());
            assertEquals(List.of("three"), e.arguments());
            assertContains(e.getMessage(), "text = \"three\"");
            assertThrows(TaskFailedException.class, () -> pool.parse("x"));
        }
    }

    @Test
    void longArgumentValuesAreTruncatedInTheMessage() {
        String huge = "z".repeat(5_000);
        try (var pool = NumbersParallel.create(options())) {
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.parse(huge));
            // (the cause's own message repeats the text; only the argument line is the pool's to cut)
            String argumentLine = e.getMessage().lines().filter(l -> l.strip().startsWith("text = "))
                    .findFirst().orElseThrow(() -> new AssertionError("no argument line in:\n" + e.getMessage()));
            assertContains(argumentLine, "text = \"zzzzzzzzzz");
            assertTrue(argumentLine.length() < 300, "argument line of " + argumentLine.length() + " chars");
            assertEquals(List.of(huge), e.arguments(), "arguments() keeps the full value");
        }
    }

    @Test
    void everyKindOfCallReportsTheFailure() {
        try (var pool = ScriptedParallel.create(failingAt13(), options())) {
            List<Integer> inputs = range(30);
            assertInstanceOf(Boom.class, assertThrows(TaskFailedException.class,
                    () -> pool.run().mapUnordered(inputs)).getCause());
            assertInstanceOf(Boom.class, assertThrows(TaskFailedException.class,
                    () -> pool.consume().forEach(inputs)).getCause());
            assertInstanceOf(Boom.class, assertThrows(TaskFailedException.class, () -> {
                try (Stream<Integer> s = pool.run().imap(inputs)) {
                    s.forEach(x -> { });
                }
            }).getCause());
            assertInstanceOf(Boom.class, assertThrows(TaskFailedException.class, () -> {
                try (Stream<Integer> s = pool.run().imapUnordered(inputs.iterator())) {
                    s.forEach(x -> { });
                }
            }).getCause());
        }
    }

    @Test
    void applyFailureHasTaskIndexMinusOne() {
        try (var pool = ScriptedParallel.create(failingAt13(), options())) {
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.run(13));
            assertEquals(-1, e.taskIndex());
            assertEquals(List.of(13), e.arguments());
            assertInstanceOf(Boom.class, e.getCause());
            assertEquals(-1, assertThrows(TaskFailedException.class, () -> pool.run().apply(13)).taskIndex());
        }
    }

    @Test
    void applyAsyncCompletesExceptionallyWithTheSameException() throws Exception {
        try (var pool = ScriptedParallel.create(failingAt13(), options())) {
            CompletableFuture<Integer> future = pool.runAsync(13);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> future.get(WAIT_SECONDS, TimeUnit.SECONDS));
            TaskFailedException failure = assertInstanceOf(TaskFailedException.class, e.getCause());
            assertEquals(-1, failure.taskIndex());
            assertInstanceOf(Boom.class, failure.getCause());
            CompletionException joined = assertThrows(CompletionException.class, () -> pool.run().applyAsync(13).join());
            assertInstanceOf(TaskFailedException.class, joined.getCause());
            assertEquals(12, pool.runAsync(12).get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void theRestOfTheCallIsCancelledAndThePoolStaysUsable() throws Exception {
        // Task 0 throws; every other task waits at a gate that opens only after the caller saw the
        // failure. 100 tasks are read ahead, but only those a worker already held may run.
        board().mark("failing");
        Scripted scripted = Scripted.identity(board())
                .failingAt(0).whileMarked("failing")
                .waiting(1, Integer.MAX_VALUE, "gate").whileMarked("failing");
        try (var pool = ScriptedParallel.create(scripted, options())) {
            CountingInput input = CountingInput.of(1000);
            TaskFailedException e = promptly(() -> assertThrows(TaskFailedException.class,
                    () -> pool.run().chunkSize(1).maxTasksActive(100).map(input)));
            assertEquals(0, e.taskIndex());
            board().mark("gate");
            pool.stopAndJoin(); // waits for the tasks that were running
            assertTrue(scripted.started() <= workers(), scripted.started()
                    + " tasks ran out of " + input.reads() + " read: the rest of the call was not cancelled");
            board().remove("failing");
            assertEquals(range(200), pool.run().map(range(200)));
        }
    }

    @Test
    void aThrowingInputFailsTheCallWithThatException() {
        try (var pool = ScriptedParallel.create(Scripted.identity(board()), options())) {
            CountingInput input = CountingInput.throwingAt(100, 5);
            assertThrows(CountingInput.InputFailure.class, () -> pool.run().chunkSize(1).map(input));
            assertEquals(range(20), pool.run().map(range(20)));
        }
    }

    @Test
    void initFailureFailsTheCallWithWorkerInitExceptionAndIsRetried() {
        board().mark("failing");
        Stateful stateful = Stateful.on(board()).failingInit("no connection").whileMarked("failing");
        try (var pool = StatefulParallel.create(stateful, options())) {
            WorkerInitException e = assertThrows(WorkerInitException.class, () -> pool.count().map(range(20)));
            assertEquals("Stateful.start", e.method());
            assertTrue(e.workerId() >= 0 && e.workerId() < workers());
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertEquals("no connection", e.getCause().getMessage());
            assertContains(e.getMessage(), "Stateful.start");

            ExecutionException async = assertThrows(ExecutionException.class,
                    () -> pool.countAsync(1).get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertInstanceOf(WorkerInitException.class, async.getCause());

            board().remove("failing");
            assertEquals(20, pool.count().map(range(20)).size());
            assertFalse(stateful.inits().isEmpty());
        }
    }

    @Test
    void oneWorkersInitFailureFailsEveryCallWhicheverWorkerTakesTheTasks() throws Exception {
        int failing = workers() - 1;
        Stateful stateful = Stateful.on(board()).failingInit(failing, "no connection");
        for (int run = 0; run < 5; run++) { // before: most runs succeeded, the other workers took every task
            try (var pool = StatefulParallel.create(stateful, options())) {
                WorkerInitException e = assertThrows(WorkerInitException.class, () -> pool.count().map(range(8)),
                        "run " + run);
                assertEquals(failing, e.workerId());
                assertEquals("no connection", e.getCause().getMessage());
                // the worker is still not started, so every later call fails the same way
                assertEquals(failing, assertThrows(WorkerInitException.class, () -> pool.count().apply(1)).workerId());
                ExecutionException async = assertThrows(ExecutionException.class,
                        () -> pool.countAsync(1).get(WAIT_SECONDS, TimeUnit.SECONDS));
                assertEquals(failing, assertInstanceOf(WorkerInitException.class, async.getCause()).workerId());
                assertThrows(WorkerInitException.class, () -> {
                    try (Stream<Integer> results = pool.count().imap(range(3))) {
                        results.forEach(x -> { });
                    }
                });
            }
        }
    }

    @Test
    void aCallStartsEveryWorkerSoEachOneExits() {
        Stateful stateful = Stateful.on(board());
        try (var pool = StatefulParallel.create(stateful, options())) {
            assertEquals(List.of(1), pool.count().map(range(1))); // one task, yet every worker starts
            pool.stopAndJoin();
            assertEquals(IntStream.range(0, workers()).boxed().toList(),
                    pool.exitResults().stream().map(Stateful.Exit::workerId).sorted().toList());
            assertEquals(workers(), stateful.inits().size());
        }
    }

    @Test
    void exitFailureIsReportedByStopAndJoinWithTheOtherExitsKept() {
        board().mark("failing");
        Stateful stateful = Stateful.on(board()).failingExit(0, "cannot flush").whileMarked("failing");
        try (var pool = StatefulParallel.create(stateful, options().orderTasks(true))) {
            pool.count().chunkSize(1).map(range(4 * workers())); // every worker gets tasks
            WorkerExitException e = assertThrows(WorkerExitException.class, pool::stopAndJoin);
            assertEquals(0, e.workerId());
            assertEquals("Stateful.finish", e.method());
            assertEquals("cannot flush", e.getCause().getMessage());
            assertEquals(IntStream.range(1, workers()).boxed().toList(),
                    pool.exitResults().stream().map(Stateful.Exit::workerId).sorted().toList());
            // the pool is still usable
            assertEquals(4, pool.count().chunkSize(1).map(range(4)).size());
            board().remove("failing");
        }
    }

    @Test
    void exitFailureCarriesTheCallersFrames() {
        Stateful stateful = Stateful.on(board()).failingExit(-1, "cannot flush");
        var pool = StatefulParallel.create(stateful, options());
        pool.count().map(range(20));
        WorkerExitException e = assertThrows(WorkerExitException.class, () -> stopFromHere(pool));
        assertTrue(Stream.of(e.getStackTrace()).anyMatch(f -> f.getMethodName().equals("stopFromHere")),
                "the stack names the caller's frames, not only the worker's: " + List.of(e.getStackTrace()));
        assertTrue(Stream.of(e.getSuppressed()).allMatch(s -> Stream.of(s.getStackTrace())
                .anyMatch(f -> f.getMethodName().equals("stopFromHere"))), "suppressed exits too");
        pool.close();
    }

    private static void stopFromHere(StatefulParallel pool) {
        pool.stopAndJoin();
    }

    @Test
    void exitFailureIsReportedByClose() {
        Stateful stateful = Stateful.on(board()).failingExit(-1, "cannot flush");
        var pool = StatefulParallel.create(stateful, options());
        pool.count().map(range(20));
        WorkerExitException e = assertThrows(WorkerExitException.class, pool::close);
        assertEquals(stateful.exitsStarted() - 1, e.getSuppressed().length,
                "one exception, the other exits' failures suppressed in it");
        pool.close(); // already closed: nothing more to report
        assertThrows(IllegalStateException.class, () -> pool.count(1));
    }

    @Test
    void exitFailureIsReportedByTheCallItselfWithoutKeepAlive() {
        board().mark("failing");
        Stateful stateful = Stateful.on(board()).failingExit(-1, "cannot flush").whileMarked("failing");
        try (var pool = StatefulParallel.create(stateful, options().keepAlive(false))) {
            assertThrows(WorkerExitException.class, () -> pool.count().map(range(20)));
            board().remove("failing");
            assertEquals(20, pool.count().map(range(20)).size());
        }
    }
}
