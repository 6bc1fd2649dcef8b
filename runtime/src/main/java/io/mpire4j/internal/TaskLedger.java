package io.mpire4j.internal;

import io.mpire4j.Outcome;
import io.mpire4j.TaskFailedException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The per-task failure policy of one call ({@link FailurePolicy#perTask()}: outcomes or retries):
 * the one place that decides what a failed task becomes (a retry, a failure outcome or the call's
 * failure) and that hands a chunk to its call only once every task in it is settled.
 *
 * <p>A chunk the call cut ({@link Chunk#root}) is reported once by whoever ran it; tasks of it that
 * failed, timed out, died or never ran go out again as re-runs ({@link Chunk#Chunk(Chunk, int, int,
 * int)}), each reported once in turn, so each task is settled exactly once and the call sees each
 * of its chunks once, complete. Called by worker threads (a chunk's report) and the watchdog (a
 * timeout); the first report of a root chunk happens before any re-run of it exists, and every
 * later write to the root is ordered by its {@link Chunk#unsettled} counter.
 */
final class TaskLedger<S> {
    /** Waits out retry backoffs for every pool of the JVM; its one thread ends when idle. */
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final Call<S, ?, ?> call;
    private final FailurePolicy policy;

    TaskLedger(Call<S, ?, ?> call, FailurePolicy policy) {
        this.call = call;
        this.policy = policy;
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("mpire4j-retry-timer").daemon(true).factory());
        timer.setKeepAliveTime(1, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Sets up the root of {@code chunk} on its first report. */
    private static <S> Chunk<S> root(Chunk<S> chunk) {
        Chunk<S> root = chunk.root;
        if (root.unsettled == null) {
            int n = root.size();
            root.results = new Object[n];
            root.attempts = new int[n];
            root.unsettled = new AtomicInteger(n);
        }
        return root;
    }

    /** Tasks {@code 0 … count-1} of {@code chunk} returned {@code results}. */
    void succeeded(Chunk<S> chunk, int count, Object[] results) {
        if (count == 0) {
            return;
        }
        Chunk<S> root = root(chunk);
        for (int i = 0; i < count; i++) {
            int at = chunk.offset + i;
            root.results[at] = policy.outcomes() ? new Outcome.Success<>(root.taskIndex(at), results[i]) : results[i];
        }
        settled(root, count);
    }

    /**
     * How every report that ends a chunk early comes here: task {@code position} of {@code chunk}
     * failed as {@code failure}; the tasks before it returned {@code before} (or, if null, their
     * results are unknown or lost, and they run again); the tasks after it never ran and run again.
     * {@code elsewhere}: its worker died or timed out, so the task and the re-runs keep away from it.
     */
    void failedAt(Chunk<S> chunk, int position, TaskFailedException failure, Object[] before, int workerId,
            boolean elsewhere, WorkerStats stats) {
        int avoid = elsewhere ? workerId : -1;
        if (before != null) {
            succeeded(chunk, position, before);
        } else {
            rerun(chunk, 0, position, avoid, false);
        }
        failed(chunk, position, failure, workerId, elsewhere, stats);
        rerun(chunk, position + 1, chunk.size(), avoid, false);
    }

    /**
     * Task {@code position} of {@code chunk} failed as {@code failure} on worker {@code workerId}:
     * retried (on another worker if {@code elsewhere}: its worker died or timed out), settled as a
     * failure outcome, or the call fails. {@code stats}: the worker's insights, or null.
     */
    private void failed(Chunk<S> chunk, int position, TaskFailedException failure, int workerId, boolean elsewhere,
            WorkerStats stats) {
        Chunk<S> root = root(chunk);
        int at = chunk.offset + position;
        int attempt = root.attempts[at];
        if (policy.retries(failure, attempt)) {
            root.attempts[at] = attempt + 1;
            if (stats != null) {
                stats.retried();
            }
            send(new Chunk<>(root, at, at + 1, elsewhere ? workerId : -1), policy.backoffNanos(attempt));
            return;
        }
        call.progress.taskFailed(workerId, failure.taskIndex(), failure.getCause());
        if (policy.outcomes()) {
            root.results[at] = new Outcome.Failure<>(failure);
            settled(root, 1);
        } else {
            call.fail(() -> failure);
        }
    }

    /**
     * Tasks {@code from … to-1} of {@code chunk} did not report (they never ran, or their results were
     * lost with their worker): they run again, not counted as retries, kept away from slot
     * {@code avoid} (-1: anywhere). With {@code singly}, each on its own, so that a task that kills
     * its worker is told apart from the others.
     */
    void rerun(Chunk<S> chunk, int from, int to, int avoid, boolean singly) {
        if (from >= to) {
            return;
        }
        Chunk<S> root = root(chunk);
        int start = chunk.offset + from;
        int end = chunk.offset + to;
        if (singly) {
            for (int at = start; at < end; at++) {
                send(new Chunk<>(root, at, at + 1, avoid), 0);
            }
        } else {
            send(new Chunk<>(root, start, end, avoid), 0);
        }
    }

    private void settled(Chunk<S> root, int count) {
        call.progress.advance(count);
        if (root.unsettled.addAndGet(-count) == 0) {
            call.completed(root);
        }
    }

    /** Queues a re-run now or after {@code delayNanos}; if the pool refuses it, the call fails. */
    private void send(Chunk<S> rerun, long delayNanos) {
        if (call.isDone()) {
            return;
        }
        if (delayNanos <= 0) {
            submit(rerun);
            return;
        }
        try {
            TIMER.schedule(() -> submit(rerun), delayNanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            call.fail(() -> e);
        }
    }

    private void submit(Chunk<S> rerun) {
        if (call.isDone()) {
            return;
        }
        try {
            call.generation.submit(rerun);
        } catch (RuntimeException e) {
            call.fail(() -> e);
        }
    }
}
