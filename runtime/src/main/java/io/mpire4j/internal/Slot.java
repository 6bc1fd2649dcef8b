package io.mpire4j.internal;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;

/**
 * One worker position of a generation; its id stays while the worker in it is replaced. Fields are
 * guarded by the generation's lock.
 */
final class Slot<S, E> {
    final int id;
    /** Work for this slot alone ({@code orderTasks}). */
    final ArrayDeque<Work<S>> own = new ArrayDeque<>();
    final Condition wake;
    final WorkerStats stats;
    boolean waiting;
    WorkerLoop<S, E> current;
    /** Starts in a row whose remote side went away before it was ready (a child killed as it started). */
    int lostStarts;

    Slot(int id, Condition wake, WorkerStats stats) {
        this.id = id;
        this.wake = wake;
        this.stats = stats;
    }
}
