package io.mpire4j.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queues of one generation: a shared queue that whichever worker is free takes from, and one
 * per slot for {@code orderTasks}; and the waking of idle workers. Not thread-safe on its own:
 * every method must be called with the generation's lock held (the slots' conditions belong to
 * it).
 */
final class WorkQueue<S, E> {
    private final List<Slot<S, E>> slots;
    private final boolean ordered;
    private final ArrayDeque<Work<S>> shared = new ArrayDeque<>();
    /** Where the search for an idle worker to wake starts, so wake-ups go round. */
    private int nextWake;

    WorkQueue(int workers, boolean ordered, ReentrantLock lock) {
        this.ordered = ordered;
        this.slots = new ArrayList<>(workers);
        for (int id = 0; id < workers; id++) {
            slots.add(new Slot<>(id, lock.newCondition(), new WorkerStats(id)));
        }
    }

    List<Slot<S, E>> slots() {
        return slots;
    }

    /** Queues work: for slot {@code seq mod n} with orderTasks, else for whichever worker is free, waking one. */
    void add(Work<S> work) {
        if (work instanceof Chunk<S> chunk && chunk.avoid >= 0 && slots.size() > 1) {
            addAvoiding(work, chunk.avoid);
            return;
        }
        if (ordered) {
            Slot<S, E> slot = slots.get(work.seq() % slots.size());
            slot.own.add(work);
            slot.wake.signal();
            return;
        }
        shared.add(work);
        int n = slots.size();
        for (int i = 0; i < n; i++) {
            Slot<S, E> slot = slots.get((nextWake + i) % n);
            if (slot.waiting) {
                slot.waiting = false;
                slot.wake.signal();
                nextWake = (slot.id + 1) % n;
                return;
            }
        }
    }

    /** Queues work for {@code slot} alone, ahead of everything else it has, and wakes it. */
    void addFirst(Slot<S, E> slot, Work<S> work) {
        slot.own.addFirst(work);
        slot.wake.signalAll();
    }

    /**
     * Queues a re-run for a worker other than slot {@code avoid}'s (whose worker died or timed out
     * running it): an idle one if there is one, else the next slot.
     */
    private void addAvoiding(Work<S> work, int avoid) {
        int n = slots.size();
        Slot<S, E> target = slots.get((avoid + 1) % n);
        for (int i = 1; i < n; i++) {
            Slot<S, E> slot = slots.get((avoid + i) % n);
            if (slot.waiting) {
                target = slot;
                break;
            }
        }
        target.own.add(work);
        target.waiting = false;
        target.wake.signal();
    }

    /** Puts back a chunk that could not start, at the head of the queue it came from, and wakes everyone. */
    void putBack(Chunk<S> chunk) {
        if (ordered) {
            slots.get(chunk.seq % slots.size()).own.addFirst(chunk);
        } else {
            shared.addFirst(chunk);
        }
        wakeAll();
    }

    /** The next work for {@code slot}: its own first, then shared; {@code null} if there is none. */
    Work<S> poll(Slot<S, E> slot) {
        Work<S> work = slot.own.poll();
        return work != null ? work : shared.poll();
    }

    /** Whether work is queued that {@code slot} could take. */
    boolean hasWorkFor(Slot<S, E> slot) {
        return !slot.own.isEmpty() || !shared.isEmpty();
    }

    /** Wakes every idle worker, so that each sees a change of state. */
    void wakeAll() {
        for (Slot<S, E> slot : slots) {
            slot.wake.signalAll();
        }
    }
}
