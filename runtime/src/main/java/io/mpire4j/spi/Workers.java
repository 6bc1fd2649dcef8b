package io.mpire4j.spi;

/**
 * One generation of a kind's workers and what they share. Made by {@link WorkerKind#start}.
 */
public interface Workers extends AutoCloseable {

    /**
     * The worker for a slot: a first one, or the replacement of one that ended (lifespan, death,
     * deadline). Called under the pool's generation lock: return at once and do the slow part
     * (launching a JVM) in {@link Worker#open()}, which runs on the slot's thread.
     */
    Worker worker(WorkerContext slot);

    /** Releases what the generation shares; called once, after all its workers ended. */
    @Override
    void close();
}
