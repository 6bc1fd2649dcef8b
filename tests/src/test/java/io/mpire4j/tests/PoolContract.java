package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.mpire4j.PoolOptions;
import io.mpire4j.StartMethod;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.params.Parameter;

/**
 * The base of every contract test. A subclass is annotated {@link EveryWorkerKind}, so JUnit runs
 * all its tests once per worker kind with {@link #kind} set; tests build their pools from
 * {@link #options()}. After each test, no {@code mpire4j-} thread may be left alive.
 *
 * <p>Waiting is done with latches, barriers and semaphores that have a timeout ({@link #await}),
 * and anything that could hang runs under {@link #promptly}; never with sleeps.
 */
abstract class PoolContract {
    /** Workers in every pool unless a test says otherwise. */
    static final int WORKERS = 4;
    /** How soon a prompt failure (timeout, terminate) must reach the caller. */
    static final Duration PROMPTLY = Duration.ofSeconds(5);
    /** How long a test waits on a latch or barrier before it fails: only reached when something is wrong. */
    static final long WAIT_SECONDS = 10;

    /** The worker kind under test, injected by {@link EveryWorkerKind}. */
    @Parameter
    StartMethod kind;

    /** Pool options for the kind under test, with {@link #WORKERS} workers. */
    PoolOptions options() {
        return PoolOptions.defaults().startMethod(kind).workers(WORKERS);
    }

    @AfterEach
    void noMpire4jThreadIsLeft() {
        LiveThreads.assertNoneLeft(Duration.ofSeconds(5));
    }

    /** Waits for {@code latch}, failing the test (or the task) after {@link #WAIT_SECONDS}. */
    static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            fail("timed out waiting for a latch (" + latch.getCount() + " counts left)");
        }
    }

    /** Runs {@code body}, failing the test if it has not returned within {@link #PROMPTLY}. */
    static <T> T promptly(ThrowingSupplier<T> body) {
        return assertTimeoutPreemptively(PROMPTLY, body);
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
