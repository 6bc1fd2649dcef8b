package io.mpire4j.spi;

import java.io.DataInput;
import java.io.IOException;

/**
 * One slot as its {@link Worker} sees it. Implemented by the runtime; thread-safe.
 */
public interface WorkerContext {

    /** The worker's id, {@code 0 … workers-1}, stable across replacements in the slot. */
    int id();

    /** The pool. */
    PoolContext pool();

    /**
     * The worker can do no more work (its process ended, its member left): the pool replaces it
     * without running exit. Idempotent; callable from any thread (a process-exit callback, the
     * worker's own thread).
     */
    void lost();

    /**
     * Replace the worker after the current batch, running its exit first, as at the end of a
     * lifespan (for example after an {@code OutOfMemoryError}). Worker's thread only.
     */
    void retire();

    /**
     * Whether the pool has given up on this worker or is terminating: an end of the worker now is
     * expected and must not be reported as a death.
     */
    boolean ending();

    /**
     * Says where this slot's worker runs, for the pool's insights ({@code "member 10.0.0.7:5701"});
     * a kind whose workers run elsewhere calls it as the worker opens. Worker's thread. The default
     * ignores it.
     */
    default void location(String where) {}

    /** Reads a {@code @WorkerExit} result written by the remote side with the program's exit codec. */
    Object readExit(DataInput in) throws IOException;
}
