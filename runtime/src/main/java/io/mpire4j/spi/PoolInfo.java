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
}
