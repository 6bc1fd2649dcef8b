package io.mpire4j.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 *
 * <p>A call over an in-memory {@code RandomAccess} list ({@link #ranged}) skips the consumer's
 * part: each worker gets one ticket and then claims index ranges itself ({@link #claim()}), and
 * finished chunks are copied straight into the result array. The consumer submits the tickets and
 * waits once ({@link #awaitRanges()}), so a call costs a few wake-ups instead of two per chunk.
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
    private final CallPlan plan;
    /** The chunk size for the next chunk read; adapts when the plan says so. Consumer only. */
    private int chunk;

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

    // ranged calls only
    private final List<?> source;
    private final AtomicLong nextIndex = new AtomicLong();
    private final Object[] rangedResults;
    private final AtomicInteger filled = new AtomicInteger();
    private final AtomicInteger chunksLeft = new AtomicInteger();
    private final int rangedChunks;

    /** Called by a worker when a single-task call finishes, instead of queueing for a consumer. */
    interface Completion<S> {
        void completed(Chunk<S> chunk);

        void failed(Supplier<? extends RuntimeException> failure);
    }

    /** A call that reads {@code input} on its consumer (or runs one task, {@code single}). */
    Call(MethodSpec<S, T, R> method, Generation<S, ?> generation, CallPlan plan, boolean ordered,
            Iterator<? extends T> input, boolean single, Progress progress, Completion<S> completion) {
        this(method, generation, plan, ordered, input, single, progress, completion, null, false);
    }

    private Call(MethodSpec<S, T, R> method, Generation<S, ?> generation, CallPlan plan, boolean ordered,
            Iterator<? extends T> input, boolean single, Progress progress, Completion<S> completion,
            List<? extends T> source, boolean keep) {
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
        this.plan = plan;
        this.chunk = plan.chunkSize();
        this.progress = progress;
        this.completion = completion;
        this.source = source;
        this.rangedResults = source != null && keep ? new Object[source.size()] : null;
        this.rangedChunks = source == null ? 0 : (int) ((source.size() + (long) chunkSize - 1) / chunkSize);
        this.chunksLeft.set(rangedChunks);
    }

    /**
     * A call whose workers claim ranges of {@code source} themselves: for {@code map},
     * {@code mapUnordered} and {@code forEach} over a {@code RandomAccess} list, when neither
     * {@code maxTasksActive}, {@code workerLifespan} nor {@code orderTasks} asks for the chunk-by-chunk
     * path. Reading ahead costs nothing there: the input is already in memory, and every result
     * is kept until the call returns anyway.
     */
    static <S, T, R> Call<S, T, R> ranged(MethodSpec<S, T, R> method, Generation<S, ?> generation, CallPlan plan,
            boolean ordered, List<? extends T> source, boolean keep, Progress progress) {
        return new Call<>(method, generation, plan, ordered, null, false, progress, null, source, keep);
    }

    boolean isRanged() {
        return source != null;
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
        if (source != null) {
            deliverRange(chunk);
            return;
        }
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
     * The next range for a worker holding a ticket, as a chunk, or {@code null} when every range
     * is taken or the call ended. Called on worker threads; lock-free.
     */
    Chunk<S> claim() {
        if (done) {
            return null;
        }
        int size = source.size();
        long from = nextIndex.getAndAdd(chunkSize);
        if (from >= size) {
            return null;
        }
        int start = (int) from;
        int end = (int) Math.min(size, from + chunkSize);
        Object[] tasks = source.subList(start, end).toArray();
        return new Chunk<>(this, start / chunkSize, start, tasks);
    }

    /** Copies a finished range into the results (input order, or arrival order if unordered). */
    private void deliverRange(Chunk<S> chunk) {
        if (rangedResults != null) {
            int n = chunk.results.length;
            int at = ordered ? (int) chunk.firstIndex : filled.getAndAdd(n);
            System.arraycopy(chunk.results, 0, rangedResults, at, n);
        }
        if (chunksLeft.decrementAndGet() == 0) {
            lock.lock();
            try {
                done = true;
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Queues one ticket per worker. Consumer only. */
    void submitTickets(int workers) {
        if (rangedChunks == 0) {
            done = true;
            return;
        }
        for (int i = 0; i < Math.min(workers, rangedChunks); i++) {
            generation.submit(Chunk.ticket(this));
        }
    }

    /**
     * Waits until every range is done and returns the results ({@code null} for forEach); throws
     * the call's failure, if any. Consumer only.
     */
    Object[] awaitRanges() {
        lock.lock();
        try {
            while (!done) {
                try {
                    waitAndRefresh();
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
            return rangedResults;
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
        fail(() -> ErrorReport.taskFailed(failure, cause));
    }

    /** A task ran past the timeout; called by the watchdog. */
    void failTimeout(int workerId, Chunk<S> chunk, int position) {
        TaskFailure failure = failure(workerId, chunk, position);
        Duration limit = timeout;
        fail(() -> ErrorReport.timedOut(failure, limit));
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
                adapt(chunk);
                if (progress != Progress.NONE) {
                    progress.refresh(); // a consumer that never has to wait still keeps its bar moving
                }
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
                    waitAndRefresh();
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

    /**
     * Waits for a signal on {@link #arrived}, with the lock held; with a progress bar, wakes every
     * {@link Progress#refreshNanos()} to redraw it (without the lock).
     */
    private void waitAndRefresh() throws InterruptedException {
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
    }

    /** Aim of adaptive chunking: chunks of about this much work, so bookkeeping stays a small fraction. */
    static final long ADAPTIVE_TARGET_NANOS = 1_000_000;

    /**
     * Adaptive chunking (inputs of unknown length): sizes the next chunks so that one takes about
     * {@link #ADAPTIVE_TARGET_NANOS} on a worker, from the time the finished chunk took there;
     * growing at most 2× per chunk, never past the plan's limit. Consumer only.
     */
    private void adapt(Chunk<S> finished) {
        if (plan.adaptiveMax() == 0 || finished.nanos <= 0) {
            return;
        }
        double perTask = (double) finished.nanos / finished.tasks.length;
        long ideal = perTask <= 0 ? plan.adaptiveMax() : (long) (ADAPTIVE_TARGET_NANOS / perTask);
        long next = Math.max(1, Math.min(Math.min(ideal, 2L * chunk), plan.adaptiveMax()));
        chunk = (int) next;
    }

    /** Reads and submits input while the read-ahead bound allows. Consumer only. */
    private void fill() {
        while (!exhausted && !done && read - emitted + chunk <= plan.maxActiveFor(chunk)) {
            int chunkSize = chunk;
            Object[] tasks = new Object[chunkSize];
            int n = 0;
            try {
                while (n < chunkSize && input.hasNext()) {
                    tasks[n++] = input.next();
                }
            } catch (RuntimeException | Error e) {
                cancel("the input of " + method.displayName() + " threw " + ErrorReport.throwableText(e));
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
