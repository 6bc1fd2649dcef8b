package io.mpire4j.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A call whose workers claim ranges of an in-memory list themselves: {@code map},
 * {@code mapUnordered} and {@code forEach} over a {@code RandomAccess} list, when neither
 * {@code maxTasksActive}, {@code workerLifespan} nor {@code orderTasks} asks for the chunk-by-chunk
 * path. Each worker gets one {@link Ticket} and then claims index ranges ({@link #claim()});
 * finished chunks are copied straight into the result array, and the consumer waits once
 * ({@link #await()}), so a call costs a few wake-ups instead of two per chunk. Reading ahead costs
 * nothing here: the input is already in memory, and every result is kept until the call returns.
 */
final class RangedCall<S, T, R> extends Call<S, T, R> {
    private final boolean ordered;
    private final int chunkSize;
    private final List<? extends T> source;
    private final AtomicLong nextIndex = new AtomicLong();
    /** The results, or {@code null} for {@code forEach}. */
    private final Object[] results;
    private final AtomicInteger filled = new AtomicInteger();
    private final AtomicInteger chunksLeft = new AtomicInteger();
    private final int chunks;

    RangedCall(MethodSpec<S, T, R> method, Generation<S, ?> generation, CallPlan plan, boolean ordered,
            List<? extends T> source, boolean keep, CallEvents progress) {
        super(method, generation, plan, progress);
        this.ordered = ordered;
        this.chunkSize = plan.chunkSize();
        this.source = source;
        this.results = keep ? new Object[source.size()] : null;
        this.chunks = (int) ((source.size() + (long) chunkSize - 1) / chunkSize);
        this.chunksLeft.set(chunks);
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
        progress.read(end - start);
        return new Chunk<>(this, start / chunkSize, start, source, end - start);
    }

    /** Copies a finished range into the results: in input order, or in arrival order if unordered. */
    @Override
    void completed(Chunk<S> chunk) {
        if (results != null) {
            int n = chunk.results.length;
            int at = ordered ? (int) chunk.firstIndex : filled.getAndAdd(n);
            System.arraycopy(chunk.results, 0, results, at, n);
        }
        if (chunksLeft.decrementAndGet() == 0) {
            markDone(null);
        }
    }

    /** Queues one ticket per worker. Consumer only. */
    void submitTickets(int workers) {
        if (chunks == 0) {
            done = true;
            return;
        }
        for (int i = 0; i < Math.min(workers, chunks); i++) {
            generation.submit(new Ticket<>(this, i));
        }
    }

    /**
     * Waits until every range is done and returns the results ({@code null} for forEach); throws
     * the call's failure, if any. Consumer only.
     */
    Object[] await() {
        lock.lock();
        try {
            while (!done) {
                awaitSignal();
            }
            throwIfFailed();
            return results;
        } finally {
            lock.unlock();
        }
    }
}
