package io.mpire4j.benchmarks;

import com.pivovarit.collectors.ParallelCollectors;
import io.mpire4j.StartMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Workload 3, expensive init, as the seed's benchmark 3: a model ({@link Mlp}, 784 → 512 → 10, with
 * its 1000 test inputs) whose load is a deterministic, CPU-bound 1–1.5 s, loaded once per worker;
 * then 3 rounds, each one call on the same kept-alive pool, of 10 predictions over the 1000 inputs
 * (10 tasks per round; task {@code i} adds {@code i} to its scores, as the seed does). Quick mode
 * loads about a fifth as long and runs one round.
 *
 * <p>How each peer loads once per worker, as its users would: executor, fork-join and
 * parallel-collectors keep the model in a {@code ThreadLocal} that loads on a thread's first task;
 * the virtual-thread peer keeps a pool of {@code workers} model slots in a blocking queue (a task
 * takes a slot, loads it if it is still empty, predicts and puts it back), which also bounds how
 * many predictions run at once; mpire4j uses {@code @WorkerInit} ({@link ModelWorker}). The serial
 * loop loads once.
 *
 * <p>The model load does not divide among workers (each worker pays it), so parallel efficiency is
 * at most {@code (load + work) ÷ (workers × load + work)}: that is the cost this workload shows.
 *
 * <p>Checksum: the exact bits of each prediction's score sum, mixed and summed.
 *
 * <p>Run alone: {@code java -cp ... io.mpire4j.benchmarks.Fork init mpire4j-threads 2 full}.
 */
final class ExpensiveInit implements Workload {
    static final int PREDICTIONS_PER_ROUND = 10;

    private final Mode mode;
    /** One round's tasks: the batch indices 0..9. */
    private final List<Integer> batches = IntStream.range(0, PREDICTIONS_PER_ROUND).boxed().toList();

    ExpensiveInit(Mode mode) {
        this.mode = mode;
    }

    @Override
    public String name() {
        return "init";
    }

    @Override
    public List<String> peers() {
        return WITH_PROCESSES;
    }

    @Override
    public void prepare() {
        ModelWorker.loadPasses = mode.loadPasses();
    }

    @Override
    public String size() {
        return "rounds=" + mode.initRounds() + " predictions_per_round=" + PREDICTIONS_PER_ROUND + " inputs=" + Mlp.TEST_INPUTS
                + " load_passes=" + mode.loadPasses();
    }

    @Override
    public long run(String peer, int workers) throws Exception {
        List<List<float[][]>> rounds = switch (peer) {
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
        long checksum = 0;
        for (List<float[][]> round : rounds) {
            for (float[][] prediction : round) {
                double sum = 0;
                for (float[] scores : prediction) {
                    for (float score : scores) {
                        sum += score;
                    }
                }
                checksum += Checksums.of(sum);
            }
        }
        return checksum;
    }

    private List<List<float[][]>> serial() {
        Mlp model = Mlp.load(mode.loadPasses());
        List<List<float[][]>> rounds = new ArrayList<>();
        for (int round = 0; round < mode.initRounds(); round++) {
            rounds.add(MapPeers.serial(batches, model::predictAll));
        }
        return rounds;
    }

    private ThreadLocal<Mlp> threadModels() {
        int passes = mode.loadPasses();
        return ThreadLocal.withInitial(() -> Mlp.load(passes));
    }

    private List<List<float[][]>> executor(int workers) throws Exception {
        ThreadLocal<Mlp> model = threadModels();
        List<List<float[][]>> rounds = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            for (int round = 0; round < mode.initRounds(); round++) {
                List<Callable<float[][]>> calls = new ArrayList<>();
                for (int index : batches) {
                    calls.add(() -> model.get().predictAll(index));
                }
                List<float[][]> results = new ArrayList<>();
                for (Future<float[][]> future : pool.invokeAll(calls)) {
                    results.add(future.get());
                }
                rounds.add(results);
            }
        }
        return rounds;
    }

    private List<List<float[][]>> forkJoin(int workers) throws Exception {
        ThreadLocal<Mlp> model = threadModels();
        List<List<float[][]>> rounds = new ArrayList<>();
        try (ForkJoinPool pool = new ForkJoinPool(workers)) {
            for (int round = 0; round < mode.initRounds(); round++) {
                rounds.add(pool.submit(() -> batches.parallelStream().map(index -> model.get().predictAll(index))
                        .toList()).get());
            }
        }
        return rounds;
    }

    /** A model slot: empty until the first task that takes it loads the model. */
    private static final class ModelSlot {
        Mlp model;
    }

    private List<List<float[][]>> virtual(int workers) throws Exception {
        BlockingQueue<ModelSlot> slots = new ArrayBlockingQueue<>(workers);
        for (int w = 0; w < workers; w++) {
            slots.add(new ModelSlot());
        }
        int passes = mode.loadPasses();
        List<List<float[][]>> rounds = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int round = 0; round < mode.initRounds(); round++) {
                List<Future<float[][]>> futures = new ArrayList<>();
                for (int index : batches) {
                    futures.add(threads.submit(() -> {
                        ModelSlot slot = slots.take();
                        try {
                            if (slot.model == null) {
                                slot.model = Mlp.load(passes);
                            }
                            return slot.model.predictAll(index);
                        } finally {
                            slots.put(slot);
                        }
                    }));
                }
                List<float[][]> results = new ArrayList<>();
                for (Future<float[][]> future : futures) {
                    results.add(future.get());
                }
                rounds.add(results);
            }
        }
        return rounds;
    }

    private List<List<float[][]>> parallelCollectors(int workers, boolean batching) {
        ThreadLocal<Mlp> model = threadModels();
        Function<Integer, float[][]> predict = index -> model.get().predictAll(index);
        List<List<float[][]>> rounds = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            for (int round = 0; round < mode.initRounds(); round++) {
                rounds.add(batching
                        ? batches.stream().collect(ParallelCollectors.Batching.parallel(predict, Collectors.toList(), pool,
                                workers)).join()
                        : batches.stream().collect(ParallelCollectors.parallel(predict, Collectors.toList(), pool,
                                workers)).join());
            }
        }
        return rounds;
    }

    private List<List<float[][]>> mpire4j(int workers, StartMethod kind) {
        List<List<float[][]>> rounds = new ArrayList<>();
        try (ModelWorkerParallel pool = ModelWorkerParallel.create(
                Workload.options(workers, kind,
                "-D" + ModelWorker.LOAD_PASSES_PROPERTY + "=" + mode.loadPasses()))) {
            for (int round = 0; round < mode.initRounds(); round++) {
                rounds.add(pool.evaluateNextBatch().map(batches));
            }
        }
        return rounds;
    }
}
