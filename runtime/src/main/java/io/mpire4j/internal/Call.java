package io.mpire4j.internal;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One run of a {@code @Parallel} method: what workers, the watchdog and the pool see of it. Three
 * kinds of call own their dispatch: a {@link StreamingCall} reads its input on the consuming thread
 * and hands out results chunk by chunk; a {@link RangedCall} lets workers claim ranges of an
 * in-memory list themselves; a {@link SingleCall} runs one task. Workers report with
 * {@link #completed} and {@link #failTask}; anyone may {@link #fail} a call, and the first failure
 * wins. Fields below the lock are guarded by it; {@link #done} is volatile so that workers can
 * skip the rest of a call that ended without taking a lock.
 */
abstract sealed class Call<S, T, R> permits StreamingCall, RangedCall, SingleCall {
    final MethodSpec<S, T, R> method;
    final Generation<S, ?> generation;
    final int lifespan;
    final long timeoutNanos;
    final Duration timeout;
    final CallEvents progress;

    final ReentrantLock lock = new ReentrantLock();
    final Condition arrived = lock.newCondition();
    /** Guarded by lock; the first failure wins. */
    Supplier<? extends RuntimeException> failure;
    volatile boolean done;

    Call(MethodSpec<S, T, R> method, Generation<S, ?> generation, CallPlan plan, CallEvents progress) {
        this.method = method;
        this.generation = generation;
        this.lifespan = plan.lifespan();
        this.timeout = plan.timeout();
        this.timeoutNanos = PoolPlan.nanos(plan.timeout());
        this.progress = progress;
    }

    boolean isDone() {
        return done;
    }

    /** A worker finished every task of {@code chunk}. Called on the worker's thread. */
    abstract void completed(Chunk<S> chunk);

    /**
     * The array that holds this call's results in input order, for a worker in this JVM to write
     * each chunk's results straight into (at the chunk's {@code firstIndex}), or {@code null} when
     * results must come back per chunk. Any thread.
     */
    Object[] resultsInPlace() {
        return null;
    }

    /** Called once when the call fails (after it is marked done), on the failing thread. */
    void failed(Supplier<? extends RuntimeException> reason) {}

    /**
     * Fails the call unless it already ended; later failures are dropped. Called by a worker, the
     * watchdog, the pool or the consumer.
     */
    final void fail(Supplier<? extends RuntimeException> reason) {
        if (markDone(reason)) {
            failed(reason);
        }
    }

    /** A task threw {@code cause}; called on the worker's thread. */
    final void failTask(int workerId, Chunk<S> chunk, int position, Throwable cause) {
        TaskFailure failure = failure(workerId, chunk, position);
        fail(() -> ErrorReport.taskFailed(failure, cause));
    }

    /** A task ran past the timeout; called by the watchdog. */
    final void failTimeout(int workerId, Chunk<S> chunk, int position) {
        TaskFailure failure = failure(workerId, chunk, position);
        Duration limit = timeout;
        fail(() -> ErrorReport.timedOut(failure, limit));
    }

    private TaskFailure failure(int workerId, Chunk<S> chunk, int position) {
        return new TaskFailure(method.displayName(), workerId, chunk.taskIndex(position), method.parameterNames(),
                method.argumentsOf(chunk.tasks[position]));
    }

    /** Cancels the rest of the call: queued chunks are skipped, running ones stop between tasks. */
    final void cancel(String why) {
        fail(() -> new CancellationException(why));
    }

    /** Marks the call done, with {@code reason} if it failed; false if it had ended already. */
    final boolean markDone(Supplier<? extends RuntimeException> reason) {
        lock.lock();
        try {
            if (done) {
                return false;
            }
            if (reason != null) {
                failure = reason;
            }
            done = true;
            arrived.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for a signal on {@link #arrived}, with the lock held, redrawing a progress bar every
     * {@link Progress#refreshNanos()} (without the lock). An interrupt of the consumer cancels the
     * call and keeps the interrupt flag. Guarded by lock.
     */
    final void awaitSignal() {
        try {
            long every = progress.refreshNanos();
            if (every <= 0) {
                arrived.await();
                return;
            }
            if (arrived.awaitNanos(every) <= 0) {
                lock.unlock();
                try {
                    progress.refresh();
                } finally {
                    lock.lock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (failure == null) {
                failure = () -> new CancellationException("interrupted while waiting for results of "
                        + method.displayName());
            }
            done = true;
        }
    }

    /** Throws the call's failure, if any. Guarded by lock. */
    final void throwIfFailed() {
        if (failure != null) {
            throw failure.get();
        }
    }
}
