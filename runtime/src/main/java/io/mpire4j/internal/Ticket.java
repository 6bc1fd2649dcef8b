package io.mpire4j.internal;

/**
 * The right to claim ranges of a call over an in-memory list ({@link RangedCall#claim()}): one is queued
 * per worker, and a worker holding one claims range after range until none is left. Immutable.
 */
final class Ticket<S> implements Work<S> {
    private final RangedCall<S, ?, ?> call;
    private final int seq;

    Ticket(RangedCall<S, ?, ?> call, int seq) {
        this.call = call;
        this.seq = seq;
    }

    @Override
    public Call<S, ?, ?> call() {
        return call;
    }

    @Override
    public int seq() {
        return seq;
    }

    /** The next range as a chunk, or {@code null} when every range is taken or the call ended. */
    Chunk<S> claim() {
        return call.claim();
    }
}
