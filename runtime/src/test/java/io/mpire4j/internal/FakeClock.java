package io.mpire4j.internal;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** A nanosecond clock that moves only when a test moves it. */
final class FakeClock implements LongSupplier {
    private long nanos = 1_000_000_000_000L; // an arbitrary origin, as System.nanoTime() has

    @Override
    public synchronized long getAsLong() {
        return nanos;
    }

    synchronized void advanceMillis(long millis) {
        nanos += TimeUnit.MILLISECONDS.toNanos(millis);
    }

    void advanceSeconds(long seconds) {
        advanceMillis(TimeUnit.SECONDS.toMillis(seconds));
    }
}
