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
    /** Load passes for {@link Mlp#load}; set once by {@link ExpensiveInit#prepare()} before any pool starts. */
    static volatile int loadPasses = Mode.FULL.loadPasses();

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
