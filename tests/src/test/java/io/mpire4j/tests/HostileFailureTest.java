package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mpire4j.TaskFailedException;
import io.mpire4j.WorkerExitException;
import io.mpire4j.tests.fixtures.Hostile;
import io.mpire4j.tests.fixtures.Hostile.Touchy;
import io.mpire4j.tests.fixtures.HostileParallel;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Failures whose own text cannot be built — an exception whose {@code getMessage()} and
 * {@code toString()} throw, an argument whose {@code toString()} throws — still reach the caller as
 * the usual exceptions, with stand-in text; nothing hangs.
 */
@EveryWorkerKind
class HostileFailureTest extends PoolContract {

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void mapFailsWithTaskFailedExceptionWhenTheCausesTextThrows() {
        try (var pool = HostileParallel.create(new Hostile(board()), options())) {
            TaskFailedException e = promptly(() -> assertThrows(TaskFailedException.class,
                    () -> pool.fail().map(range(10))));
            assertContains(e.getMessage(), "Hostile.fail");
            assertContains(e.getMessage(), Hostile.Rude.class.getName());
            assertEquals(List.of(10, 20), pool.identity().map(List.of(10, 20)), "the pool stays usable");
        }
    }

    @Test
    void applyAsyncCompletesWhenTheCauseAndTheArgumentsCannotBePrinted() {
        try (var pool = HostileParallel.create(new Hostile(board()), options())) {
            ExecutionException e = promptly(() -> assertThrows(ExecutionException.class,
                    () -> pool.failOnAsync(new Touchy(7)).get(WAIT_SECONDS, TimeUnit.SECONDS)));
            TaskFailedException failure = assertInstanceOf(TaskFailedException.class, e.getCause());
            assertContains(failure.getMessage(), "touchy = ");
            assertContains(failure.getMessage(), Touchy.class.getName());
            ExecutionException plain = promptly(() -> assertThrows(ExecutionException.class,
                    () -> pool.failAsync(3).get(WAIT_SECONDS, TimeUnit.SECONDS)));
            assertInstanceOf(TaskFailedException.class, plain.getCause());
        }
    }

    @Test
    void mapWithArgumentsThatCannotBePrintedFailsWithTaskFailedException() {
        try (var pool = HostileParallel.create(new Hostile(board()), options())) {
            TaskFailedException e = promptly(() -> assertThrows(TaskFailedException.class,
                    () -> pool.failOn().map(List.of(new Touchy(1), new Touchy(2)))));
            assertContains(e.getMessage(), "touchy = ");
        }
    }

    @Test
    void valuesWhoseDecodingThrowsSuchAnExceptionFailTheTask() {
        Assumptions.assumeTrue(processes(), "only values crossing JVMs are decoded");
        try (var pool = HostileParallel.create(new Hostile(board()), options())) {
            TaskFailedException argument = promptly(() -> assertThrows(TaskFailedException.class,
                    () -> pool.takePicky(Hostile.Picky.here())));
            assertContains(argument.getCause().getMessage(), Hostile.Rude.class.getName());
            TaskFailedException result = promptly(() -> assertThrows(TaskFailedException.class,
                    () -> pool.makePicky(1)));
            assertContains(result.getCause().getMessage(), Hostile.Rude.class.getName());
            assertEquals(List.of(1, 2), pool.identity().map(List.of(1, 2)), "the pool stays usable");
        }
    }

    @Test
    void anExitThrowingSuchAnExceptionIsReportedByStopAndJoinAndClose() {
        board().mark("rude-exit");
        var pool = HostileParallel.create(new Hostile(board()), options());
        try {
            pool.identity().map(range(20));
            WorkerExitException e = promptly(() -> assertThrows(WorkerExitException.class, pool::stopAndJoin));
            assertContains(e.getMessage(), "Hostile.finish");
            pool.identity().map(range(20));
            WorkerExitException closed = promptly(() -> assertThrows(WorkerExitException.class, pool::close));
            assertContains(closed.getMessage(), Hostile.Rude.class.getName());
        } finally {
            board().remove("rude-exit");
            pool.close();
        }
    }

    @Test
    void anExitThrowingSuchAnExceptionOnALifespanRestartIsReportedByClose() {
        board().mark("rude-exit");
        var pool = HostileParallel.create(new Hostile(board()), options());
        try {
            List<Integer> out = promptly(() -> pool.identity().workerLifespan(3).chunkSize(1).map(range(30)));
            assertEquals(range(30), out.stream().sorted().toList());
            promptly(() -> assertThrows(WorkerExitException.class, pool::close));
        } finally {
            board().remove("rude-exit");
            pool.close();
        }
    }
}
