package io.mpire4j.internal;

import java.util.concurrent.locks.ReentrantLock;

/**
 * What one worker is doing, for the watchdog: a phase (a task, init, exit) and when it must end.
 * The slot's thread begins and ends phases, only when a deadline applies; the watchdog checks it.
 * The fields are guarded by {@link #lock}, which also orders a kind's {@code expire()} (an
 * interrupt) against the end of the phase it was meant for.
 */
final class Deadline<S> {
    enum Phase { IDLE, INIT, TASK, EXIT }

    /** What the watchdog should do about a worker past its deadline. */
    enum Overdue { NO, REPLACE, DROP }

    private final WorkerLoop<S, ?> loop;
    private final ReentrantLock lock = new ReentrantLock();
    private Phase phase = Phase.IDLE;
    private long deadline;
    private Call<S, ?, ?> call;
    private Chunk<S> chunk;
    private int position;
    private boolean expired;
    private long abandonAt;

    Deadline(WorkerLoop<S, ?> loop) {
        this.loop = loop;
    }

    /** A phase starts now and must end within {@code timeoutNanos}. Slot's thread. */
    void begin(Phase kind, Call<S, ?, ?> call, Chunk<S> chunk, int position, long timeoutNanos) {
        lock.lock();
        try {
            this.phase = kind;
            this.call = call;
            this.chunk = chunk;
            this.position = position;
            this.deadline = System.nanoTime() + timeoutNanos;
            this.expired = false;
        } finally {
            lock.unlock();
        }
    }

    /** The phase ended; returns whether it had run past its deadline. Slot's thread. */
    boolean end() {
        lock.lock();
        try {
            phase = Phase.IDLE;
            call = null;
            chunk = null;
            boolean late = expired;
            expired = false;
            loop.phaseEnded();
            return late;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called by the watchdog. The first time a phase is past its deadline, reports the timeout and
     * lets the kind react ({@link WorkerLoop#expire}); a worker still in that phase a grace period
     * later is given up.
     */
    Overdue check(long now) {
        lock.lock();
        try {
            if (phase == Phase.IDLE) {
                return Overdue.NO;
            }
            if (!expired) {
                if (now - deadline < 0) {
                    return Overdue.NO;
                }
                expired = true;
                abandonAt = now + Generation.GRACE_NANOS;
                loop.reportTimeout(phase, call, chunk, position);
                return loop.expire(phase);
            }
            if (now - abandonAt < 0) {
                return Overdue.NO;
            }
            return loop.overdue(phase);
        } finally {
            lock.unlock();
        }
    }
}
