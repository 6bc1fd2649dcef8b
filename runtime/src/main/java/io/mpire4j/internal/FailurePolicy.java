package io.mpire4j.internal;

import io.mpire4j.TaskFailedException;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * What a call does with a failed task ({@link io.mpire4j.ParallelMethod#outcomes()},
 * {@link io.mpire4j.ParallelMethod#retries(int, Duration)},
 * {@link io.mpire4j.ParallelMethod#retryIf}): retry it up to {@code retries} times, waiting
 * {@code backoff} before the first retry and twice as long before each further one, while
 * {@code retryIf} accepts the failure; then hand out a failure outcome ({@code outcomes}) or fail
 * the call. Immutable.
 */
record FailurePolicy(boolean outcomes, int retries, Duration backoff, Predicate<? super TaskFailedException> retryIf) {

    /** Fail the call at the first failure, as without any of the settings. */
    static final FailurePolicy FAIL_FAST = new FailurePolicy(false, 0, Duration.ZERO, failure -> true);

    /** The longest wait before a retry, however many came before it. */
    static final long MAX_BACKOFF_NANOS = Duration.ofMinutes(10).toNanos();

    /** Whether failures are handled task by task: outcomes, or retries. */
    boolean perTask() {
        return outcomes || retries > 0;
    }

    FailurePolicy withOutcomes() {
        return new FailurePolicy(true, retries, backoff, retryIf);
    }

    FailurePolicy withRetries(int n, Duration wait) {
        return new FailurePolicy(outcomes, n, wait, retryIf);
    }

    FailurePolicy withRetryIf(Predicate<? super TaskFailedException> when) {
        return new FailurePolicy(outcomes, retries, backoff, when);
    }

    /** The wait before retry number {@code attempt + 1} (attempt counts from 0), in nanoseconds. */
    long backoffNanos(int attempt) {
        long base = backoff.toNanos();
        if (base == 0) {
            return 0;
        }
        int shift = Math.min(attempt, 30);
        return base > MAX_BACKOFF_NANOS >> shift ? MAX_BACKOFF_NANOS : base << shift;
    }

    /**
     * Whether {@code failure}, the {@code attempt}-th failure of its task (from 0), gets a retry. A
     * predicate that throws declines, and what it threw is added to the failure as suppressed.
     */
    boolean retries(TaskFailedException failure, int attempt) {
        if (attempt >= retries) {
            return false;
        }
        try {
            return retryIf.test(failure);
        } catch (RuntimeException | Error e) {
            ErrorReport.rethrowIfFatal(e);
            failure.addSuppressed(e);
            return false;
        }
    }
}
