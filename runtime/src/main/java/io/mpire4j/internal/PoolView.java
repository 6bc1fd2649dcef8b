package io.mpire4j.internal;

import io.mpire4j.Insights;
import io.mpire4j.spi.PoolInfo;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** A pool as listeners see it. Immutable apart from the insights it reads on demand. */
final class PoolView implements PoolInfo {
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final String className;
    private final String workerKind;
    private final int workers;
    private final Supplier<Insights> insights;
    /** Tasks read by calls that someone observes, not yet completed; see {@link CallEvents#read}. */
    private final AtomicLong pending = new AtomicLong();
    /** Workers running a chunk now. */
    private final AtomicInteger busy = new AtomicInteger();

    PoolView(String className, String workerKind, int workers, Supplier<Insights> insights) {
        this.className = className;
        this.workerKind = workerKind;
        this.workers = workers;
        this.insights = insights;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String className() {
        return className;
    }

    @Override
    public String workerKind() {
        return workerKind;
    }

    @Override
    public int workers() {
        return workers;
    }

    @Override
    public Insights insights() {
        return insights.get();
    }

    @Override
    public long tasksPending() {
        return pending.get();
    }

    @Override
    public int workersBusy() {
        return busy.get();
    }

    /** Adds {@code tasks} (negative: removes) to {@link #tasksPending}. */
    void pending(long tasks) {
        pending.addAndGet(tasks);
    }

    /** A worker starts ({@code +1}) or ends ({@code -1}) running a chunk. Slot threads. */
    void busy(int delta) {
        busy.addAndGet(delta);
    }

    @Override
    public String toString() {
        return "pool " + id + " (" + className + ", " + workers + " " + workerKind + ")";
    }
}
