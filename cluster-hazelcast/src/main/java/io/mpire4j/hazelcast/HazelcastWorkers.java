package io.mpire4j.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import io.mpire4j.spi.WorkerKind;
import java.util.Objects;

/**
 * Worker pools on a Hazelcast cluster. Each member that should run workers hosts worker slots with
 * {@link #serve}; a caller (a member or a Hazelcast client of the same cluster) passes
 * {@link #on} to {@link io.mpire4j.PoolOptions#workerKind}, and the generated pool runs there with
 * the same API and results as on threads or child JVMs:
 *
 * <pre>{@code
 * // on every member (a JVM with the application's classes on its class path):
 * AutoCloseable serving = HazelcastWorkers.serve(member, 4);
 *
 * // on the caller:
 * try (var pool = PrimesParallel.create(PoolOptions.defaults().workers(8)
 *         .workerKind(HazelcastWorkers.on(hazelcastInstance)))) {
 *     List<Boolean> flags = pool.isPrime().map(numbers);
 * }
 * }</pre>
 *
 * <p>A slot is one thread on its member with its own {@code @WorkerInit} state, {@code @WorkerId},
 * {@code @WorkerExit} and lifespan. Tasks, results, the shared receiver (sent once per member) and
 * exit values cross as the frames and generated codecs of child JVMs, carried by Hazelcast topics.
 * A member that leaves mid-call loses nothing: the chunks its slots held run again on the other
 * members. Hazelcast's open-source edition has no authentication or TLS: run the cluster on a
 * trusted network only.
 */
public final class HazelcastWorkers {
    private HazelcastWorkers() {}

    /**
     * Hosts {@code slots} worker slots on {@code member} for callers anywhere in its cluster, until
     * the result is closed (which ends the slots running here at once) or the member shuts down.
     * The member needs the callers' annotated classes, their generated {@code *Parallel} classes
     * and this module on its class path. Capacity is a preference: callers fill free slots first
     * and then spread evenly, so a pool with more workers than free slots still runs.
     *
     * @param member a cluster member (not a client)
     * @param slots how many slots callers should place here, at least 1
     * @throws IllegalArgumentException if {@code slots < 1} or {@code member} is a client
     * @throws IllegalStateException if {@code member} already serves
     */
    public static AutoCloseable serve(HazelcastInstance member, int slots) {
        Objects.requireNonNull(member, "member");
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be >= 1, was " + slots);
        }
        return new SlotServer(member, slots);
    }

    /**
     * A worker kind whose slots live on the members of {@code hazelcast}'s cluster that
     * {@link #serve}: each pool generation places its workers over the members serving when it
     * starts. {@code hazelcast} may be a member or a client; it must stay running while pools use
     * the kind. The kind is thread-safe and may serve many pools.
     */
    public static WorkerKind on(HazelcastInstance hazelcast) {
        Objects.requireNonNull(hazelcast, "hazelcast");
        return new ClusterKind(hazelcast);
    }
}
