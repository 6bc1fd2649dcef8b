package io.mpire4j;

import java.time.Duration;

/**
 * What one worker slot did since its workers last started fresh: how many tasks it completed and
 * how its time split between start-up, {@code @WorkerInit}, waiting for work, working and
 * {@code @WorkerExit}. Immutable.
 *
 * @param workerId the worker's id, {@code 0 … workers-1}
 * @param tasksCompleted tasks that returned normally
 * @param startUp from creating the worker's thread to the thread running
 * @param init time in {@code @WorkerInit}
 * @param waiting time waiting for a chunk
 * @param working time running tasks
 * @param exit time in {@code @WorkerExit}
 * @param retries tasks that failed on this worker and were sent to run again
 *     ({@link ParallelMethod#retries(int)})
 * @param location where the slot's worker ran last, as its worker kind names it ({@code "member
 *     10.0.0.7:5701"} on a cluster); empty for workers of this machine's kinds
 */
public record WorkerInsights(int workerId, long tasksCompleted, Duration startUp, Duration init, Duration waiting,
        Duration working, Duration exit, long retries, String location) {

    /** Insights of a worker of this machine that retried nothing. */
    public WorkerInsights(int workerId, long tasksCompleted, Duration startUp, Duration init, Duration waiting,
            Duration working, Duration exit) {
        this(workerId, tasksCompleted, startUp, init, waiting, working, exit, 0, "");
    }

    /** A null location is empty. */
    public WorkerInsights {
        location = location == null ? "" : location;
    }

    /** The sum of every phase. */
    public Duration total() {
        return startUp.plus(init).plus(waiting).plus(working).plus(exit);
    }
}
