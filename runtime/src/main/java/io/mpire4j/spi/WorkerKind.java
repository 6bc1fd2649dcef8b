package io.mpire4j.spi;

/**
 * Where a pool's workers run: threads, virtual threads and child JVMs are the built-in kinds
 * ({@link io.mpire4j.StartMethod}); other modules add kinds (a cluster) and users pick one with
 * {@link io.mpire4j.PoolOptions#workerKind(WorkerKind)}. For authors of worker kinds.
 *
 * <p>A pool has one slot per worker. The pool owns the slots' threads (one each, named
 * {@code mpire4j-worker-<id>}), their queues, deadlines, lifespans, insights and events; a kind
 * only says how one slot's work gets done: it makes a {@link Worker} per slot and owns whatever a
 * generation of workers shares (a socket, a reservation on a cluster). Implementations must be
 * immutable and thread-safe: one instance may serve many pools at once.
 */
public interface WorkerKind {

    /** A short name for reports and listeners ({@code threads}, {@code processes}, {@code hazelcast}). */
    String name();

    /**
     * Checks, when a pool is created, that the pool can run on this kind (for example that its
     * values can be encoded), so that a mistake fails there. Called once per pool, on the thread
     * that creates it.
     *
     * @throws IllegalArgumentException or {@link IllegalStateException} naming what is wrong
     */
    default void check(PoolContext pool) {}

    /** Whether the slots' threads are virtual threads (they are platform daemon threads otherwise). */
    default boolean virtualThreads() {
        return false;
    }

    /**
     * Starts a generation of workers: the pool starts one with the first call, and another after
     * each {@code stopAndJoin()} (or per call with {@code keepAlive(false)}). The result owns the
     * generation's shared resources until the pool closes it, after every worker of the
     * generation ended. Called on the thread that makes the call, under no lock of the pool.
     */
    Workers start(PoolContext pool);
}
