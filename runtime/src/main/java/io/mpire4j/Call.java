package io.mpire4j;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One run of a {@code @Parallel} method over some input.
 *
 * <p>The consuming thread (the caller of {@code map}, or whoever pulls an {@code imap} stream)
 * drives the call: {@link #next()} reads input lazily, cuts it into chunks, submits them while
 * fewer than {@code maxTasksActive} tasks are read but not yet handed out, and returns finished
 * chunks in input order or completion order. Workers report back with {@link #completed} and
 * {@link #fail}; the watchdog may {@link #fail} it too. Fields marked "consumer" are confined to
 * the consuming thread; the rest are guarded by {@link #lock} or volatile.
 */
final class Call<S, T, R> {
    final MethodSpec<S, T, R> method;
    final Generation<S, ?> generation;
    final boolean ordered;
    final int chunkSize;
    final int maxActive;
    final int lifespan;
    final long timeoutNanos;
    final Duration timeout;
    final Progress progress;

    private final Iterator<? extends T> input;
    private final boolean single;

    // consumer
    private long read;
    private long emitted;
    private int submittedChunks;
    private int emittedChunks;
    private int nextEmitSeq;
    private boolean exhausted;
    private final Map<Integer, Chunk<S>> reorder = new HashMap<>();
    private final ArrayDeque<Chunk<S>> ready = new ArrayDeque<>();

    // shared
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    /** Guarded by lock. */
    private final ArrayDeque<Chunk<S>> arrivals = new ArrayDeque<>();
    /** Guarded by lock; the first failure wins. */
    private Supplier<? extends RuntimeException> failure;
    private volatile boolean done;
    private final Completion<S> completion;

    /** Called by a worker when a single-task call finishes, instead of queueing for a consumer. */
    interface Completion<S> {
        void completed(Chunk<S> chunk);

        void failed(Supplier<? extends RuntimeException> failure);
    }

    Call(MethodSpec<S, T, R> method, Generation<S, ?> generation, CallPlan plan, boolean ordered,
            Iterator<? extends T> input, boolean single, Progress progress, Completion<S> completion) {
        this.method = method;
        this.generation = generation;
        this.ordered = ordered;
        this.chunkSize = plan.chunkSize();
        this.maxActive = plan.maxActive();
        this.lifespan = plan.lifespan();
        this.timeout = plan.timeout();
        this.timeoutNanos = plan.timeout() == null ? 0 : saturatedNanos(plan.timeout());
        this.input = input;
        this.single = single;
        this.progress = progress;
        this.completion = completion;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 2;
        }
    }

    boolean isDone() {
        return done;
    }

    @SuppressWarnings("unchecked")
    WorkerProgram.Task<S, Object, Object> task() {
        return (WorkerProgram.Task<S, Object, Object>) (WorkerProgram.Task<S, ?, ?>) method.task();
    }

    // ---------------------------------------------------------------- worker side

    /** A worker finished every task of {@code chunk}. Called on the worker's thread. */
    void completed(Chunk<S> chunk) {
        if (completion != null) {
            if (markDone(null)) {
                completion.completed(chunk);
            }
            return;
        }
        lock.lock();
        try {
            arrivals.add(chunk);
            arrived.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Fails the call unless it already ended; later failures are dropped. Called by a worker, the
     * watchdog, the pool or the consumer.
     */
    void fail(Supplier<? extends RuntimeException> reason) {
        if (markDone(reason) && completion != null) {
            completion.failed(reason);
        }
    }

    /** A task threw {@code cause}; called on the worker's thread. */
    void failTask(int workerId, Chunk<S> chunk, int position, Throwable cause) {
        TaskFailure failure = failure(workerId, chunk, position);
        fail(() -> new TaskFailedException(failure, cause));
    }

    /** A task ran past the timeout; called by the watchdog. */
    void failTimeout(int workerId, Chunk<S> chunk, int position) {
        TaskFailure failure = failure(workerId, chunk, position);
        Duration limit = timeout;
        fail(() -> new TaskTimeoutException(failure, limit));
    }

    private TaskFailure failure(int workerId, Chunk<S> chunk, int position) {
        return new TaskFailure(method.displayName(), workerId, chunk.taskIndex(position), method.parameterNames(),
                method.argumentsOf(chunk.tasks[position]));
    }

    /** Cancels the rest of the call: queued chunks are skipped, running ones stop between tasks. */
    void cancel(String why) {
        fail(() -> new CancellationException(why));
    }

    private boolean markDone(Supplier<? extends RuntimeException> reason) {
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

    // ---------------------------------------------------------------- consumer side

    /** Submits the single task of an {@code apply}/{@code applyAsync}. */
    void submitSingle(T task) {
        Chunk<S> chunk = new Chunk<>(this, 0, -1, new Object[] {task});
        submittedChunks = 1;
        exhausted = true;
        read = 1;
        generation.submit(chunk);
    }

    /**
     * The next finished chunk in the call's order, or {@code null} once every task has been handed
     * out. Throws the call's failure, if any. Called only by the consumer.
     */
    Chunk<S> next() {
        while (true) {
            fill();
            Chunk<S> chunk = ordered ? reorder.remove(nextEmitSeq) : ready.poll();
            if (chunk != null) {
                nextEmitSeq++;
                emittedChunks++;
                emitted += chunk.tasks.length;
                return chunk;
            }
            if (exhausted && emittedChunks == submittedChunks) {
                return null;
            }
            awaitArrivals();
        }
    }

    private void awaitArrivals() {
        lock.lock();
        try {
            while (arrivals.isEmpty() && failure == null) {
                try {
                    arrived.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = () -> new CancellationException("interrupted while waiting for results of "
                            + method.displayName());
                    done = true;
                }
            }
            if (failure != null) {
                throw failure.get();
            }
            for (Chunk<S> chunk; (chunk = arrivals.poll()) != null; ) {
                if (ordered) {
                    reorder.put(chunk.seq, chunk);
                } else {
                    ready.add(chunk);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Reads and submits input while the read-ahead bound allows. Consumer only. */
    private void fill() {
        while (!exhausted && !done && read - emitted + chunkSize <= maxActive) {
            Object[] tasks = new Object[chunkSize];
            int n = 0;
            try {
                while (n < chunkSize && input.hasNext()) {
                    tasks[n++] = input.next();
                }
            } catch (RuntimeException | Error e) {
                cancel("the input of " + method.displayName() + " threw " + e);
                throw e;
            }
            if (n < chunkSize) {
                exhausted = true;
                if (n == 0) {
                    break;
                }
                tasks = java.util.Arrays.copyOf(tasks, n);
            }
            Chunk<S> chunk = new Chunk<>(this, submittedChunks, single ? -1 : read, tasks);
            read += n;
            submittedChunks++;
            try {
                generation.submit(chunk);
            } catch (RuntimeException e) {
                fail(() -> e);
                throw e;
            }
        }
    }

    /** Whether the consumer has handed out every result. */
    boolean finished() {
        return exhausted && emittedChunks == submittedChunks;
    }
}
