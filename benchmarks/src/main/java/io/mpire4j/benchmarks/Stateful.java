package io.mpire4j.benchmarks;

import com.pivovarit.collectors.ParallelCollectors;
import io.mpire4j.PoolOptions;
import io.mpire4j.StartMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Workload 2, stateful: 2000 documents (500 in quick mode) alternating 1500 and 500 words of 20
 * random bytes from {@code SplittableRandom(42)}, built before timing. Each worker keeps its own
 * {@link StreamingPrefixCount}; when all documents are counted, each worker's popular prefixes
 * (count above 3) are collected and their union is the answer.
 *
 * <p>How each peer keeps per-worker state, as its users would: the executor, fork-join and
 * parallel-collectors peers use a {@code ThreadLocal} that registers each new table in a concurrent
 * queue; the virtual-thread peer keeps a pool of {@code workers} tables in a blocking queue (a task
 * takes one, counts, puts it back), which also bounds how many documents are counted at once;
 * mpire4j uses {@code @WorkerInit} / {@code @WorkerState} / {@code @WorkerExit}
 * ({@link PrefixCountWorker}).
 *
 * <p>Checksum: the sum over all tables of {@code count × mix(key)}, which does not depend on how
 * documents were spread over workers. (The union of popular sets does: a prefix seen 4 times in all
 * may be seen twice by each of two workers. Its size is reported, not compared.)
 *
 * <p>Run alone: {@code java -cp ... io.mpire4j.benchmarks.Fork stateful mpire4j-threads 2 full}.
 */
final class Stateful implements Workload {
    private final Mode mode;
    private List<byte[]> documents;
    private int lastPopular;

    Stateful(Mode mode) {
        this.mode = mode;
    }

    @Override
    public String name() {
        return "stateful";
    }

    @Override
    public List<String> peers() {
        return WITH_PROCESSES;
    }

    @Override
    public void prepare() {
        SplittableRandom random = new SplittableRandom(42);
        documents = new ArrayList<>(mode.documents());
        for (int d = 0; d < mode.documents(); d++) {
            byte[] document = new byte[(d % 2 == 0 ? 1500 : 500) * StreamingPrefixCount.WORD];
            random.nextBytes(document);
            documents.add(document);
        }
    }

    @Override
    public String size() {
        return "documents=" + mode.documents() + " popular=" + lastPopular;
    }

    @Override
    public long run(String peer, int workers) throws Exception {
        List<StreamingPrefixCount.Summary> perWorker = switch (peer) {
            case "serial" -> serial();
            case "executor" -> executor(workers);
            case "forkjoin" -> forkJoin(workers);
            case "virtual" -> virtual(workers);
            case "parallel-collectors" -> parallelCollectors(workers, false);
            case "parallel-collectors-batching" -> parallelCollectors(workers, true);
            case "mpire4j-threads" -> mpire4j(workers, StartMethod.THREADS);
            case "mpire4j-virtual" -> mpire4j(workers, StartMethod.VIRTUAL_THREADS);
            case "mpire4j-processes" -> mpire4j(workers, StartMethod.PROCESSES);
            default -> throw new IllegalArgumentException("unknown peer: " + peer);
        };
        StreamingPrefixCount.Summary union = StreamingPrefixCount.Summary.union(perWorker);
        lastPopular = union.popular().length;
        return union.checksum();
    }

    private List<StreamingPrefixCount.Summary> serial() {
        StreamingPrefixCount counts = new StreamingPrefixCount();
        for (byte[] document : documents) {
            counts.add(document);
        }
        return List.of(counts.summary());
    }

    /** Per-thread tables that register themselves, so they can be summarised after the pool ends. */
    private static final class ThreadTables {
        final Queue<StreamingPrefixCount> all = new ConcurrentLinkedQueue<>();
        final ThreadLocal<StreamingPrefixCount> mine = ThreadLocal.withInitial(() -> {
            StreamingPrefixCount counts = new StreamingPrefixCount();
            all.add(counts);
            return counts;
        });

        List<StreamingPrefixCount.Summary> summaries() {
            return all.stream().map(StreamingPrefixCount::summary).toList();
        }
    }

    private List<StreamingPrefixCount.Summary> executor(int workers) throws Exception {
        ThreadTables tables = new ThreadTables();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Callable<Void>> calls = new ArrayList<>(documents.size());
            for (byte[] document : documents) {
                calls.add(() -> {
                    tables.mine.get().add(document);
                    return null;
                });
            }
            for (Future<Void> future : pool.invokeAll(calls)) {
                future.get();
            }
        }
        return tables.summaries();
    }

    private List<StreamingPrefixCount.Summary> forkJoin(int workers) throws Exception {
        ThreadTables tables = new ThreadTables();
        try (ForkJoinPool pool = new ForkJoinPool(workers)) {
            pool.submit(() -> documents.parallelStream().forEach(document -> tables.mine.get().add(document))).get();
        }
        return tables.summaries();
    }

    private List<StreamingPrefixCount.Summary> virtual(int workers) throws Exception {
        BlockingQueue<StreamingPrefixCount> tables = new ArrayBlockingQueue<>(workers);
        for (int w = 0; w < workers; w++) {
            tables.add(new StreamingPrefixCount());
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>(documents.size());
            for (byte[] document : documents) {
                futures.add(threads.submit(() -> {
                    StreamingPrefixCount counts = tables.take();
                    try {
                        counts.add(document);
                    } finally {
                        tables.put(counts);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        return tables.stream().map(StreamingPrefixCount::summary).toList();
    }

    private List<StreamingPrefixCount.Summary> parallelCollectors(int workers, boolean batching) {
        ThreadTables tables = new ThreadTables();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            Function<byte[], Integer> count = document -> {
                tables.mine.get().add(document);
                return document.length;
            };
            if (batching) {
                documents.stream().collect(ParallelCollectors.Batching.parallel(count, Collectors.toList(), pool, workers))
                        .join();
            } else {
                documents.stream().collect(ParallelCollectors.parallel(count, Collectors.toList(), pool, workers)).join();
            }
        }
        return tables.summaries();
    }

    private List<StreamingPrefixCount.Summary> mpire4j(int workers, StartMethod kind) {
        return mpire4j(Workload.options(workers, kind));
    }

    /** The mpire4j run with these options (for {@link ClusterBench}); returns the checksum. */
    long runWith(PoolOptions options) {
        return StreamingPrefixCount.Summary.union(mpire4j(options)).checksum();
    }

    private List<StreamingPrefixCount.Summary> mpire4j(PoolOptions options) {
        try (PrefixCountWorkerParallel pool = PrefixCountWorkerParallel.create(options)) {
            pool.count().forEach(documents);
            pool.stopAndJoin(); // each worker runs popular(...) and reports its summary
            return pool.exitResults();
        }
    }
}
