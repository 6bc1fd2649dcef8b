package io.mpire4j.spi;

/**
 * How one slot's work gets done: on the slot's own thread, or by proxy (a child JVM, a cluster
 * member). The pool drives it from the slot's thread, in this order: {@link #open()}, then
 * {@link #init()} before the first batch, {@link #run} for each batch, {@link #exit()} at a stop or
 * the end of a lifespan, and always {@link #close()}. Only {@link #expire()} is called from another
 * thread (the pool's watchdog).
 */
public interface Worker {

    /**
     * Prepares the worker (a child JVM is launched here). Throwing breaks the generation: the
     * running calls fail with the exception's message and the pool starts a fresh generation for
     * its next call.
     */
    void open() throws Exception;

    /** Runs {@code @WorkerInit}; throws what it threw. Not called when the class has no init. */
    void init() throws Throwable;

    /**
     * Runs the batch's tasks in order and reports through the batch exactly one of
     * {@link Batch#completed}, {@link Batch#failed}, {@link Batch#lost} or {@link Batch#untouched},
     * unless {@link Batch#cancelled()} turns true between tasks (then it may just return).
     */
    void run(Batch batch);

    /** Runs {@code @WorkerExit} and returns its result ({@code null} for none); throws what it threw. */
    Object exit() throws Throwable;

    /**
     * The current task, init or exit ran past its deadline (the pool already reported the timeout).
     * Called by the watchdog, once per phase. Returns {@code true} if the worker is gone now (its
     * process was killed): the pool replaces it at once; {@code false} if it was only asked to stop
     * (interrupted): the pool gives it a short grace period, then abandons and replaces it.
     */
    boolean expire();

    /**
     * A deadline phase ended on the slot's thread; called under the pool's deadline lock so that it
     * cannot race {@link #expire()} (a thread worker clears an interrupt sent for that phase here).
     */
    default void phaseEnded() {}

    /** Releases what {@link #open()} took; called once, on the slot's thread, as the worker ends. */
    void close();
}
