package io.mpire4j.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Stops the pools still open when the JVM shuts down (Ctrl-C, SIGTERM, {@code System.exit}, the
 * end of {@code main}): their running calls' progress bars end as {@code INTERRUPTED} and their
 * workers stop at once, child JVMs killed with their process trees, so nothing outlives the JVM.
 *
 * <p>One hook per JVM ({@code mpire4j-shutdown}), added when the first pool is created. Open pools
 * are tracked weakly (a pool nobody references is not kept alive by this) and forgotten when they
 * close, so with no pool open the hook does nothing. Thread-safe: guarded by {@link #LIVE}.
 */
final class ShutdownHook {
    /** The open pools; guarded by itself. */
    private static final Set<WorkerPool<?, ?>> LIVE = Collections.newSetFromMap(new WeakHashMap<>());
    /** Guarded by {@link #LIVE}. */
    private static boolean added;

    private ShutdownHook() {}

    /** Tracks a new pool; adds the hook if this is the JVM's first. Without a hook (the JVM is already shutting down) nothing is tracked. */
    static void track(WorkerPool<?, ?> pool) {
        synchronized (LIVE) {
            if (!added) {
                try {
                    Runtime.getRuntime().addShutdownHook(
                            Thread.ofPlatform().name("mpire4j-shutdown").unstarted(ShutdownHook::run));
                } catch (IllegalStateException shuttingDown) {
                    return;
                }
                added = true;
            }
            LIVE.add(pool);
        }
    }

    /** Forgets a closed pool. */
    static void untrack(WorkerPool<?, ?> pool) {
        synchronized (LIVE) {
            LIVE.remove(pool);
        }
    }

    /** Whether {@code pool} is tracked: open, and stopped if the JVM shuts down. For tests. */
    static boolean tracks(WorkerPool<?, ?> pool) {
        synchronized (LIVE) {
            return LIVE.contains(pool);
        }
    }

    private static void run() {
        List<WorkerPool<?, ?>> open;
        synchronized (LIVE) {
            open = new ArrayList<>(LIVE);
        }
        for (WorkerPool<?, ?> pool : open) {
            try {
                pool.shutDownWithJvm();
            } catch (RuntimeException | Error e) {
                // One pool that cannot stop must not keep the others' children alive.
            }
        }
    }
}
