package io.mpire4j.benchmarks;

import io.mpire4j.ParallelMethod;
import io.mpire4j.PoolOptions;
import io.mpire4j.StartMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.LongStream;

/**
 * Workload 4, overhead: many small tasks, where the cost of handing out tasks is all there is.
 * {@code overhead-trivial} maps {@code x → x * x} over 1,000,000 boxed longs (200,000 in quick
 * mode); {@code overhead-10us} maps about 10 µs of arithmetic ({@link OverheadTasks#spin}) over
 * 100,000 (30,000 in quick mode).
 *
 * <p>mpire4j runs in variants: default chunking ({@code tasks / (64 × workers)}) ordered
 * ({@code map}) and {@code -unordered} ({@code mapUnordered}); {@code -chunk1} (chunk size 1, ordered);
 * and {@code -progress} (default chunking with {@code progressBar(true)}; the runner sends that
 * JVM's stderr to a file, so the bar draws its non-terminal form). The peers have no
 * chunk setting: executor, virtual threads and parallel-collectors hand out one task at a time, as
 * their users write them; fork-join splits the list itself; {@code parallel-collectors-batching}
 * sends one batch per worker.
 *
 * <p>Checksum: each result mixed and summed, so it does not depend on the result order.
 *
 * <p>Run alone: {@code java -cp ... io.mpire4j.benchmarks.Fork overhead-trivial mpire4j-threads 1 full}.
 */
final class Overhead implements Workload {
    private static final List<String> VARIANTS = List.of("", "-unordered", "-chunk1", "-progress");

    private final String name;
    private final int taskCount;
    private final Function<Long, Long> task;
    private final Function<OverheadTasksParallel, ParallelMethod<Long, Long>> method;
    private List<Long> inputs;

    private Overhead(String name, int taskCount, Function<Long, Long> task,
            Function<OverheadTasksParallel, ParallelMethod<Long, Long>> method) {
        this.name = name;
        this.taskCount = taskCount;
        this.task = task;
        this.method = method;
    }

    static Overhead trivial(Mode mode) {
        return new Overhead("overhead-trivial", mode.trivialTasks(), OverheadTasks::square, pool -> pool.square());
    }

    static Overhead busy(Mode mode) {
        return new Overhead("overhead-10us", mode.busyTasks(), OverheadTasks::spin, pool -> pool.spin());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> peers() {
        List<String> peers = new ArrayList<>(STANDARD_PEERS.subList(0, STANDARD_PEERS.indexOf("mpire4j-threads")));
        for (String kind : List.of("mpire4j-threads", "mpire4j-virtual")) {
            for (String variant : VARIANTS) {
                peers.add(kind + variant);
            }
        }
        return peers;
    }

    @Override
    public void prepare() {
        inputs = LongStream.range(0, taskCount).boxed().toList();
    }

    @Override
    public String size() {
        return "tasks=" + taskCount;
    }

    @Override
    public long run(String peer, int workers) throws Exception {
        List<Long> results = peer.startsWith("mpire4j-") ? mpire4j(peer, workers) : MapPeers.map(peer, workers, inputs, task);
        long checksum = 0;
        for (Long result : results) {
            checksum += Checksums.mix(result);
        }
        return checksum;
    }

    private List<Long> mpire4j(String peer, int workers) {
        StartMethod kind = peer.startsWith("mpire4j-threads") ? StartMethod.THREADS : StartMethod.VIRTUAL_THREADS;
        try (OverheadTasksParallel pool = OverheadTasksParallel.create(
                PoolOptions.defaults().workers(workers).startMethod(kind))) {
            ParallelMethod<Long, Long> call = method.apply(pool);
            if (peer.contains("-chunk1")) {
                call = call.chunkSize(1);
            }
            if (peer.endsWith("-progress")) {
                call = call.progressBar(true);
            }
            return peer.endsWith("-unordered") ? call.mapUnordered(inputs) : call.map(inputs);
        }
    }
}
