package io.mpire4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an {@code int} parameter of a {@link Parallel}, {@link WorkerInit} or {@link WorkerExit}
 * method that receives the id of the worker running it: {@code 0 … workers-1}, stable across
 * restarts of that worker's slot (lifespan, timeouts).
 *
 * <pre>{@code
 * @WorkerInit static Shard open(@WorkerId int id) { return Shard.open("part-" + id); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface WorkerId {}
