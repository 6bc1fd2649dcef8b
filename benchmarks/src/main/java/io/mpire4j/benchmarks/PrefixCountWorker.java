package io.mpire4j.benchmarks;

import io.mpire4j.annotations.Parallel;
import io.mpire4j.annotations.WorkerExit;
import io.mpire4j.annotations.WorkerInit;
import io.mpire4j.annotations.WorkerState;

/**
 * The stateful workload for mpire4j: each worker starts an empty {@link StreamingPrefixCount}
 * ({@code @WorkerInit}), counts the documents it is given ({@code @Parallel}), and reports its
 * popular prefixes when it stops ({@code @WorkerExit}).
 */
final class PrefixCountWorker {
    private PrefixCountWorker() {}

    @WorkerInit
    static StreamingPrefixCount start() {
        return new StreamingPrefixCount();
    }

    @Parallel
    static void count(@WorkerState StreamingPrefixCount counts, byte[] document) {
        counts.add(document);
    }

    @WorkerExit
    static StreamingPrefixCount.Summary popular(@WorkerState StreamingPrefixCount counts) {
        return counts.summary();
    }
}
