package io.mpire4j;

import java.io.Serial;

/**
 * A worker's {@code @WorkerExit} method threw or ran past {@link PoolOptions#workerExitTimeout}.
 * Reported by the stop that ran it ({@code stopAndJoin()}, {@code close()}, or the call itself with
 * {@code keepAlive(false)}) after every other worker has stopped, so no worker is left running;
 * failures of further workers are attached as suppressed exceptions. The exit results of the workers
 * that succeeded are still available.
 */
public class WorkerExitException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String method;
    private final int workerId;

    WorkerExitException(String method, int workerId, String problem, Throwable cause) {
        super("@WorkerExit " + method + " " + problem + " on worker " + workerId
                + (cause == null ? "" : ": " + cause), cause);
        this.method = method;
        this.workerId = workerId;
    }

    /** The exit method, as {@code Class.method}. */
    public String method() {
        return method;
    }

    /** The worker whose exit failed. */
    public int workerId() {
        return workerId;
    }
}
