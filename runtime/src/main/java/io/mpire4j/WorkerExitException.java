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

    /** A failure of {@code method} on worker {@code workerId}; {@code message} is the finished report. */
    public WorkerExitException(String message, String method, int workerId, Throwable cause) {
        super(message, cause);
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
