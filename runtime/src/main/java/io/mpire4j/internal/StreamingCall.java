package io.mpire4j.internal;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A call that reads its input on the consuming thread (the caller of {@code map}, or whoever pulls
 * an {@code imap} stream): {@link #next()} reads input lazily, cuts it into chunks, submits them
 * while fewer than {@code maxTasksActive} tasks are read but not yet handed out, and returns
 * finished chunks in input order or completion order. Fields marked "consumer" are confined to the
 * consuming thread; {@link #arrivals} is guarded by the lock.
 */
final class StreamingCall<S, T, R> extends Call<S, T, R> {
    /** Aim of adaptive chunking: chunks of about this much work, so bookkeeping stays a small fraction. */
    static final long ADAPTIVE_TARGET_NANOS = 1_000_000;

    private final boolean ordered;
    private final Iterator<? extends T> input;
    private final CallPlan plan;
    /** Guarded by lock. */
    private final ArrayDeque<Chunk<S>> arrivals = new ArrayDeque<>();

    // consumer
    /** The chunk size for the next chunk read; adapts when the plan says so. */
    private int chunk;
    private long read;
    private long emitted;
    private int submittedChunks;
    private int emittedChunks;
    private int nextEmitSeq;
    private boolean exhausted;
    private final Map<Integer, Chunk<S>> reorder = new HashMap<>();
    private final ArrayDeque<Chunk<S>> ready = new ArrayDeque<>();

    StreamingCall(MethodSpec<S, T, R> method, Generation<S, ?> generation, CallPlan plan, boolean ordered,
            Iterator<? extends T> input, CallEvents progress) {
        super(method, generation, plan, progress);
        this.ordered = ordered;
        this.input = input;
        this.plan = plan;
        this.chunk = plan.chunkSize();
    }

    @Override
    void completed(Chunk<S> finished) {
        lock.lock();
        try {
            arrivals.add(finished);
            arrived.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next finished chunk in the call's order, or {@code null} once every task has been handed
     * out. Throws the call's failure, if any. Consumer only.
     */
    Chunk<S> next() {
        while (true) {
            fill();
            Chunk<S> next = ordered ? reorder.remove(nextEmitSeq) : ready.poll();
            if (next != null) {
                nextEmitSeq++;
                emittedChunks++;
                emitted += next.size();
                adapt(next);
                if (progress.active()) {
                    progress.refresh(); // a consumer that never has to wait still keeps its bar moving
                }
                return next;
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
                awaitSignal();
            }
            throwIfFailed();
            for (Chunk<S> arrival; (arrival = arrivals.poll()) != null; ) {
                if (ordered) {
                    reorder.put(arrival.seq, arrival);
                } else {
                    ready.add(arrival);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adaptive chunking (inputs of unknown length): sizes the next chunks so that one takes about
     * {@link #ADAPTIVE_TARGET_NANOS} on a worker, from the time the finished chunk took there;
     * growing at most 2× per chunk, never past the plan's limit. Consumer only.
     */
    private void adapt(Chunk<S> finished) {
        if (plan.adaptiveMax() == 0 || finished.nanos <= 0) {
            return;
        }
        double perTask = (double) finished.nanos / finished.size();
        long ideal = perTask <= 0 ? plan.adaptiveMax() : (long) (ADAPTIVE_TARGET_NANOS / perTask);
        long next = Math.max(1, Math.min(Math.min(ideal, 2L * chunk), plan.adaptiveMax()));
        chunk = (int) next;
    }

    /** Reads and submits input while the read-ahead bound allows. Consumer only. */
    private void fill() {
        while (!exhausted && !done && read - emitted + chunk <= plan.maxActiveFor(chunk)) {
            int size = chunk;
            Object[] tasks = new Object[size];
            int n = 0;
            try {
                while (n < size && input.hasNext()) {
                    tasks[n++] = input.next();
                }
            } catch (RuntimeException | Error e) {
                cancel("the input of " + method.displayName() + " threw " + ErrorReport.throwableText(e));
                throw e;
            }
            if (n < size) {
                exhausted = true;
                if (n == 0) {
                    break;
                }
                tasks = Arrays.copyOf(tasks, n);
            }
            Chunk<S> next = new Chunk<>(this, submittedChunks, read, tasks);
            read += n;
            submittedChunks++;
            progress.read(n);
            try {
                generation.submit(next);
            } catch (RuntimeException e) {
                fail(() -> e);
                throw e;
            }
        }
    }
}
