package io.mpire4j.spi;

import io.mpire4j.Insights;

/**
 * A pool as listeners see it. Implemented by the runtime; thread-safe.
 */
public interface PoolInfo {
    /** A number unique to this pool in this JVM, from 1. */
    long id();

    /** The annotated class whose methods the pool runs, as in source ({@code Primes}, {@code Outer.Inner}). */
    String className();

    /** The worker kind's name: {@code threads}, {@code virtual-threads}, {@code processes}, or another kind's. */
    String workerKind();

    /** The number of workers. */
    int workers();

    /** A snapshot of the pool's insights (empty unless the pool records them). */
    Insights insights();

    /**
     * Tasks that calls of this pool have read from their input (or claimed from their list) and
     * that have not completed yet: queued, running, or waiting for a worker. Counted only for calls
     * that started while a listener was registered (or showed a bar). {@code 0} for pools that do
     * not count.
     */
    default long tasksPending() {
        return 0;
    }

    /**
     * Workers running a chunk at this moment, counted while a listener is registered (chunks that
     * began before are not). {@code 0} for pools that do not count.
     */
    default int workersBusy() {
        return 0;
    }
}
