package io.mpire4j.tests;

import io.mpire4j.spi.WorkerKind;

/**
 * Where the pools of a contract class run when that is not one of this JVM's own worker kinds: a
 * subclass in another module (the cluster's) implements it, and {@link PoolContract} then builds
 * every pool on {@link #workerKind()} and, after each test, also checks
 * {@link #assertNothingLeftThere()}.
 */
interface Placement {
    /** The worker kind every pool of the test runs on. */
    WorkerKind workerKind();

    /** Fails the test if a worker of its pools is still running where they ran. */
    void assertNothingLeftThere();
}
