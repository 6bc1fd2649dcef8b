package io.mpire4j.internal;

import io.mpire4j.spi.CallInfo;
import io.mpire4j.spi.CallOutcome;
import io.mpire4j.spi.PoolEvents;
import io.mpire4j.spi.PoolListener;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The events of one call: its progress bar (if shown) and the pool listeners registered when it
 * started, fed from one place. {@link #advance}, {@link #chunkCompleted} and {@link #taskFailed}
 * are called by worker threads once per chunk, {@link #read} by whoever reads the input; the rest
 * by the consuming thread. Without a bar, without listeners and without a JFR recording that
 * enables {@link JfrCallEvent}, a call uses {@link #NONE}, which does nothing.
 */
final class CallEvents implements Progress {
    private static final AtomicLong IDS = new AtomicLong();
    static final CallEvents NONE = new CallEvents(Progress.NONE, new PoolListener[0], null, null, null, null);

    private final Progress bar;
    private final PoolListener[] listeners;
    private final PoolView pool;
    private final String method;
    private final String description;
    /** The call's JFR event, when a recording enables it; else null. */
    private final JfrCallEvent jfr;
    private final AtomicLong done = new AtomicLong();
    /** Set by {@link #start}; consumer thread, then read by workers after they were handed chunks. */
    private volatile CallInfo info;
    private boolean ended;
    /** Tasks read and not completed, counted in the pool's view; guarded by this; -1 once the call ended. */
    private long outstanding;
    /** Whether {@link #start} ran (then {@link #jfr} began). Consumer thread. */
    private boolean begun;

    private CallEvents(Progress bar, PoolListener[] listeners, PoolView pool, String method, String description,
            JfrCallEvent jfr) {
        this.bar = bar;
        this.jfr = jfr;
        this.listeners = listeners;
        this.pool = pool;
        this.method = method;
        this.description = description;
    }

    /** The events of a call of {@code method} on {@code pool}, shown with {@code bar} (or {@link Progress#NONE}). */
    static CallEvents of(Progress bar, PoolView pool, String method, String description) {
        PoolListener[] listeners = PoolEvents.current();
        JfrCallEvent jfr = Jfr.on() ? new JfrCallEvent() : null;
        if (jfr != null && !jfr.isEnabled()) {
            jfr = null;
        }
        if (bar == Progress.NONE && listeners.length == 0 && jfr == null) {
            return NONE;
        }
        return new CallEvents(bar, listeners, pool, method, description, jfr);
    }

    /** Whether anything listens: a bar, a pool listener or a JFR recording. */
    boolean active() {
        return this != NONE;
    }

    @Override
    public void start(long total) {
        bar.start(total);
        begun = true;
        if (jfr != null) {
            jfr.total = total;
            jfr.begin();
        }
        if (listeners.length > 0) {
            CallInfo started = new CallInfo(IDS.incrementAndGet(), pool, method, description, total, System.nanoTime(),
                    System.currentTimeMillis());
            info = started;
            Events.fire(listeners, l -> l.callStarted(started));
        }
    }

    @Override
    public void advance(int tasks) {
        bar.advance(tasks);
        if (listeners.length > 0) {
            long now = done.addAndGet(tasks);
            CallInfo call = info;
            if (call != null) {
                for (PoolListener listener : listeners) { // per chunk: no lambda, no allocation
                    try {
                        listener.tasksCompleted(call, tasks, now);
                    } catch (Throwable t) {
                        Events.report(listener, t);
                    }
                }
            }
        } else if (jfr != null) {
            done.addAndGet(tasks);
        }
    }

    /** {@code tasks} more tasks were read from the call's input. Consumer thread, or a worker claiming a range. */
    void read(int tasks) {
        if (listeners.length == 0) {
            return;
        }
        synchronized (this) {
            if (outstanding >= 0) {
                outstanding += tasks;
                pool.pending(tasks);
            }
        }
    }

    /** Worker {@code workerId} completed a chunk of {@code tasks} in {@code nanos}. Right after {@link #advance}. */
    void chunkCompleted(int workerId, int tasks, long nanos) {
        if (listeners.length == 0) {
            return;
        }
        synchronized (this) {
            if (outstanding >= 0) {
                outstanding -= tasks;
                pool.pending(-tasks);
            }
        }
        CallInfo call = info;
        if (call != null) {
            Events.fire(listeners, l -> l.chunkCompleted(call, workerId, tasks, nanos));
        }
    }

    /** The task at {@code taskIndex} threw {@code cause} on worker {@code workerId}. Worker thread. */
    void taskFailed(int workerId, long taskIndex, Throwable cause) {
        CallInfo call = info;
        if (listeners.length > 0 && call != null) {
            Events.fire(listeners, l -> l.taskFailed(call, workerId, taskIndex, cause));
        }
    }

    /**
     * The JVM is shutting down under this call: its bar ends as {@code INTERRUPTED}, so that is the
     * last line it shows. Called by the shutdown hook ({@link ShutdownHook}); the call's own end comes
     * later, if at all, and leaves the bar as it is.
     */
    void interrupted() {
        bar.finish(Outcome.INTERRUPTED);
    }

    @Override
    public void finish(Outcome outcome) {
        end(outcome, null);
    }

    /** The call ended, with {@code failure} if it failed; later ends are ignored. Consumer thread. */
    void end(Outcome outcome, Throwable failure) {
        bar.finish(outcome);
        if (ended || listeners.length == 0 && jfr == null) {
            return;
        }
        ended = true;
        if (listeners.length > 0) {
            synchronized (this) {
                pool.pending(-outstanding);
                outstanding = -1;
            }
        }
        if (jfr != null && begun) {
            jfr.end();
            if (jfr.shouldCommit()) {
                jfr.pool = pool.id();
                jfr.method = method;
                jfr.description = description;
                jfr.tasks = done.get();
                jfr.outcome = outcome.name();
                jfr.commit();
            }
        }
        CallInfo call = info;
        if (call != null) {
            CallOutcome how = switch (outcome) {
                case DONE -> CallOutcome.DONE;
                case FAILED -> CallOutcome.FAILED;
                case CANCELLED, INTERRUPTED -> CallOutcome.CANCELLED;
            };
            long total = done.get();
            Events.fire(listeners, l -> l.callEnded(call, how, total, failure));
        }
    }

    @Override
    public long refreshNanos() {
        return bar.refreshNanos();
    }

    @Override
    public void refresh() {
        bar.refresh();
    }
}
