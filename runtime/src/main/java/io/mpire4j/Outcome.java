package io.mpire4j;

import java.util.Objects;

/**
 * What became of one task of a call made through {@link ParallelMethod#outcomes()}: its result, or
 * the failure that ended it. Such a call fails no matter what its tasks do; it hands out exactly one
 * outcome per input element, in input order ({@code map}, {@code imap}) or in the order tasks finish
 * ({@code mapUnordered}, {@code imapUnordered}).
 *
 * <pre>{@code
 * for (Outcome<Boolean> o : pool.isPrime().outcomes().retries(2).map(numbers)) {
 *     switch (o) {
 *         case Outcome.Success<Boolean> s -> use(s.taskIndex(), s.value());
 *         case Outcome.Failure<Boolean> f -> log(f.failure());   // its index, arguments and cause
 *     }
 * }
 * }</pre>
 *
 * <p>Immutable; made by the runtime.
 *
 * @param <R> the method's result type
 */
public sealed interface Outcome<R> permits Outcome.Success, Outcome.Failure {

    /** The task's 0-based position in the call's input, or {@code -1} for a single {@code apply}. */
    long taskIndex();

    /** Whether the task returned a value. */
    boolean isSuccess();

    /** The task's value (may be {@code null}); for a failure, throws {@link Failure#failure()}. */
    R orElseThrow();

    /** The task's value (may be {@code null}), or {@code other} if the task failed. */
    R orElse(R other);

    /**
     * The task returned {@code value}.
     *
     * @param taskIndex the task's position in the call's input ({@code -1} for {@code apply})
     * @param value what the task returned; {@code null} for {@code void} methods
     * @param <R> the method's result type
     */
    record Success<R>(long taskIndex, R value) implements Outcome<R> {
        @Override
        public boolean isSuccess() {
            return true;
        }

        @Override
        public R orElseThrow() {
            return value;
        }

        @Override
        public R orElse(R other) {
            return value;
        }
    }

    /**
     * The task failed for good (after any retries): it threw ({@link TaskFailedException}), ran past
     * its timeout ({@link TaskTimeoutException}) or its worker died while running it
     * ({@link WorkerDiedException}). The exception names the task's index and arguments.
     *
     * @param failure why the task failed, as a call without outcomes would have thrown it
     * @param <R> the method's result type
     */
    record Failure<R>(TaskFailedException failure) implements Outcome<R> {
        /** Checks that {@code failure} is not null. */
        public Failure {
            Objects.requireNonNull(failure, "failure");
        }

        @Override
        public long taskIndex() {
            return failure.taskIndex();
        }

        @Override
        public boolean isSuccess() {
            return false;
        }

        @Override
        public R orElseThrow() {
            throw failure;
        }

        @Override
        public R orElse(R other) {
            return other;
        }
    }
}
