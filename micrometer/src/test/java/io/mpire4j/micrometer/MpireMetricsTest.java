package io.mpire4j.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mpire4j.PoolOptions;
import io.mpire4j.TaskFailedException;
import io.mpire4j.internal.Codecs;
import io.mpire4j.internal.WorkerPool;
import io.mpire4j.internal.WorkerProgram;
import io.mpire4j.spi.PoolEvents;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The binder against a real pool (built as generated code builds it) and a {@link SimpleMeterRegistry}. */
class MpireMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void nothingLeftListening() {
        assertEquals(0, PoolEvents.current().length, "a test left a listener registered");
    }

    private static WorkerPool<Void, Void> pool() {
        return WorkerPool.create(WorkerProgram.<Void, Void>builder("Nums")
                .task("twice", List.of("n"), (Void state, int workerId, Integer n) -> {
                    if (n < 0) {
                        throw new IllegalArgumentException("negative");
                    }
                    return 2 * n;
                }, n -> new Object[] {n}, Codecs.INT, Codecs.INT)
                .build(), PoolOptions.defaults().workers(2));
    }

    private static List<Integer> upTo(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private Counter counter(String name) {
        return registry.find(name).tags("class", "Nums", "kind", "threads").counter();
    }

    @Test
    void countsTasksTimesChunksAndRemovesThePoolsMetersWhenItCloses() {
        try (MpireMetrics metrics = new MpireMetrics(Tags.of("app", "test"))) {
            metrics.bindTo(registry);
            try (WorkerPool<Void, Void> pool = pool()) {
                pool.<Integer, Integer>method(0).chunkSize(10).map(upTo(30));
                assertEquals(30, counter("mpire4j.tasks.completed").count());
                Timer chunks = registry.find("mpire4j.chunk.time").tag("app", "test").timer();
                assertNotNull(chunks);
                assertEquals(3, chunks.count());
                assertTrue(chunks.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) > 0);
                assertEquals(0, counter("mpire4j.tasks.failed").count());

                assertThrows(TaskFailedException.class,
                        () -> pool.<Integer, Integer>method(0).chunkSize(1).map(List.of(-1)));
                assertEquals(1, counter("mpire4j.tasks.failed").count());

                Gauge depth = registry.find("mpire4j.queue.depth").tags("class", "Nums").gauge();
                Gauge busy = registry.find("mpire4j.workers.busy").tags("class", "Nums").gauge();
                assertNotNull(depth);
                assertNotNull(busy);
                assertEquals(0, depth.value(), "nothing pending between calls");
                String id = depth.getId().getTag("pool");
                assertEquals(id, counter("mpire4j.tasks.completed").getId().getTag("pool"));
            }
            assertNull(counter("mpire4j.tasks.completed"), "a closed pool's meters are removed");
            assertTrue(registry.getMeters().isEmpty(), registry.getMeters().toString());
        }
    }

    @Test
    void aPoolCreatedBeforeBindingIsMeasuredFromItsFirstChunk() {
        try (WorkerPool<Void, Void> pool = pool(); MpireMetrics metrics = new MpireMetrics()) {
            metrics.bindTo(registry);
            pool.<Integer, Integer>method(0).chunkSize(5).map(upTo(10));
            assertEquals(10, counter("mpire4j.tasks.completed").count());
        }
    }

    @Test
    void closingTheBinderUnregistersItAndRemovesItsMeters() {
        MpireMetrics metrics = new MpireMetrics();
        metrics.bindTo(registry);
        try (WorkerPool<Void, Void> pool = pool()) {
            pool.<Integer, Integer>method(0).map(upTo(4));
            assertEquals(1, PoolEvents.current().length);
            metrics.close();
            metrics.close(); // idempotent
            assertEquals(0, PoolEvents.current().length);
            assertTrue(registry.getMeters().isEmpty(), registry.getMeters().toString());
            pool.<Integer, Integer>method(0).map(upTo(4));
            assertTrue(registry.getMeters().isEmpty(), "a closed binder registers nothing");
        }
        assertThrows(IllegalStateException.class, () -> metrics.bindTo(registry));
    }

    @Test
    void aBinderBindsOnce() {
        try (MpireMetrics metrics = new MpireMetrics()) {
            metrics.bindTo(registry);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> metrics.bindTo(new SimpleMeterRegistry()));
            assertTrue(e.getMessage().contains("CompositeMeterRegistry"), e.getMessage());
        }
    }
}
