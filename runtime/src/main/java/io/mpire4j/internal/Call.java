package io.mpire4j.internal;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
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
    /** Per-task failure handling (outcomes, retries), or null when the first failure fails the call. */
    final TaskLedger<S> ledger;

    final ReentrantLock lock = new ReentrantLock();
    final Condition arrived = lock.newCondition();
    /** Guarded by lock; the first failure wins. */
    Supplier<? extends RuntimeException> failure;
    volatile boolean done;
    /**
     * Workers asked to start for this call ({@link Start}) that have not yet reported: the call
     * does not return before they have, so an init failure fails it deterministically.
     */
    private final AtomicInteger starting = new AtomicInteger();
    /**
     * A failure that arrived after every result was in but while workers were still starting (an
     * init failure, a terminated pool); guarded by lock.
     */
    private Supplier<? extends RuntimeException> lateFailure;

    Call(MethodSpec<S, T, R> method, Generation<S, ?> generation, CallPlan plan, CallEvents progress) {
        this.method = method;
        this.generation = generation;
        this.lifespan = plan.lifespan();
        this.timeout = plan.timeout();
        this.timeoutNanos = PoolPlan.nanos(plan.timeout());
        this.progress = progress;
        this.ledger = plan.policy().perTask() ? new TaskLedger<>(this, plan.policy()) : null;
    }

    boolean isDone() {
        return done;
    }

    /** A worker finished every task of {@code chunk}. Called on the worker's thread. */
    abstract void completed(Chunk<S> chunk);

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

    /** Called (without locks) when a failure arrives after the results but before every worker started. */
    void lateFailed(Supplier<? extends RuntimeException> reason) {}

    /** Called (without locks) when the last worker asked to start for a finished call has reported. */
    void allStarted() {}

    /** {@code n} more workers were asked to start for this call; called before they are queued. */
    final void starting(int n) {
        starting.addAndGet(n);
    }

    /** A worker asked to start for this call has run init (or given up); its failure went to {@link #fail}. */
    final void started() {
        if (starting.decrementAndGet() == 0) {
            lock.lock();
            try {
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
            allStarted();
        }
    }

    /** Whether workers asked to start for this call have yet to report. */
    final boolean stillStarting() {
        return starting.get() > 0;
    }

    /** Whether the call has failed (or was cancelled). */
    final boolean hasFailed() {
        return failureReason() != null;
    }

    /** Why the call failed, late failures included; null if it has not. */
    final Supplier<? extends RuntimeException> failureReason() {
        lock.lock();
        try {
            return failure != null ? failure : lateFailure;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits, once every result is in, until the workers asked to start for this call have run
     * init, and throws the first failure among them. Called by the thread that made the call.
     */
    final void awaitStarted() {
        // No shortcut on starting == 0: the last worker may have reported a late failure just before.
        lock.lock();
        try {
            while (starting.get() > 0 && lateFailure == null && failure == null) {
                awaitSignal();
            }
            throwIfFailed();
        } finally {
            lock.unlock();
        }
    }

    /** A task threw {@code cause}; called on the worker's thread. */
    final void failTask(int workerId, Chunk<S> chunk, int position, Throwable cause) {
        TaskFailure failure = failure(workerId, chunk, position);
        fail(() -> ErrorReport.taskFailed(failure, cause));
    }

    /**
     * A task ran past the timeout; called by the watchdog. Its worker's report of the chunk will be
     * dropped, so under a per-task policy the chunk's other tasks run again.
     */
    final void failTimeout(int workerId, Chunk<S> chunk, int position, WorkerStats stats) {
        TaskFailure failure = failure(workerId, chunk, position);
        Duration limit = timeout;
        if (ledger != null) {
            ledger.failedAt(chunk, position, ErrorReport.timedOut(failure, limit), null, workerId, true, stats);
            return;
        }
        fail(() -> ErrorReport.timedOut(failure, limit));
    }

    TaskFailure failure(int workerId, Chunk<S> chunk, int position) {
        return new TaskFailure(method.displayName(), workerId, chunk.taskIndex(position), method.parameterNames(),
                method.argumentsOf(chunk.task(position)));
    }

    /** Cancels the rest of the call: queued chunks are skipped, running ones stop between tasks. */
    final void cancel(String why) {
        fail(() -> new CancellationException(why));
    }

    /** Marks the call done, with {@code reason} if it failed; false if it had ended already. */
    final boolean markDone(Supplier<? extends RuntimeException> reason) {
        boolean late = false;
        lock.lock();
        try {
            if (done) {
                if (reason != null && failure == null && lateFailure == null && starting.get() > 0) {
                    lateFailure = reason;
                    arrived.signalAll();
                    late = true;
                }
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
            if (late) {
                lateFailed(reason);
            }
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
        if (lateFailure != null) {
            throw lateFailure.get();
        }
    }
}
