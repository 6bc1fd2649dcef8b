package io.mpire4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a task function: the mpire4j processor generates a {@code <Class>Parallel}
 * pool class with a typed handle for it.
 *
 * <pre>{@code
 * public final class Primes {
 *     @Parallel
 *     static boolean isPrime(long n) { ... }
 * }
 *
 * try (PrimesParallel pool = PrimesParallel.create(PoolOptions.defaults().workers(4))) {
 *     List<Boolean> flags = pool.isPrime().map(numbers);   // input order
 *     boolean one = pool.isPrime(1_000_003L);              // one task on a worker
 * }
 * }</pre>
 *
 * <p>Every parameter that is not marked {@link WorkerState} or {@link WorkerId} is a task argument.
 * A method with one task argument is mapped over an {@code Iterable} of that type; a method with
 * several gets a generated {@code <Method>Args} record nested in the generated class.
 *
 * <p>The method may be static or an instance method of a top-level or static nested class. An
 * instance method runs against the one receiver passed to {@code create(receiver, ...)}: every
 * worker thread shares that object, so it must be safe to use from several threads at once.
 *
 * <p><b>Threads:</b> the method is called on a worker thread ({@code mpire4j-worker-<id>}), never
 * on the caller's thread and never on {@code ForkJoinPool.commonPool()}. One worker runs one task at
 * a time, so a {@link WorkerState} object is only ever touched by its own worker.
 *
 * <p>The method may not be private, abstract or generic over a type the generated class cannot
 * name, and its name may not collide with another {@code @Parallel} method's generated members;
 * misuse is a compile error on the method.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Parallel {}
