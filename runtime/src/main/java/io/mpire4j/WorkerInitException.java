package io.mpire4j;

import java.io.Serial;

/**
 * A worker's {@code @WorkerInit} method threw or ran past {@link PoolOptions#workerInitTimeout}. The
 * call that needed the worker fails with this exception; the worker tries its init again before its
 * next task. Thrown on the thread that made the call.
 */
public class WorkerInitException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String method;
    private final int workerId;

    /** A failure of {@code method} on worker {@code workerId}; {@code message} is the finished report. */
    public WorkerInitException(String message, String method, int workerId, Throwable cause) {
        super(message, cause);
        this.method = method;
        this.workerId = workerId;
    }

    /** The init method, as {@code Class.method}. */
    public String method() {
        return method;
    }

    /** The worker whose init failed. */
    public int workerId() {
        return workerId;
    }
}
