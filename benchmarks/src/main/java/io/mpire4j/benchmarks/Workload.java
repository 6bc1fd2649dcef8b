package io.mpire4j.benchmarks;

import java.util.List;

/**
 * One of the seed's workloads, written once per peer.
 *
 * <p>{@link #prepare} builds inputs that a user would already have (documents, model inputs) and is
 * not timed. {@link #run} is the timed region: pool creation, the work, collecting the results and
 * shutting the pool down. It returns a checksum of the results that does not depend on the peer,
 * the worker count or the order in which tasks finished.
 */
interface Workload {

    /** The workload's key in the results: {@code numerical}, {@code stateful}, ... */
    String name();

    /** The peers this workload runs, in the order of the tables; {@code serial} first. */
    List<String> peers();

    /** Builds the untimed inputs. */
    void prepare();

    /** Runs the workload once with {@code peer} on {@code workers} workers; returns the checksum. */
    long run(String peer, int workers) throws Exception;

    /** What was run, for the report, e.g. {@code tasks=1000000}. */
    String size();

    /** The peers every CPU-bound workload runs. */
    List<String> STANDARD_PEERS = List.of("serial", "executor", "forkjoin", "virtual", "parallel-collectors",
            "parallel-collectors-batching", "mpire4j-threads", "mpire4j-virtual");

    /**
     * The peers of the seed's first three workloads: the standard ones and mpire4j's child-JVM
     * workers, whose start-up is inside the timed region as every pool's is.
     */
    List<String> WITH_PROCESSES = java.util.stream.Stream.concat(STANDARD_PEERS.stream(),
            java.util.stream.Stream.of("mpire4j-processes")).toList();

    /**
     * mpire4j's options for a worker kind. Child JVMs get the forks' own heap and GC
     * ({@link Runner#JVM_FLAGS}) on top of mpire4j's start-up flags, so that both kinds run the
     * work with the same collector; {@code extra} adds system properties a child needs.
     */
    static io.mpire4j.PoolOptions options(int workers, io.mpire4j.StartMethod kind, String... extra) {
        io.mpire4j.PoolOptions options = io.mpire4j.PoolOptions.defaults().workers(workers).startMethod(kind);
        if (kind == io.mpire4j.StartMethod.PROCESSES) {
            List<String> flags = new java.util.ArrayList<>(Runner.JVM_FLAGS);
            flags.addAll(List.of(extra));
            options = options.jvmOptions(flags);
        }
        return options;
    }

    static Workload named(String name, Mode mode) {
        return switch (name) {
            case "numerical" -> new Numerical(mode);
            case "stateful" -> new Stateful(mode);
            case "init" -> new ExpensiveInit(mode);
            case "overhead-trivial" -> Overhead.trivial(mode);
            case "overhead-10us" -> Overhead.busy(mode);
            default -> throw new IllegalArgumentException("unknown workload: " + name);
        };
    }

    /** Every workload, in report order. */
    List<String> ALL = List.of("numerical", "stateful", "init", "overhead-trivial", "overhead-10us");
}
