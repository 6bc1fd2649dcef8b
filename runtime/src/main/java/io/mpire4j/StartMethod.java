package io.mpire4j;

/**
 * What a worker is. Chosen once per pool with {@link PoolOptions#startMethod(StartMethod)}.
 *
 * <table>
 *   <caption>Choosing a worker kind</caption>
 *   <tr><th>kind</th><th>for</th><th>isolation</th><th>hard timeout</th></tr>
 *   <tr><td>{@link #THREADS}</td><td>CPU-bound work</td><td>none</td><td>no: interrupt, then replace</td></tr>
 *   <tr><td>{@link #VIRTUAL_THREADS}</td><td>blocking I/O, many workers</td><td>none</td><td>no</td></tr>
 *  * </table>
 */
public enum StartMethod {
    /** One platform thread per worker, named {@code mpire4j-worker-<id>}. The default. */
    THREADS,
    /** One virtual thread per worker: cheap enough for hundreds of workers blocked on I/O. */
    VIRTUAL_THREADS
}
