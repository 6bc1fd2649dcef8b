package io.mpire4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method that prepares a worker: it runs once in each worker, on that worker's thread,
 * before the worker's first task, and its return value becomes the worker's state.
 *
 * <pre>{@code
 * @WorkerInit static Model load(@WorkerId int id) { return Model.load(); }   // once per worker
 * @Parallel   static int predict(@WorkerState Model m, float[] x) { return m.predict(x); }
 * }</pre>
 *
 * <p>At most one method per class. It takes no task arguments and no {@link WorkerState}; it may
 * take a {@link WorkerId} {@code int}. It may return {@code void}, in which case it only has side
 * effects and no state is passed to tasks.
 *
 * <p><b>Threads:</b> called on the worker's own thread, before that worker runs any task. A worker
 * that never receives a task may never run it. With {@code keepAlive(true)} (the default) it runs
 * once per worker for the life of the pool (and again after a lifespan restart); with
 * {@code keepAlive(false)} once per worker per call. If it throws, or exceeds
 * {@code workerInitTimeout}, the call fails with {@code WorkerInitException}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface WorkerInit {}
