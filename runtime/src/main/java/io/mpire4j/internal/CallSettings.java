package io.mpire4j.internal;

import java.time.Duration;

/**
 * The per-call settings of a {@link io.mpire4j.ParallelMethod}, as set (0 or {@code null}: not set,
 * use the default). Each is checked by the handle when it is set; a wither returns a copy with one
 * setting changed.
 */
record CallSettings(int chunkSize, int splits, int maxTasksActive, int workerLifespan, Duration taskTimeout,
        boolean progressBar, long length, String description, ProgressStyle progressStyle, FailurePolicy policy) {

    static final CallSettings DEFAULTS = new CallSettings(0, 0, 0, 0, null, false, -1, null);

    /** Settings with the default progress style. */
    CallSettings(int chunkSize, int splits, int maxTasksActive, int workerLifespan, Duration taskTimeout,
            boolean progressBar, long length, String description) {
        this(chunkSize, splits, maxTasksActive, workerLifespan, taskTimeout, progressBar, length, description,
                ProgressStyle.DEFAULT, FailurePolicy.FAIL_FAST);
    }

    CallSettings withChunkSize(int value) {
        return new CallSettings(value, splits, maxTasksActive, workerLifespan, taskTimeout, progressBar, length,
                description, progressStyle, policy);
    }

    CallSettings withSplits(int value) {
        return new CallSettings(chunkSize, value, maxTasksActive, workerLifespan, taskTimeout, progressBar, length,
                description, progressStyle, policy);
    }

    CallSettings withMaxTasksActive(int value) {
        return new CallSettings(chunkSize, splits, value, workerLifespan, taskTimeout, progressBar, length,
                description, progressStyle, policy);
    }

    CallSettings withWorkerLifespan(int value) {
        return new CallSettings(chunkSize, splits, maxTasksActive, value, taskTimeout, progressBar, length,
                description, progressStyle, policy);
    }

    CallSettings withTaskTimeout(Duration value) {
        return new CallSettings(chunkSize, splits, maxTasksActive, workerLifespan, value, progressBar, length,
                description, progressStyle, policy);
    }

    CallSettings withProgressBar(boolean value) {
        return new CallSettings(chunkSize, splits, maxTasksActive, workerLifespan, taskTimeout, value, length,
                description, progressStyle, policy);
    }

    CallSettings withLength(long value) {
        return new CallSettings(chunkSize, splits, maxTasksActive, workerLifespan, taskTimeout, progressBar, value,
                description, progressStyle, policy);
    }

    CallSettings withDescription(String value) {
        return new CallSettings(chunkSize, splits, maxTasksActive, workerLifespan, taskTimeout, progressBar, length,
                value, progressStyle, policy);
    }

    CallSettings withProgressStyle(ProgressStyle value) {
        return new CallSettings(chunkSize, splits, maxTasksActive, workerLifespan, taskTimeout, progressBar, length,
                description, value, policy);
    }

    CallSettings withPolicy(FailurePolicy value) {
        return new CallSettings(chunkSize, splits, maxTasksActive, workerLifespan, taskTimeout, progressBar, length,
                description, progressStyle, value);
    }
}
