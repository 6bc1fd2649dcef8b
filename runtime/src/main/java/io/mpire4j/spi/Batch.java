package io.mpire4j.spi;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Consecutive tasks of one call, handed to one {@link Worker} at once: the worker runs them in
 * order and reports once per batch, never per task. Used by the slot's thread only.
 */
public interface Batch {

    /** The index of the {@code @Parallel} method in the program, by which a remote side finds it. */
    int method();

    /** The number of tasks. */
    int size();

    /** Task {@code position} as the method receives it (its argument, or its {@code *Args} value). */
    Object task(int position);

    /** The per-task timeout in nanoseconds, 0 for none: call {@link #begin} before each task then. */
    long timeoutNanos();

    /**
     * Whether a remote worker should say which task it is running as each starts (so that
     * {@link #lost} can name it): when a timeout applies, or when the call settles failures task by
     * task (outcomes, retries). Defaults to {@code timeoutNanos() > 0}.
     */
    default boolean announced() {
        return timeoutNanos() > 0;
    }

    /** Whether per-task times are wanted in {@link #completed}. */
    boolean measured();

    /** Whether the call ended (failed elsewhere, cancelled): stop between tasks. */
    boolean cancelled();

    /** Writes task {@code position} with the method's task codec. */
    void writeTask(DataOutput out, int position) throws IOException;

    /** Reads one result with the method's result codec. */
    Object readResult(DataInput in) throws IOException;

    /** Task {@code position} starts now: its deadline, if any, starts too. */
    void begin(int position);

    /**
     * The running task ended (returned, threw, or its response arrived); returns {@code false} if it
     * had run past its deadline, in which case the call has already failed with a timeout.
     */
    boolean end();

    /** Every task ran: their results in order, and their times in nanoseconds if {@link #measured()} (else null). */
    void completed(Object[] results, long[] taskNanos);

    /**
     * Task {@code position} could not be encoded on this side, so it never reached the worker (for
     * example a value with neither a codec nor an allowed serialization): the call fails with a
     * report that says so, naming the task's arguments; the tasks before it did not run either.
     * The default reports it as {@link #failed}.
     */
    default void notSent(int position, Throwable cause) {
        failed(position, cause);
    }

    /** Task {@code position} threw {@code cause}; the tasks before it ran. */
    void failed(int position, Throwable cause);

    /**
     * The worker died holding this batch (running task {@code position}, or {@code -1} if not known):
     * the call fails with a {@link io.mpire4j.WorkerDiedException} naming {@code exitCode} ({@code -1}
     * if unknown) unless {@link WorkerContext#ending()}. Call {@link WorkerContext#lost()} too.
     */
    void lost(int position, int exitCode);

    /**
     * As {@link #lost(int, int)} with an unknown exit code, for a worker whose end has a better
     * description than an exit code ({@code "member 10.0.0.7:5701 left the cluster"}): the
     * {@link io.mpire4j.WorkerDiedException} names {@code how} instead. The default ignores it.
     */
    default void lost(int position, String how) {
        lost(position, -1);
    }

    /** Nothing of this batch ran (the worker was found dead first): the pool runs it on another worker. */
    void untouched();
}
