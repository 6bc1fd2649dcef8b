package io.mpire4j.spi;

import java.util.List;
import java.util.Set;

/**
 * What a worker kind may know about a pool, resolved once when the pool was created. Implemented
 * by the runtime; immutable and thread-safe.
 */
public interface PoolContext {

    /** The number of worker slots. */
    int workers();

    /** The annotated class, as in source ({@code Primes}, {@code Outer.Inner}), for messages. */
    String className();

    /**
     * The binary name of the generated {@code *Parallel} class, by which a remote worker finds the
     * program ({@code ServiceLoader}); {@code null} when the program was built without one.
     */
    String programName();

    /**
     * The shared receiver of instance methods encoded with the program's codec, once per pool,
     * for remote workers (empty for static-only classes). The array must not be modified.
     *
     * @throws IllegalArgumentException naming the receiver's class if it cannot be encoded
     */
    byte[] encodedReceiver();

    /** Extra command-line options for worker JVMs ({@link io.mpire4j.PoolOptions#jvmOptions}). */
    List<String> jvmOptions();

    /** The CPUs worker {@code id} is pinned to; empty for none. */
    Set<Integer> cpus(int id);

    /** The {@code taskset} executable when some worker is pinned, else {@code null}. */
    String taskset();

    /** Whether the pool records insights (per-task times are then wanted in {@link Batch#completed}). */
    boolean insights();
}
