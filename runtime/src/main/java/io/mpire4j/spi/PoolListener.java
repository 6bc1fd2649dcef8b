package io.mpire4j.spi;

import java.time.Duration;

/**
 * Observes the pools of this JVM: their calls and their workers. The progress bar, the dashboard,
 * JFR events and metrics binders are listeners. Register one with {@link PoolEvents#register}.
 *
 * <p>Every method has an empty default, so a listener overrides what it needs. Methods are called
 * synchronously on the thread where the event happens (the calling thread for call start and end,
 * worker threads for progress and worker events), so they must be quick and thread-safe: hand slow
 * work to another thread, coalesce, or drop. A listener that throws is isolated: the exception is
 * reported once on stderr and the pool goes on. With no listener registered, a pool pays one
 * volatile read per event site.
 *
 * <p>Only calls over many tasks ({@code map}, {@code imap}, {@code forEach} and their variants) are
 * reported as calls; single {@code apply}/{@code applyAsync} calls are not.
 */
public interface PoolListener {

    /** A pool was created. Called on the thread that created it. */
    default void poolCreated(PoolInfo pool) {}

    /** A pool was closed or terminated. Called on the thread that closed it. */
    default void poolClosed(PoolInfo pool) {}

    /** A call started, before any input is read. Called on the thread that made the call. */
    default void callStarted(CallInfo call) {}

    /**
     * {@code tasks} more tasks of {@code call} completed, {@code done} in all. Called on a worker's
     * thread (or a thread that proxies a remote worker) once per chunk, never per task.
     */
    default void tasksCompleted(CallInfo call, int tasks, long done) {}

    /**
     * A call ended: {@code failure} is what the call threw ({@code null} when it succeeded), for a
     * failed task a {@link io.mpire4j.TaskFailedException} naming its arguments. Called on the
     * thread that made the call (or pulled its stream).
     */
    default void callEnded(CallInfo call, CallOutcome outcome, long done, Throwable failure) {}

    /** Worker {@code workerId} of {@code pool} started (its thread runs; a child JVM is up). */
    default void workerStarted(PoolInfo pool, int workerId, Duration startUp) {}

    /** Worker {@code workerId}'s {@code @WorkerInit} returned ({@code failure == null}) or failed. */
    default void workerInitDone(PoolInfo pool, int workerId, Duration took, Throwable failure) {}

    /** Worker {@code workerId} ran its {@code @WorkerExit} (if any) and stopped. */
    default void workerExited(PoolInfo pool, int workerId) {}

    /** Worker {@code workerId} died (its child JVM ended, or it was abandoned at a deadline). */
    default void workerDied(PoolInfo pool, int workerId, String why) {}

    /** A fresh worker took slot {@code workerId} (after a lifespan, a death or a timeout). */
    default void workerReplaced(PoolInfo pool, int workerId) {}

    /**
     * Worker {@code workerId} completed a chunk of {@code tasks} tasks of {@code call} in
     * {@code nanos} nanoseconds (from taking the chunk to its results). Called on the worker's
     * thread (or the thread that proxies it) right after {@link #tasksCompleted}, once per chunk.
     */
    default void chunkCompleted(CallInfo call, int workerId, int tasks, long nanos) {}

    /**
     * A task of {@code call} threw {@code cause} on worker {@code workerId}; {@code taskIndex} is
     * its position in the call's input. Called on the worker's thread before the call fails. Tasks
     * that time out or lose their worker are reported by {@link #callEnded} only.
     */
    default void taskFailed(CallInfo call, int workerId, long taskIndex, Throwable cause) {}
}
