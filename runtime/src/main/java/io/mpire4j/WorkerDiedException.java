package io.mpire4j;

import java.io.Serial;
import java.util.List;
import java.util.OptionalInt;

/**
 * The child JVM of a {@link StartMethod#PROCESSES} worker died while it held tasks of this call:
 * {@code System.exit}, {@code kill -9}, the OOM killer, a native crash. The call fails with this
 * exception, its remaining tasks are cancelled, and the slot gets a fresh child (its
 * {@code @WorkerExit} does not run: the state died with the JVM).
 *
 * <p>The message names the exit code or the signal and lists the tasks the child held (its whole
 * chunk, with each task's arguments, cut after a few):
 *
 * <pre>
 * Numbers.crash: worker 0 died (exit code 3) holding 2 tasks (task indexes 4–5)
 *     task 4: n = 4
 *     task 5: n = 5
 * </pre>
 *
 * <p>{@link #taskIndex()} and {@link #arguments()} describe the task the child was running when that
 * is known (calls with a {@code taskTimeout} report each task as it starts), else the first task it
 * held. A worker that ends normally (at its lifespan, at a stop) is never reported as dead. Thrown
 * on the thread that made the call.
 */
public class WorkerDiedException extends TaskFailedException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /** See {@link TaskFailedException#TaskFailedException}; {@code exitCode} is the child's ({@code -1}: unknown). */
    public WorkerDiedException(String message, String method, int workerId, long taskIndex,
            List<String> parameterNames, List<?> arguments, int exitCode) {
        super(message, method, workerId, taskIndex, parameterNames, arguments, null);
        this.exitCode = exitCode;
    }

    /**
     * The child's exit code as the operating system reported it ({@code 128 + n} when signal
     * {@code n} killed it, as in a shell), or {@code -1} if the child was not seen to exit.
     */
    public int exitCode() {
        return exitCode;
    }

    /** The signal that killed the child ({@code 9} for {@code kill -9}), if a signal did. */
    public OptionalInt signal() {
        return exitCode > 128 && exitCode < 128 + 65 ? OptionalInt.of(exitCode - 128) : OptionalInt.empty();
    }
}
