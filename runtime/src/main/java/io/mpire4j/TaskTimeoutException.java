package io.mpire4j;

import java.io.Serial;
import java.time.Duration;
import java.util.List;

/**
 * A task ran longer than the call's {@code taskTimeout}: the call fails promptly with this
 * exception and the rest of it is cancelled.
 *
 * <p>Thread workers cannot be killed: the worker is interrupted and, if the task has not returned
 * after a short grace period, the thread is abandoned (left to finish on its own, its result
 * discarded) and its slot gets a fresh worker with fresh state. Code that ignores interrupts keeps
 * running in the abandoned thread until it returns.
 */
public class TaskTimeoutException extends TaskFailedException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    /** See {@link TaskFailedException#TaskFailedException}; {@code timeout} is the limit the task exceeded. */
    public TaskTimeoutException(String message, String method, int workerId, long taskIndex,
            List<String> parameterNames, List<?> arguments, Duration timeout) {
        super(message, method, workerId, taskIndex, parameterNames, arguments, null);
        this.timeout = timeout;
    }

    /** The limit the task exceeded. */
    public Duration timeout() {
        return timeout;
    }
}
