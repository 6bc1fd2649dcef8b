package io.mpire4j.benchmarks;

import io.mpire4j.annotations.Parallel;
import io.mpire4j.annotations.WorkerInit;
import io.mpire4j.annotations.WorkerState;

/**
 * The expensive-init workload for mpire4j, as the seed wrote it for MPIRE: each worker loads the
 * model once ({@code @WorkerInit}) and keeps it across calls, since pools keep their workers alive
 * by default; a task evaluates the next batch.
 */
final class ModelWorker {
    /** The system property that gives a child JVM worker its load passes. */
    static final String LOAD_PASSES_PROPERTY = "mpire4j.benchmarks.loadPasses";

    /**
     * Load passes for {@link Mlp#load}; set once by {@link ExpensiveInit#prepare()} before any pool
     * starts. A child JVM ({@code PROCESSES}) never runs {@code prepare()}: it reads
     * {@link #LOAD_PASSES_PROPERTY}, which the workload passes in its JVM options.
     */
    static volatile int loadPasses = Integer.getInteger(LOAD_PASSES_PROPERTY, Mode.FULL.loadPasses());

    private ModelWorker() {}

    @WorkerInit
    static Mlp load() {
        return Mlp.load(loadPasses);
    }

    @Parallel
    static float[][] evaluateNextBatch(@WorkerState Mlp model, int index) {
        return model.predictAll(index);
    }
}
