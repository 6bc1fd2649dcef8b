package io.mpire4j.internal;

/**
 * Consecutive tasks of one call, handed to one worker at once: all bookkeeping (queueing, waking,
 * completion, progress) happens per chunk, never per task.
 */
final class Chunk<S> implements Work<S> {
    final Call<S, ?, ?> call;
    /** Position of this chunk in its call, from 0. */
    final int seq;
    /** Input position of the first task, or -1 for a single {@code apply}. */
    final long firstIndex;
    final Object[] tasks;
    /** Written by the worker before the chunk is handed back; read by the caller after. */
    Object[] results;
    /** How long the worker took to run it (set with {@link #results}). */
    long nanos;

    Chunk(Call<S, ?, ?> call, int seq, long firstIndex, Object[] tasks) {
        this.call = call;
        this.seq = seq;
        this.firstIndex = firstIndex;
        this.tasks = tasks;
    }

    @Override
    public Call<S, ?, ?> call() {
        return call;
    }

    @Override
    public int seq() {
        return seq;
    }

    long taskIndex(int position) {
        return firstIndex < 0 ? -1 : firstIndex + position;
    }
}
