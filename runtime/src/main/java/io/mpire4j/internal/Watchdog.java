package io.mpire4j.internal;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces task, init and exit timeouts of one generation: a daemon thread
 * ({@code mpire4j-watchdog}) that wakes every tick and checks each worker's deadline. Exists only
 * while a timeout is in use; stopped with its generation.
 */
final class Watchdog implements Runnable {
    private final Generation<?, ?> generation;
    private final Thread thread;
    private volatile long tickNanos;
    private volatile boolean stopped;

    Watchdog(Generation<?, ?> generation, long tickNanos) {
        this.generation = generation;
        this.tickNanos = tickNanos;
        this.thread = Thread.ofPlatform().name("mpire4j-watchdog").daemon(true).unstarted(this);
    }

    void start() {
        thread.start();
    }

    /** Checks at least every {@code tick} from now on. */
    void tighten(long tick) {
        if (tick < tickNanos) {
            tickNanos = tick;
            LockSupport.unpark(thread);
        }
    }

    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
        if (thread != Thread.currentThread()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        while (!stopped) {
            LockSupport.parkNanos(this, tickNanos);
            check(generation);
        }
    }

    private static <S, E> void check(Generation<S, E> generation) {
        long now = System.nanoTime();
        List<WorkerLoop<S, E>> workers = generation.currentWorkers();
        for (WorkerLoop<S, E> worker : workers) {
            Deadline.Overdue overdue = worker.checkDeadline(now);
            if (overdue != Deadline.Overdue.NO) {
                generation.abandon(worker, overdue == Deadline.Overdue.REPLACE);
            }
        }
    }
}
