package io.mpire4j.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * The registry of {@link PoolListener}s of this JVM. Every pool reports to the listeners registered
 * at the time of each event. Thread-safe; registering is rare and copies a small array, reading is
 * one volatile read.
 */
public final class PoolEvents {
    private static final PoolListener[] NONE = new PoolListener[0];
    private static volatile PoolListener[] listeners = NONE;

    private PoolEvents() {}

    /**
     * Adds {@code listener}; closing the returned handle removes it (closing twice does nothing).
     * The same listener registered twice gets every event twice.
     */
    public static synchronized AutoCloseable register(PoolListener listener) {
        Objects.requireNonNull(listener, "listener");
        PoolListener[] now = listeners;
        PoolListener[] more = Arrays.copyOf(now, now.length + 1);
        more[now.length] = listener;
        listeners = more;
        boolean[] closed = {false};
        return () -> remove(listener, closed);
    }

    private static synchronized void remove(PoolListener listener, boolean[] closed) {
        if (closed[0]) {
            return;
        }
        closed[0] = true;
        PoolListener[] now = listeners;
        for (int i = 0; i < now.length; i++) {
            if (now[i] == listener) {
                PoolListener[] fewer = new PoolListener[now.length - 1];
                System.arraycopy(now, 0, fewer, 0, i);
                System.arraycopy(now, i + 1, fewer, i, now.length - i - 1);
                listeners = fewer.length == 0 ? NONE : fewer;
                return;
            }
        }
    }

    /**
     * The listeners registered now, for the runtime and worker kinds that report events; the array
     * must not be modified. Empty (never null) when there are none.
     */
    public static PoolListener[] current() {
        return listeners;
    }
}
