package io.mpire4j.internal;

import java.time.Duration;

/**
 * A call's settings after defaults are applied and checked against each other.
 *
 * <p>{@code adaptiveMax > 0} marks an input of unknown length with no chunk size or splits set:
 * chunks then start at one task and adapt to the measured task time, up to {@code adaptiveMax}
 * ({@link Call}); {@code maxActive} then follows the current chunk size unless
 * {@code maxActiveSet}.
 */
record CallPlan(int chunkSize, int maxActive, int lifespan, Duration timeout, int adaptiveMax, boolean maxActiveSet,
        int workers, FailurePolicy policy) {

    /** The largest chunk adaptive chunking grows to. */
    static final int ADAPTIVE_MAX = 8192;

    /** A fixed-chunk plan. */
    CallPlan(int chunkSize, int maxActive, int lifespan, Duration timeout) {
        this(chunkSize, maxActive, lifespan, timeout, 0, true, 1, FailurePolicy.FAIL_FAST);
    }

    /** This plan with {@code failures} as its failure policy. */
    CallPlan with(FailurePolicy failures) {
        return new CallPlan(chunkSize, maxActive, lifespan, timeout, adaptiveMax, maxActiveSet, workers, failures);
    }

    /**
     * Resolves the per-call settings for an input of {@code length} tasks ({@code -1}: unknown)
     * on {@code workers} workers. Throws {@link IllegalArgumentException} naming the settings that
     * do not fit together.
     */
    static CallPlan resolve(CallSettings s, long length, int workers) {
        if (s.chunkSize() > 0 && s.splits() > 0) {
            throw new IllegalArgumentException("set chunkSize or splits, not both (chunkSize was " + s.chunkSize()
                    + ", splits was " + s.splits() + ")");
        }
        long chunk;
        if (s.chunkSize() > 0) {
            chunk = s.chunkSize();
        } else if (s.splits() > 0) {
            if (length < 0) {
                throw new IllegalArgumentException("splits (" + s.splits()
                        + ") needs an input of known size: pass a Collection or set length(...)");
            }
            chunk = Math.max(1, Math.ceilDiv(length, s.splits()));
        } else if (length >= 0) {
            chunk = Math.max(1, Math.ceilDiv(length, 64L * workers));
            if (s.maxTasksActive() > 0) {
                chunk = Math.min(chunk, s.maxTasksActive()); // a default must fit the bound the user set
            }
        } else {
            chunk = 1;
        }
        if (s.workerLifespan() > 0) {
            chunk = Math.min(chunk, s.workerLifespan());
        }
        chunk = Math.min(chunk, Integer.MAX_VALUE - 8);
        long maxActive = s.maxTasksActive() > 0 ? s.maxTasksActive() : Math.min(Integer.MAX_VALUE, 2L * workers * chunk);
        if (chunk > maxActive) {
            String source = s.chunkSize() > 0 ? "chunkSize (" + chunk + ")"
                    : "the chunk size " + chunk + " from splits (" + s.splits() + ")";
            throw new IllegalArgumentException(source + " must be <= maxTasksActive (" + maxActive
                    + "): a chunk larger than the tasks allowed in flight could never be sent");
        }
        int adaptiveMax = 0;
        if (s.chunkSize() == 0 && s.splits() == 0 && length < 0) {
            long cap = ADAPTIVE_MAX;
            if (s.workerLifespan() > 0) {
                cap = Math.min(cap, s.workerLifespan());
            }
            if (s.maxTasksActive() > 0) {
                cap = Math.min(cap, s.maxTasksActive());
            }
            adaptiveMax = (int) cap;
        }
        if (adaptiveMax <= 1) {
            return new CallPlan((int) chunk, (int) maxActive, s.workerLifespan(), s.taskTimeout()).with(s.policy());
        }
        return new CallPlan((int) chunk, (int) maxActive, s.workerLifespan(), s.taskTimeout(), adaptiveMax,
                s.maxTasksActive() > 0, workers, s.policy());
    }

    /** The in-flight bound for chunks of {@code chunk} tasks: as set, or {@code 2 × workers × chunk}. */
    long maxActiveFor(int chunk) {
        return maxActiveSet || adaptiveMax == 0 ? maxActive : 2L * workers * chunk;
    }

    /** The plan of a single {@code apply}. */
    static CallPlan single(CallSettings s) {
        return new CallPlan(1, 1, s.workerLifespan(), s.taskTimeout()).with(s.policy());
    }
}
