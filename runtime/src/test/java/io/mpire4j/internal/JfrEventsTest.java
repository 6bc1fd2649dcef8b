package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.PoolOptions;
import io.mpire4j.StartMethod;
import io.mpire4j.TaskFailedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JFR events a pool emits while a recording runs, read back from a real recording file. */
class JfrEventsTest {
    private static final List<String> NAMES = List.of("io.mpire4j.Call", "io.mpire4j.Chunk", "io.mpire4j.Task",
            "io.mpire4j.WorkerInit", "io.mpire4j.WorkerExit");

    @TempDir
    Path dir;

    private static WorkerPool<Void, Integer> pool(StartMethod kind, boolean initFails) {
        return WorkerPool.create(WorkerProgram.<Void, Integer>builder("Nums")
                .init("setUp", workerId -> {
                    if (initFails) {
                        throw new IllegalStateException("no setup for " + workerId);
                    }
                    return null;
                })
                .exit("tearDown", (Void state, int workerId) -> workerId, Codecs.INT)
                .task("twice", List.of("n"), (Void state, int workerId, Integer n) -> {
                    if (n < 0) {
                        throw new IllegalArgumentException("negative");
                    }
                    return 2 * n;
                }, n -> new Object[] {n}, Codecs.INT, Codecs.INT)
                .build(), PoolOptions.defaults().workers(2).startMethod(kind));
    }

    /** Runs {@code work} while a recording of the mpire4j events runs; returns what it recorded. */
    private List<RecordedEvent> record(Runnable work) throws Exception {
        Path file = dir.resolve("events.jfr");
        try (Recording recording = new Recording()) {
            for (String name : NAMES) {
                recording.enable(name).withoutThreshold().withoutStackTrace();
            }
            recording.start();
            work.run();
            recording.stop();
            recording.dump(file);
        }
        assertTrue(Files.size(file) > 0);
        return RecordingFile.readAllEvents(file);
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
    }

    private void aCallRecordsItsChunksTasksAndWorkers(StartMethod kind, Consumer<List<RecordedEvent>> tasks)
            throws Exception {
        List<Integer> input = IntStream.range(0, 40).boxed().toList();
        List<RecordedEvent> events = record(() -> {
            try (WorkerPool<Void, Integer> pool = pool(kind, false)) {
                pool.<Integer, Integer>method(0).chunkSize(10).description("doubling").map(input);
            }
        });

        List<RecordedEvent> calls = named(events, "io.mpire4j.Call");
        assertEquals(1, calls.size(), events.toString());
        RecordedEvent call = calls.get(0);
        assertEquals("Nums.twice", call.getString("method"));
        assertEquals("doubling", call.getString("description"));
        assertEquals(40, call.getLong("total"));
        assertEquals(40, call.getLong("tasks"));
        assertEquals("DONE", call.getString("outcome"));
        assertTrue(call.getLong("pool") > 0);

        List<RecordedEvent> chunks = named(events, "io.mpire4j.Chunk");
        assertEquals(4, chunks.size());
        for (RecordedEvent chunk : chunks) {
            assertEquals("Nums.twice", chunk.getString("method"));
            assertEquals(10, chunk.getInt("tasks"));
            assertTrue(Set.of(0, 1).contains(chunk.getInt("workerId")));
            assertEquals(false, chunk.getBoolean("failed"));
            assertEquals(call.getLong("pool"), chunk.getLong("pool"));
        }

        tasks.accept(named(events, "io.mpire4j.Task"));

        // Every worker that ran a chunk ran its init first, and exited as the pool closed.
        List<RecordedEvent> inits = named(events, "io.mpire4j.WorkerInit");
        assertTrue(workerIds(inits).containsAll(workerIds(chunks)), inits.toString());
        inits.forEach(e -> assertNull(e.getString("failure")));
        List<RecordedEvent> exits = named(events, "io.mpire4j.WorkerExit");
        assertEquals(workerIds(inits), workerIds(exits));
        exits.forEach(e -> assertNull(e.getString("failure")));
    }

    private static List<Integer> upTo(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static Set<Integer> workerIds(List<RecordedEvent> events) {
        return events.stream().map(e -> e.getInt("workerId")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void everyTaskOnce(List<RecordedEvent> tasks) {
        assertEquals(40, tasks.size());
        assertEquals(IntStream.range(0, 40).mapToObj(i -> (long) i).toList(),
                tasks.stream().map(e -> e.getLong("taskIndex")).sorted().toList());
        for (RecordedEvent task : tasks) {
            assertEquals("Nums.twice", task.getString("method"));
            assertTrue(Set.of(0, 1).contains(task.getInt("workerId")));
            assertEquals(false, task.getBoolean("failed"));
        }
    }

    @Test
    void threadsRecordCallChunksTasksAndWorkerLives() throws Exception {
        aCallRecordsItsChunksTasksAndWorkers(StartMethod.THREADS, JfrEventsTest::everyTaskOnce);
    }

    @Test
    void virtualThreadsRecordCallChunksTasksAndWorkerLives() throws Exception {
        aCallRecordsItsChunksTasksAndWorkers(StartMethod.VIRTUAL_THREADS, JfrEventsTest::everyTaskOnce);
    }

    @Test
    void processesRecordCallChunksAndWorkerLivesInTheParent() throws Exception {
        List<RecordedEvent> events = record(() -> {
            try (WorkerPool<int[], Integer> pool = WorkerPool.create(ChildFixture.program("p"),
                    PoolOptions.defaults().workers(2).startMethod(StartMethod.PROCESSES))) {
                pool.<Integer, Integer>method(ChildFixture.SQUARE).chunkSize(5).map(upTo(20));
            }
        });
        RecordedEvent call = named(events, "io.mpire4j.Call").get(0);
        assertEquals("ChildFixture.square", call.getString("method"));
        assertEquals(20, call.getLong("tasks"));
        assertEquals("DONE", call.getString("outcome"));
        List<RecordedEvent> chunks = named(events, "io.mpire4j.Chunk");
        assertEquals(4, chunks.size());
        assertEquals(20, chunks.stream().mapToInt(e -> e.getInt("tasks")).sum());
        assertTrue(named(events, "io.mpire4j.Task").isEmpty(), "child JVMs record no tasks");
        assertEquals(workerIds(named(events, "io.mpire4j.WorkerInit")),
                workerIds(named(events, "io.mpire4j.WorkerExit")));
    }

    @Test
    void aFailedTaskIsRecordedInItsTaskChunkAndCall() throws Exception {
        List<RecordedEvent> events = record(() -> {
            try (WorkerPool<Void, Integer> pool = pool(StartMethod.THREADS, false)) {
                assertThrows(TaskFailedException.class,
                        () -> pool.<Integer, Integer>method(0).chunkSize(1).map(List.of(1, -7)));
            }
        });
        RecordedEvent call = named(events, "io.mpire4j.Call").get(0);
        assertEquals("FAILED", call.getString("outcome"));
        assertTrue(named(events, "io.mpire4j.Chunk").stream().anyMatch(e -> e.getBoolean("failed")));
        List<RecordedEvent> failedTasks = named(events, "io.mpire4j.Task").stream()
                .filter(e -> e.getBoolean("failed")).toList();
        assertEquals(1, failedTasks.size());
        assertEquals(1, failedTasks.get(0).getLong("taskIndex"));
    }

    @Test
    void aFailedInitIsRecordedWithItsClass() throws Exception {
        List<RecordedEvent> events = record(() -> {
            try (WorkerPool<Void, Integer> pool = pool(StartMethod.THREADS, true)) {
                assertThrows(RuntimeException.class, () -> pool.<Integer, Integer>method(0).map(List.of(1, 2)));
            }
        });
        List<RecordedEvent> inits = named(events, "io.mpire4j.WorkerInit");
        assertTrue(!inits.isEmpty(), events.toString());
        inits.forEach(e -> assertEquals(IllegalStateException.class.getName(), e.getString("failure")));
    }
}
