package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.mpire4j.PoolOptions;
import io.mpire4j.StartMethod;
import io.mpire4j.tests.fixtures.Board;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * The base of every contract test. A subclass is annotated {@link EveryWorkerKind}, so JUnit runs
 * all its tests once per worker kind with {@link #kind} set; tests build their pools from
 * {@link #options()}. After each test, no {@code mpire4j-} thread and no child process of this JVM
 * may be left alive.
 *
 * <p>Tasks may run in child JVMs, so tests and tasks signal each other through files on a
 * {@link Board} in the test's temporary directory, and tasks report what they saw in their results
 * or on the board. Waiting is bounded, on a condition ({@link #awaitUntil}, {@link Board#await}) or
 * on a future or barrier of the test's own threads, and anything that could hang runs under
 * {@link #promptly}; never a sleep.
 */
abstract class PoolContract {
    /** How soon a prompt failure (timeout, terminate) must reach the caller. */
    static final Duration PROMPTLY = Duration.ofSeconds(5);
    /** How long a test waits on a future or barrier before it fails: only reached when something is wrong. */
    static final long WAIT_SECONDS = 10;

    /** The worker kind under test, injected by {@link EveryWorkerKind}. */
    @Parameter
    StartMethod kind;

    @TempDir(factory = BoardDirectory.class)
    Path tempDir;

    /**
     * Workers in every pool unless a test says otherwise: 4 threads, or 2 child JVMs (each JVM takes
     * a few hundred ms of CPU to start, on machines with as few as 2 cores).
     */
    int workers() {
        return kind == StartMethod.PROCESSES ? 2 : 4;
    }

    /**
     * Pool options for the kind under test, with {@link #workers()} workers; on the
     * {@link Placement#workerKind() worker kind} of a subclass that is a {@link Placement}.
     */
    PoolOptions options() {
        PoolOptions options = PoolOptions.defaults().startMethod(kind).workers(workers());
        return this instanceof Placement elsewhere ? options.workerKind(elsewhere.workerKind()) : options;
    }

    /** The signal board of this test, in its temporary directory. */
    Board board() {
        return Board.in(tempDir);
    }

    boolean processes() {
        return kind == StartMethod.PROCESSES;
    }

    /** Skips the test for child-JVM workers: its property is about threads of this JVM ({@code why}). */
    void threadsOnly(String why) {
        Assumptions.assumeFalse(processes(), why);
    }

    @AfterEach
    void noWorkerThreadOrProcessIsLeft() {
        LiveThreads.assertNoneLeft(Duration.ofSeconds(5));
        LiveProcesses.assertNoneLeft(Duration.ofSeconds(5));
        if (this instanceof Placement elsewhere) {
            elsewhere.assertNothingLeftThere();
        }
    }

    /** Waits until {@code condition} holds, failing the test after {@link #WAIT_SECONDS}. */
    static void awaitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        try {
            Board.awaitUntil(condition, what);
        } catch (IllegalStateException timedOut) {
            fail(timedOut.getMessage());
        }
    }

    /** Runs {@code body}, failing the test if it has not returned within {@link #PROMPTLY}. */
    static <T> T promptly(ThrowingSupplier<T> body) {
        return assertTimeoutPreemptively(PROMPTLY, body);
    }

    /** Runs {@code body}, failing the test if it has not returned within {@code limit}: it must not hang. */
    static <T> T within(Duration limit, ThrowingSupplier<T> body) {
        return assertTimeoutPreemptively(limit, body);
    }

    /**
     * Runs {@code body} on a new platform thread of the test's own (not an mpire4j thread, not the
     * common pool); the future completes with its result or exception.
     */
    static <T> CompletableFuture<T> inAnotherThread(String name, Callable<T> body) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Thread.ofPlatform().name("test-" + name).daemon(true).start(() -> {
            try {
                future.complete(body.call());
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        });
        return future;
    }

    static void assertContains(String text, String expected) {
        assertTrue(text != null && text.contains(expected), () -> "expected <" + expected + "> in:\n" + text);
    }
}
