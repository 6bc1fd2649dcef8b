package io.mpire4j.spi;

/**
 * One call as listeners see it: immutable.
 *
 * @param id a number unique to this call in this JVM, from 1
 * @param pool the pool that runs it
 * @param method the method, as {@code Class.method}
 * @param description the progress bar's label (the method's name unless set)
 * @param total the number of tasks, or {@code -1} when the input's length is unknown
 * @param startedNanos {@link System#nanoTime()} when the call started
 * @param startedMillis {@link System#currentTimeMillis()} when the call started
 */
public record CallInfo(long id, PoolInfo pool, String method, String description, long total, long startedNanos,
        long startedMillis) {}
