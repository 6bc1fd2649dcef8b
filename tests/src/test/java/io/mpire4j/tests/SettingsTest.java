package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.ParallelMethod;
import io.mpire4j.PoolOptions;
import io.mpire4j.TaskFailedException;
import io.mpire4j.tests.fixtures.Scripted;
import io.mpire4j.tests.fixtures.ScriptedParallel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Per-call settings and pool options: bad values fail at once naming the setting and the value,
 * settings that do not fit together fail before any input is read, and defaults chunk as promised.
 */
@EveryWorkerKind
class SettingsTest extends PoolContract {

    private static void assertRejected(Executable setting, String name, Object value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, setting);
        assertContains(e.getMessage(), name);
        assertContains(e.getMessage(), String.valueOf(value));
    }

    @Test
    void badCallSettingsFailAtOnceNamingTheSettingAndTheValue() {
        try (var pool = ScriptedParallel.create(Scripted.identity(board()), options())) {
            ParallelMethod<Integer, Integer> run = pool.run();
            assertRejected(() -> run.chunkSize(0), "chunkSize", 0);
            assertRejected(() -> run.chunkSize(-3), "chunkSize", -3);
            assertRejected(() -> run.splits(0), "splits", 0);
            assertRejected(() -> run.maxTasksActive(-1), "maxTasksActive", -1);
            assertRejected(() -> run.workerLifespan(0), "workerLifespan", 0);
            assertRejected(() -> run.taskTimeout(Duration.ZERO), "taskTimeout", Duration.ZERO);
            assertRejected(() -> run.taskTimeout(Duration.ofSeconds(-1)), "taskTimeout", Duration.ofSeconds(-1));
            assertRejected(() -> run.length(-1), "length", -1);
            assertRejected(() -> run.unit(" "), "unit", " ");
            assertThrows(NullPointerException.class, () -> run.unit(null));
            assertThrows(NullPointerException.class, () -> run.progressStream(null));
        }
    }

    @Test
    void badPoolOptionsFailAtOnceNamingTheOptionAndTheValue() {
        PoolOptions options = options();
        assertRejected(() -> options.workers(0), "workers", 0);
        assertRejected(() -> options.workers(-2), "workers", -2);
        assertRejected(() -> options.workerInitTimeout(Duration.ZERO), "workerInitTimeout", Duration.ZERO);
        assertRejected(() -> options.workerExitTimeout(Duration.ofMillis(-5)), "workerExitTimeout",
                Duration.ofMillis(-5));
    }

    /** Runs every kind of call through {@code bad} and expects each to fail before reading any input or running a task. */
    private void assertEveryCallRejected(ParallelMethod<Integer, Integer> bad, Scripted scripted,
            String... named) {
        List<Consumer<CountingInput>> calls = List.of(
                bad::map, bad::mapUnordered, bad::forEach,
                input -> drain(bad.imap((Iterable<Integer>) input)),
                input -> drain(bad.imap((Iterator<Integer>) input)),
                input -> drain(bad.imapUnordered((Iterable<Integer>) input)));
        for (Consumer<CountingInput> call : calls) {
            CountingInput input = CountingInput.of(100);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call.accept(input));
            for (String name : named) {
                assertContains(e.getMessage(), name);
            }
            assertEquals(0, input.reads(), "input was read before the settings were checked");
        }
        assertEquals(0, scripted.started(), "a task ran although the settings were rejected");
    }

    private static void drain(Stream<Integer> results) {
        try (results) {
            results.forEach(x -> { });
        }
    }

    @Test
    void aChunkLargerThanMaxTasksActiveFailsBeforeAnyInputIsRead() {
        Scripted scripted = Scripted.identity(board());
        try (var pool = ScriptedParallel.create(scripted, options())) {
            assertEveryCallRejected(pool.run().chunkSize(5).maxTasksActive(4), scripted,
                    "chunkSize", "5", "maxTasksActive", "4");
            // the same handle without the bad combination works
            assertEquals(List.of(0, 1, 2), pool.run().chunkSize(5).map(List.of(0, 1, 2)));
        }
    }

    @Test
    void chunkSizeAndSplitsTogetherFailBeforeAnyInputIsRead() {
        Scripted scripted = Scripted.identity(board());
        try (var pool = ScriptedParallel.create(scripted, options())) {
            assertEveryCallRejected(pool.run().chunkSize(2).splits(3).length(100), scripted, "chunkSize", "splits");
        }
    }

    @Test
    void splitsNeedAnInputOfKnownLength() {
        Scripted scripted = Scripted.identity(board());
        try (var pool = ScriptedParallel.create(scripted, options())) {
            assertEveryCallRejected(pool.run().splits(4), scripted, "splits");
        }
    }

    @Test
    void handlesAreImmutable() {
        try (var pool = ScriptedParallel.create(Scripted.identity(board()), options())) {
            ParallelMethod<Integer, Integer> base = pool.run();
            ParallelMethod<Integer, Integer> split = base.splits(2);
            ParallelMethod<Integer, Integer> chunked = base.chunkSize(3);
            ParallelMethod<Integer, Integer> tight = chunked.maxTasksActive(3);
            assertNotSame(base, split);
            assertNotSame(base, chunked);
            assertNotSame(chunked, tight);
            List<Integer> inputs = IntStream.range(0, 30).boxed().toList();
            // Had splits(2) changed base, chunked would carry both chunkSize and splits and fail.
            assertEquals(inputs, chunked.map(inputs));
            assertEquals(inputs, split.map(inputs));
            assertEquals(inputs, base.map(inputs));
            assertEquals(inputs, tight.map(inputs));
            // Tightening maxTasksActive on a copy did not change chunked, so a larger chunk still fits here only.
            assertThrows(IllegalArgumentException.class, () -> tight.chunkSize(4).map(inputs));
            assertEquals(inputs, chunked.chunkSize(4).map(inputs));
        }
    }

    /**
     * Checks, after a call on an orderTasks pool, that input {@code x} ran on worker
     * {@code (x / chunkSize) mod workers}: that the call was cut into chunks of {@code expectedChunkSize}.
     */
    private void assertChunks(Scripted scripted, int tasks, int expectedChunkSize) {
        for (int x = 0; x < tasks; x++) {
            assertEquals((x / expectedChunkSize) % workers(), scripted.workerOf(x),
                    "worker of input " + x + " with chunks of " + expectedChunkSize);
        }
    }

    /** The default chunk size for 700 tasks: ceil(700 / (64 × workers)), 3 for 4 workers, 6 for 2. */
    private int defaultChunkOf700() {
        return (700 + 64 * workers() - 1) / (64 * workers());
    }

    @Test
    void defaultChunkSizeIsTasksOver64TimesWorkersRoundedUpWhenTheLengthIsKnown() {
        // 700 tasks on 4 workers: ceil(700 / 256) = 3 tasks per chunk; orderTasks shows the chunks.
        List<Integer> inputs = IntStream.range(0, 700).boxed().toList();
        Scripted scripted = Scripted.identity(board());
        try (var pool = ScriptedParallel.create(scripted, options().orderTasks(true))) {
            assertEquals(inputs, pool.run().map(inputs));
            assertChunks(scripted, 700, defaultChunkOf700());
        }
    }

    @Test
    void withAnUnknownLengthChunksStartAtOneTaskAndStayThereForSlowTasks() {
        // Each task sleeps 3 ms (its workload), more than the ~1 ms a chunk aims for: chunks of 1.
        Scripted scripted = Scripted.identity(board()).sleeping(0, 23, 3);
        try (var pool = ScriptedParallel.create(scripted, options().orderTasks(true))) {
            try (Stream<Integer> s = pool.run().imap(CountingInput.of(24).iterator())) {
                assertEquals(24, s.count());
            }
            assertChunks(scripted, 24, 1);
        }
    }

    @Test
    void withAnUnknownLengthChunksGrowForFastTasksAndLengthMakesTheLengthKnown() {
        Scripted scripted = Scripted.identity(board());
        try (var pool = ScriptedParallel.create(scripted, options().orderTasks(true))) {
            try (Stream<Integer> s = pool.run().imap(CountingInput.of(700).iterator())) {
                assertEquals(700, s.count());
            }
            // Before any chunk is back, the first 2 × workers chunks hold one task each ...
            for (int x = 0; x < 2 * workers(); x++) {
                assertEquals(x % workers(), scripted.workerOf(x), "worker of input " + x);
            }
            // ... then chunks grow with the measured task time, so later inputs leave the x mod n pattern.
            long grown = IntStream.range(0, 700).filter(x -> scripted.workerOf(x) != x % workers()).count();
            assertTrue(grown > 0, "chunks never grew past one task");
            // orderTasks counts chunks from 0 in every call, so the same pool shows the next call's chunks
            try (Stream<Integer> s = pool.run().length(700).imap(CountingInput.of(700).iterator())) {
                assertEquals(700, s.count());
            }
            assertChunks(scripted, 700, defaultChunkOf700());
        }
    }

    @Test
    void splitsCutTheInputIntoThatManyChunks() {
        List<Integer> inputs = IntStream.range(0, 20).boxed().toList();
        Scripted scripted = Scripted.identity(board());
        try (var pool = ScriptedParallel.create(scripted, options().orderTasks(true))) {
            assertEquals(inputs, pool.run().splits(4).map(inputs));
            assertChunks(scripted, 20, 5);
            assertEquals(inputs, pool.run().splits(3).length(20).map(CountingInput.of(20)));
            assertChunks(scripted, 20, 7);
        }
    }

    @Test
    void aProgressBarChangesNothingButTheDisplay() {
        try (var pool = ScriptedParallel.create(Scripted.identity(board()).failingAt(999), options())) {
            List<Integer> inputs = IntStream.range(0, 300).boxed().toList();
            ParallelMethod<Integer, Integer> shown = pool.run().progressBar(true);
            assertEquals(inputs, shown.map(inputs));
            assertEquals(inputs, shown.mapUnordered(inputs).stream().sorted().toList());
            try (Stream<Integer> s = shown.imap(CountingInput.of(300).iterator())) { // unknown total
                assertEquals(inputs, s.toList());
            }
            assertThrows(TaskFailedException.class, () -> shown.map(List.of(1, 999, 2)));
            assertEquals(5, shown.apply(5));
        }
    }

    @Test
    void theProgressBarGoesToItsStreamCountingItsUnitUpToTheGivenLength() {
        try (var pool = ScriptedParallel.create(Scripted.identity(board()), options())) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            PrintStream stream = new PrintStream(log, true, StandardCharsets.UTF_8);
            ParallelMethod<Integer, Integer> shown = pool.run().progressBar(true).description("scan").unit("files")
                    .leave(false).progressStream(stream);

            try (Stream<Integer> s = shown.length(40).imap(CountingInput.of(40).iterator())) {
                assertEquals(40, s.count());
            }

            String[] lines = log.toString(StandardCharsets.UTF_8).split("\\R");
            String last = lines[lines.length - 1];
            assertTrue(last.startsWith("scan: 100%|#########################| 40/40 ["), last);
            assertTrue(last.endsWith(" files/s]"), last);
        }
    }
}
