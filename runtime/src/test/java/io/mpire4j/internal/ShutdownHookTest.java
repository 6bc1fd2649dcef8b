package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.PoolOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shutdown hook tracks exactly the open pools; what it does at shutdown is ShutdownTest's (in
 * the tests module: a real JVM, signalled). Here: the hook's work, run by hand on an open pool.
 */
class ShutdownHookTest {
    private static WorkerPool<Void, Void> pool() {
        return WorkerPool.create(WorkerProgram.<Void, Void>builder("Doubler")
                .task("twice", List.of("n"), (state, worker, n) -> 2 * n, n -> new Object[] {n}, Codecs.INT, Codecs.INT)
                .build(), PoolOptions.defaults().workers(2));
    }

    @Test
    void openPoolsAreTrackedUntilTheyClose() {
        WorkerPool<Void, Void> closed = pool();
        WorkerPool<Void, Void> terminated = pool();
        assertTrue(ShutdownHook.tracks(closed));
        closed.close();
        assertFalse(ShutdownHook.tracks(closed));
        terminated.terminate();
        assertFalse(ShutdownHook.tracks(terminated));
    }

    @Test
    void atShutdownAPoolStopsAndSaysWhy() {
        WorkerPool<Void, Void> pool = pool();
        assertEquals(List.of(2, 4), pool.<Integer, Integer>method(0).map(List.of(1, 2)));
        pool.shutDownWithJvm();
        assertFalse(ShutdownHook.tracks(pool));
        assertThrows(IllegalStateException.class, () -> pool.<Integer, Integer>method(0).apply(1));
    }
}
