package io.mpire4j.internal;

/**
 * What a worker takes from its generation's queues: a {@link Chunk} of tasks, a {@link Ticket} to
 * claim ranges of a call itself, or a {@link Start} to run init before a call's tasks arrive.
 */
sealed interface Work<S> permits Chunk, Ticket, Start {
    /** The call this belongs to. */
    Call<S, ?, ?> call();

    /** The position in the call by which {@code orderTasks} picks a worker. */
    int seq();
}
