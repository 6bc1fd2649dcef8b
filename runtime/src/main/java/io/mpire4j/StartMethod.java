package io.mpire4j;

/**
 * What a worker is. Chosen once per pool with {@link PoolOptions#startMethod(StartMethod)}.
 *
 * <table>
 *   <caption>Choosing a worker kind</caption>
 *   <tr><th>kind</th><th>for</th><th>isolation</th><th>hard timeout</th></tr>
 *   <tr><td>{@link #THREADS}</td><td>CPU-bound work</td><td>none</td><td>no: interrupt, then replace</td></tr>
 *   <tr><td>{@link #VIRTUAL_THREADS}</td><td>blocking I/O, many workers</td><td>none</td><td>no</td></tr>
 *   <tr><td>{@link #PROCESSES}</td><td>crash and OOM isolation, native code, leaky libraries, real
 *       timeouts</td><td>a JVM per worker</td><td>yes: kill, then replace</td></tr>
 * </table>
 */
public enum StartMethod {
    /** One platform thread per worker, named {@code mpire4j-worker-<id>}. The default. */
    THREADS,
    /** One virtual thread per worker: cheap enough for hundreds of workers blocked on I/O. */
    VIRTUAL_THREADS,
    /**
     * One child JVM per worker, started with the parent's {@code java}, class path and module path
     * plus {@link PoolOptions#jvmOptions(java.util.List)}; the worker's slot keeps a platform thread
     * ({@code mpire4j-worker-<id>}) in the parent that talks to the child over a local socket.
     *
     * <ul>
     *   <li>Tasks, results, exceptions and exit results cross the channel batched per chunk, with the
     *       codecs the processor generates; the shared receiver of instance methods is sent once per
     *       child. A value that cannot be sent fails its call with a message naming its type.
     *   <li>{@code @WorkerInit}, the worker state and {@code @WorkerExit} live in the child; exit
     *       results come back typed.
     *   <li>{@code taskTimeout} kills the child and starts a replacement: unlike threads, the runaway
     *       code really stops. A child that dies ({@code System.exit}, {@code kill -9}, a native
     *       crash) fails its call with {@link WorkerDiedException} and is replaced. A worker that
     *       ends at its lifespan or at a stop is never reported as dead.
     *   <li>The child's stdout and stderr reach the parent's {@code System.out} and
     *       {@code System.err}, each line prefixed with {@code [worker-<id>] }. A child exits by
     *       itself when the parent dies.
     *   <li>{@link PoolOptions#cpuIds(java.util.Set)} pins children to CPUs (Linux, through
     *       {@code taskset}).
     *   <li>Start-up: children start in parallel, with flags suited to short-lived JVMs and, when the
     *       class path holds only jars, a class-data archive that later children start from. On
     *       JDK 25+ it is an AOT cache that the first child recorded while doing its real work (the
     *       classes it loaded, yours included, and the profiles of the methods it ran), written as
     *       that child exits and built in the background; on JDK 21–24 a dynamic archive of
     *       mpire4j's classes made by a training JVM. Set the system property
     *       {@code mpire4j.cds=false} to turn the archive off; sharing options of your own in
     *       {@link PoolOptions#jvmOptions} ({@code -XX:AOTCache=…}, {@code -Xshare:…}) replace it.
     * </ul>
     *
     * <p>Needs a generated {@code *Parallel} class (its methods registered by index and its program
     * found in the child through {@link java.util.ServiceLoader}).
     */
    PROCESSES
}
