package io.mpire4j.internal;

import io.mpire4j.Insights;
import io.mpire4j.TaskTiming;
import io.mpire4j.WorkerInsights;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Insight counters of one worker slot, accumulated across the workers that ran in it. Updated by
 * the slot's worker thread per chunk (per task only for the longest-task list), read by whoever
 * asks for insights; every method is synchronized, so reads see a consistent snapshot.
 */
final class WorkerStats {
    static final int LONGEST = 5;

    /** A slow task remembered with what is needed to describe it later. */
    record Slow(long nanos, MethodSpec<?, ?, ?> method, Object task) {}

    private final int id;
    private long startUpNanos;
    private long initNanos;
    private long waitingNanos;
    private long workingNanos;
    private long exitNanos;
    private long tasks;
    private long retries;
    private final List<Slow> longest = new ArrayList<>(LONGEST + 1);
    /**
     * The shortest of the five kept once there are five, else -1: a task no longer than this is
     * dropped with one volatile read, no lock (this runs once per task with insights on).
     */
    private volatile long admissionFloor = -1;

    WorkerStats(int id) {
        this.id = id;
    }

    synchronized void startUp(long nanos) {
        startUpNanos += nanos;
    }

    synchronized void init(long nanos) {
        initNanos += nanos;
    }

    synchronized void waiting(long nanos) {
        waitingNanos += nanos;
    }

    synchronized void working(long nanos, int completed) {
        workingNanos += nanos;
        tasks += completed;
    }

    /** A task that failed on this slot's worker was sent to run again. */
    synchronized void retried() {
        retries++;
    }

    synchronized void exit(long nanos) {
        exitNanos += nanos;
    }

    /** One task took {@code nanos}; kept if it is among the slot's five longest. */
    void task(long nanos, MethodSpec<?, ?, ?> method, Object task) {
        if (nanos <= admissionFloor) {
            return;
        }
        synchronized (this) {
            int at = 0;
            while (at < longest.size() && longest.get(at).nanos() >= nanos) {
                at++;
            }
            if (at < LONGEST) {
                longest.add(at, new Slow(nanos, method, task));
                if (longest.size() > LONGEST) {
                    longest.remove(LONGEST);
                }
            }
            admissionFloor = longest.size() == LONGEST ? longest.get(LONGEST - 1).nanos() : -1;
        }
    }

    /** The insights of these workers' stats, with the longest tasks of all of them. */
    static Insights insights(List<WorkerStats> stats) {
        List<WorkerInsights> workers = new ArrayList<>(stats.size());
        List<TaskTiming> longest = new ArrayList<>();
        for (WorkerStats s : stats) {
            workers.add(s.snapshot());
            longest.addAll(s.longest());
        }
        longest.sort(Comparator.comparing(TaskTiming::duration).reversed());
        return Insights.of(workers, longest.subList(0, Math.min(LONGEST, longest.size())));
    }

    /** Guarded by this. */
    private String location = "";

    synchronized WorkerInsights snapshot() {
        return new WorkerInsights(id, tasks, Duration.ofNanos(startUpNanos), Duration.ofNanos(initNanos),
                Duration.ofNanos(waitingNanos), Duration.ofNanos(workingNanos), Duration.ofNanos(exitNanos), retries,
                location);
    }

    /** Where the slot's worker runs now (a worker kind's own words); empty for this machine. */
    synchronized void location(String where) {
        location = where == null ? "" : where;
    }

    synchronized List<TaskTiming> longest() {
        List<TaskTiming> out = new ArrayList<>(longest.size());
        for (Slow slow : longest) {
            out.add(new TaskTiming(id, Duration.ofNanos(slow.nanos()), describe(slow)));
        }
        return out;
    }

    private static String describe(Slow slow) {
        return ErrorReport.arguments(slow.method().parameterNames(), slow.method().argumentsOf(slow.task()), ", ");
    }
}
