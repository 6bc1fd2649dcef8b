package io.mpire4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter of a {@link Parallel} or {@link WorkerExit} method that receives the
 * worker's state: the object its {@link WorkerInit} method returned.
 *
 * <pre>{@code
 * @WorkerInit static Counter start() { return new Counter(); }
 * @Parallel   static void add(@WorkerState Counter c, String document) { c.add(document); }
 * }</pre>
 *
 * <p>The class must have a {@link WorkerInit} method that returns a value, and the parameter's type
 * must accept that value's type. Each worker has its own state and runs one task at a time, so the
 * state needs no synchronisation as long as tasks only touch their own worker's state.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface WorkerState {}
