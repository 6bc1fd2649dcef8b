package io.mpire4j;

import java.time.Duration;

/**
 * The per-call settings of a {@link ParallelMethod}, as set (0 or {@code null}: not set, use the
 * default). Each is checked when it is set.
 */
record CallSettings(int chunkSize, int splits, int maxTasksActive, int workerLifespan, Duration taskTimeout,
        boolean progressBar, long length, String description) {

    static final CallSettings DEFAULTS = new CallSettings(0, 0, 0, 0, null, false, -1, null);
}
