package io.mpire4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method that runs once when a worker stops; its return values, one per worker that
 * ran, are collected by the generated {@code exitResults()}.
 *
 * <pre>{@code
 * @WorkerExit static Set<String> popular(@WorkerState Counter c) { return c.popular(3); }
 *
 * pool.add().forEach(documents);
 * pool.stopAndJoin();                                  // every worker runs popular(...)
 * List<Set<String>> perWorker = pool.exitResults();
 * }</pre>
 *
 * <p>At most one method per class. It takes no task arguments; it may take the worker's
 * {@link WorkerState} and a {@link WorkerId} {@code int}.
 *
 * <p><b>Threads:</b> called on the worker's own thread after its last task: on
 * {@code stopAndJoin()} and {@code close()}, at the end of every call with {@code keepAlive(false)},
 * and when a worker reaches its lifespan. {@code terminate()} skips it. A worker that never ran a
 * task may skip it. If it throws, or exceeds {@code workerExitTimeout}, the stop reports a
 * {@code WorkerExitException}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface WorkerExit {}
