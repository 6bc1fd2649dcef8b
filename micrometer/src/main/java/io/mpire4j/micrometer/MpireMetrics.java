package io.mpire4j.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.mpire4j.spi.CallInfo;
import io.mpire4j.spi.PoolEvents;
import io.mpire4j.spi.PoolInfo;
import io.mpire4j.spi.PoolListener;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters for every mpire4j pool of this JVM, fed by the pool events
 * ({@link PoolListener}). Per pool, tagged {@code pool} (the pool's id), {@code class} (the
 * annotated class) and {@code kind} (the worker kind), plus the tags given here:
 *
 * <ul>
 *   <li>{@code mpire4j.tasks.completed} (counter): tasks that returned;
 *   <li>{@code mpire4j.tasks.failed} (counter): tasks that threw (timeouts and dead workers show
 *       in the call's failure, not here);
 *   <li>{@code mpire4j.chunk.time} (timer): from a worker taking a chunk to its results, one
 *       sample per completed chunk;
 *   <li>{@code mpire4j.queue.depth} (gauge): tasks read from the input (or claimed from the list)
 *       and not completed yet, for the calls that started after binding;
 *   <li>{@code mpire4j.workers.busy} (gauge): workers running a chunk.
 * </ul>
 *
 * <p>A pool's meters appear when it is created, or at its first completed chunk if it was created
 * before binding, and are <b>removed</b> from the registry when the pool closes.
 * {@link #close()} stops listening and removes every meter this binder registered.
 *
 * <pre>{@code
 * MpireMetrics metrics = new MpireMetrics();
 * metrics.bindTo(registry);      // once; from now on every pool of the JVM is measured
 * ...
 * metrics.close();               // stop and remove the meters
 * }</pre>
 *
 * <p>Thread-safe. Meter updates run on worker threads, once per chunk (never per task), and cost
 * a map lookup and a counter and timer update.
 */
public final class MpireMetrics implements MeterBinder, AutoCloseable {
    private final Tags tags;
    private final Map<Long, PoolMeters> pools = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    /** Set once by {@link #bindTo}; guarded by {@link #lock}, then read by listener threads. */
    private volatile MeterRegistry registry;
    /** Guarded by {@link #lock}. */
    private AutoCloseable registration;
    private volatile boolean closed;

    /** A binder whose meters carry only the per-pool tags. */
    public MpireMetrics() {
        this(Tags.empty());
    }

    /** A binder whose meters carry {@code tags} besides the per-pool tags. */
    public MpireMetrics(Iterable<Tag> tags) {
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
    }

    /**
     * Starts measuring every pool of this JVM into {@code registry}.
     *
     * @throws IllegalStateException if this binder is bound already or closed: bind a
     *     {@code CompositeMeterRegistry} to feed several registries
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("MpireMetrics is closed; make a new one to bind");
            }
            if (this.registry != null) {
                throw new IllegalStateException("MpireMetrics is bound to a registry already (" + this.registry
                        .getClass().getSimpleName() + "); bind a CompositeMeterRegistry to feed several");
            }
            this.registry = registry;
            registration = PoolEvents.register(new Listener());
        }
    }

    /** Stops listening and removes this binder's meters from the registry. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (registration != null) {
                try {
                    registration.close();
                } catch (Exception e) {
                    throw new IllegalStateException("could not unregister the pool listener", e);
                }
            }
            for (Long id : List.copyOf(pools.keySet())) {
                removePool(id);
            }
        }
    }

    private PoolMeters meters(PoolInfo pool) {
        MeterRegistry to = registry;
        if (closed || to == null) {
            return null;
        }
        PoolMeters meters = pools.computeIfAbsent(pool.id(), id -> PoolMeters.register(to, pool, tags));
        if (closed) { // closed meanwhile: leave nothing behind
            removePool(pool.id());
            return null;
        }
        return meters;
    }

    private void removePool(long id) {
        PoolMeters meters = pools.remove(id);
        MeterRegistry from = registry;
        if (meters != null && from != null) {
            meters.removeFrom(from);
        }
    }

    /** The meters of one pool. */
    private record PoolMeters(Counter completed, Counter failed, Timer chunkTime, Gauge queueDepth, Gauge busy) {
        static PoolMeters register(MeterRegistry registry, PoolInfo pool, Tags common) {
            Tags tags = common.and("pool", Long.toString(pool.id()), "class", pool.className(), "kind",
                    pool.workerKind());
            return new PoolMeters(
                    Counter.builder("mpire4j.tasks.completed").description("Tasks that returned")
                            .baseUnit("tasks").tags(tags).register(registry),
                    Counter.builder("mpire4j.tasks.failed").description("Tasks that threw")
                            .baseUnit("tasks").tags(tags).register(registry),
                    Timer.builder("mpire4j.chunk.time")
                            .description("From a worker taking a chunk to its results").tags(tags).register(registry),
                    Gauge.builder("mpire4j.queue.depth", pool, PoolInfo::tasksPending)
                            .description("Tasks read from the input and not completed yet").baseUnit("tasks")
                            .tags(tags).register(registry),
                    Gauge.builder("mpire4j.workers.busy", pool, PoolInfo::workersBusy)
                            .description("Workers running a chunk").baseUnit("workers").tags(tags).register(registry));
        }

        void removeFrom(MeterRegistry registry) {
            for (Meter meter : List.of(completed, failed, chunkTime, queueDepth, busy)) {
                registry.remove(meter);
            }
        }
    }

    /** The pool events this binder hears; quick, on the threads that report them. */
    private final class Listener implements PoolListener {
        @Override
        public void poolCreated(PoolInfo pool) {
            meters(pool);
        }

        @Override
        public void poolClosed(PoolInfo pool) {
            removePool(pool.id());
        }

        @Override
        public void chunkCompleted(CallInfo call, int workerId, int tasks, long nanos) {
            PoolMeters meters = meters(call.pool());
            if (meters != null) {
                meters.completed.increment(tasks);
                meters.chunkTime.record(nanos, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void taskFailed(CallInfo call, int workerId, long taskIndex, Throwable cause) {
            PoolMeters meters = meters(call.pool());
            if (meters != null) {
                meters.failed.increment();
            }
        }
    }
}
