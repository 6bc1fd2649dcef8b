package io.mpire4j;

import java.io.Serial;
import java.util.Collections;
import java.util.List;

/**
 * A task threw: the call that ran it fails with this exception, the call's remaining tasks are
 * cancelled, and the pool stays usable.
 *
 * <p>{@link #getCause()} is the exception the task threw, with the worker-side stack trace. The
 * message names the method, the worker, the task's position in the call's input and every argument
 * as {@code name = value}, so a log line is enough to reproduce the failure:
 *
 * <pre>
 * Primes.isPrime failed on worker 1 (task index 17)
 *     n = -5
 *   cause: java.lang.IllegalArgumentException: negative input
 * </pre>
 *
 * <p>Subclasses say why a task did not finish: {@link TaskTimeoutException},
 * {@link WorkerDiedException}. Thrown on the thread
 * that made the call; {@code applyAsync} futures complete exceptionally with it.
 */
public class TaskFailedException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String method;
    private final int workerId;
    private final long taskIndex;
    private final transient List<String> parameterNames;
    private final transient List<Object> arguments;

    /**
     * A failure of the task at {@code taskIndex} of {@code method}, run by worker {@code workerId}.
     * Made by the runtime (and by worker kinds through it); public so that tests and other worker
     * kinds can make one. {@code message} is the finished report.
     */
    public TaskFailedException(String message, String method, int workerId, long taskIndex,
            List<String> parameterNames, List<?> arguments, Throwable cause) {
        super(message, cause);
        this.method = method;
        this.workerId = workerId;
        this.taskIndex = taskIndex;
        this.parameterNames = List.copyOf(parameterNames);
        this.arguments = Collections.unmodifiableList(new java.util.ArrayList<>(arguments));
    }

    /** The failing method, as {@code Class.method}. */
    public String method() {
        return method;
    }

    /** The id of the worker that ran the task, {@code 0 … workers-1}. */
    public int workerId() {
        return workerId;
    }

    /** The task's 0-based position in the call's input, or {@code -1} for a single {@code apply}. */
    public long taskIndex() {
        return taskIndex;
    }

    /** The names of the task's arguments, in parameter order. */
    public List<String> parameterNames() {
        return parameterNames == null ? List.of() : parameterNames;
    }

    /** The task's arguments in parameter order (elements may be {@code null}). */
    public List<Object> arguments() {
        return arguments == null ? List.of() : arguments;
    }
}
