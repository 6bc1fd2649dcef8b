package io.mpire4j.internal;

import io.mpire4j.spi.PoolListener;
import java.util.function.Consumer;

/**
 * Delivers pool events to listeners, each in isolation: a listener that throws is reported once
 * on stderr (per listener class) and never breaks the pool.
 */
final class Events {
    private static final ClassValue<boolean[]> REPORTED = new ClassValue<>() {
        @Override
        protected boolean[] computeValue(Class<?> type) {
            return new boolean[1];
        }
    };

    private Events() {}

    static void fire(PoolListener[] listeners, Consumer<PoolListener> event) {
        for (PoolListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (Throwable t) {
                report(listener, t);
            }
        }
    }

    /** Reports a listener's exception once per listener class; never throws. */
    static void report(PoolListener listener, Throwable t) {
        boolean[] reported = REPORTED.get(listener.getClass());
        synchronized (reported) {
            if (reported[0]) {
                return;
            }
            reported[0] = true;
        }
        try {
            System.err.println("mpire4j: the pool listener " + listener.getClass().getName() + " threw "
                    + ErrorReport.throwableText(t) + "; it is ignored (reported once)");
        } catch (Throwable ignored) {
            // nothing more to do: a listener must never break a call
        }
    }
}
