package io.mpire4j.internal;

/**
 * Consecutive tasks of one call, handed to one worker at once: all bookkeeping (queueing, waking,
 * completion, progress) happens per chunk, never per task.
 */
final class Chunk<S> {
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

    /**
     * A ticket: not tasks but the right to claim ranges of a call over an in-memory list
     * ({@link Call#claim()}); one is queued per worker.
     */
    static <S> Chunk<S> ticket(Call<S, ?, ?> call) {
        return new Chunk<>(call, -1, -1, null);
    }

    boolean isTicket() {
        return tasks == null;
    }

    long taskIndex(int position) {
        return firstIndex < 0 ? -1 : firstIndex + position;
    }
}
