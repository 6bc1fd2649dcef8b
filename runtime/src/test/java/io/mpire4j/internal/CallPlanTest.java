package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.ParallelMethod;
import io.mpire4j.PoolOptions;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * How a call's settings resolve into chunk size and in-flight bound, and how bad settings are
 * rejected: at once, with the setting's name and value.
 */
class CallPlanTest {
    private static final int MAX_CHUNK = Integer.MAX_VALUE - 8;

    private final WorkerPool<Void, Void> pool = WorkerPool.create(WorkerProgram.<Void, Void>builder("Doubler")
            .task("twice", List.of("n"), (state, worker, n) -> 2 * n, n -> new Object[] {n}, Codecs.INT, Codecs.INT)
            .build(), PoolOptions.defaults().workers(2));
    private final ParallelMethod<Integer, Integer> twice = pool.method(0);

    @AfterEach
    void closePool() {
        pool.close();
    }

    private static CallSettings settings(int chunkSize, int splits, int maxTasksActive, int workerLifespan) {
        return new CallSettings(chunkSize, splits, maxTasksActive, workerLifespan, null, false, -1, null);
    }

    private static CallPlan plan(long length, int workers) {
        return CallPlan.resolve(CallSettings.DEFAULTS, length, workers);
    }

    private static void assertFails(String message, Executable executable) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertEquals(message, e.getMessage());
    }

    private static void assertFailsMentioning(Executable executable, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- defaults

    @Test
    void defaultChunkIsTasksOverSixtyFourTimesWorkersRoundedUp() {
        assertAll(
                () -> assertEquals(4, plan(1000, 4).chunkSize(), "ceil(1000 / 256)"),
                () -> assertEquals(1, plan(256, 4).chunkSize()),
                () -> assertEquals(2, plan(257, 4).chunkSize()),
                () -> assertEquals(1954, plan(1_000_000, 8).chunkSize(), "ceil(1e6 / 512) = ceil(1953.1)"),
                () -> assertEquals(15_625, plan(1_000_000, 1).chunkSize()));
    }

    @Test
    void defaultChunkIsOneForTinyEmptyOrUnknownInput() {
        assertEquals(1, plan(0, 4).chunkSize());
        assertEquals(1, plan(1, 4).chunkSize());
        assertEquals(1, plan(-1, 4).chunkSize());
        assertEquals(1, plan(-1, 1).chunkSize());
    }

    @Test
    void defaultMaxActiveIsTwiceWorkersTimesChunk() {
        assertEquals(32, plan(1000, 4).maxActive(), "2 × 4 × 4");
        assertEquals(2 * 8 * 1954, plan(1_000_000, 8).maxActive());
        assertEquals(6, plan(-1, 3).maxActive(), "2 × 3 × 1");
    }

    @Test
    void explicitSettingsAreKept() {
        CallPlan plan = CallPlan.resolve(new CallSettings(7, 0, 70, 0, Duration.ofSeconds(3), true, -1, null), 1000, 4);

        assertEquals(new CallPlan(7, 70, 0, Duration.ofSeconds(3)), plan);
        assertEquals(56, CallPlan.resolve(settings(7, 0, 0, 0), 1000, 4).maxActive(), "2 × 4 × 7");
        assertDoesNotThrow(() -> CallPlan.resolve(settings(10, 0, 10, 0), 100, 4), "chunk == maxTasksActive fits");
    }

    @Test
    void splitsCutKnownInputIntoThatManyChunks() {
        assertEquals(4, CallPlan.resolve(settings(0, 3, 0, 0), 10, 4).chunkSize(), "ceil(10 / 3)");
        assertEquals(25, CallPlan.resolve(settings(0, 4, 0, 0), 100, 4).chunkSize());
        assertEquals(1, CallPlan.resolve(settings(0, 5, 0, 0), 2, 4).chunkSize(), "more splits than tasks");
        assertEquals(1, CallPlan.resolve(settings(0, 5, 0, 0), 0, 4).chunkSize(), "empty input");
    }

    @Test
    void lifespanCapsTheChunk() {
        assertEquals(10, CallPlan.resolve(settings(100, 0, 0, 10), 1000, 4).chunkSize());
        CallPlan plan = CallPlan.resolve(settings(0, 0, 0, 7), 1_000_000, 1);
        assertEquals(new CallPlan(7, 14, 7, null), plan, "default chunk 15625 capped at 7; maxActive 2 × 1 × 7");
        assertEquals(3, CallPlan.resolve(settings(3, 0, 0, 10), 1000, 4).chunkSize(), "a smaller chunk stays");
    }

    @Test
    void defaultChunkFitsAnExplicitMaxTasksActive() {
        CallPlan plan = CallPlan.resolve(settings(0, 0, 100, 0), 1_000_000, 1);

        assertEquals(100, plan.chunkSize(),
                "the default chunk (15625) is capped, not an error the user never asked for");
        assertEquals(100, plan.maxActive());
    }

    @Test
    void singleApplyIsOneTaskInFlight() {
        assertEquals(new CallPlan(1, 1, 5, Duration.ofMillis(10)),
                CallPlan.single(new CallSettings(0, 0, 0, 5, Duration.ofMillis(10), false, -1, null)));
    }

    // ---------------------------------------------------------------- conflicts

    @Test
    void chunkLargerThanMaxTasksActiveNamesBoth() {
        assertFailsMentioning(() -> CallPlan.resolve(settings(100, 0, 50, 0), 1000, 4),
                "chunkSize (100)", "maxTasksActive (50)");
    }

    @Test
    void splitsGivingAChunkLargerThanMaxTasksActiveNameSplits() {
        assertFailsMentioning(() -> CallPlan.resolve(settings(0, 2, 100, 0), 1000, 4),
                "splits (2)", "500", "maxTasksActive (100)");
    }

    @Test
    void chunkSizeAndSplitsTogetherAreRejected() {
        assertFails("set chunkSize or splits, not both (chunkSize was 5, splits was 2)",
                () -> CallPlan.resolve(settings(5, 2, 0, 0), 100, 4));
    }

    @Test
    void splitsNeedAKnownLength() {
        assertFails("splits (3) needs an input of known size: pass a Collection or set length(...)",
                () -> CallPlan.resolve(settings(0, 3, 0, 0), -1, 4));
    }

    // ---------------------------------------------------------------- huge inputs

    @Test
    void hugeLengthsDoNotOverflow() {
        CallPlan plan = plan(Long.MAX_VALUE, 4);
        assertEquals(MAX_CHUNK, plan.chunkSize());
        assertEquals(Integer.MAX_VALUE, plan.maxActive());

        assertEquals(MAX_CHUNK, CallPlan.resolve(settings(0, 2, 0, 0), Long.MAX_VALUE, 4).chunkSize());
        assertEquals(MAX_CHUNK, CallPlan.resolve(settings(0, 1, 0, 0), Long.MAX_VALUE, 4).chunkSize());
        CallPlan manyWorkers = plan(Long.MAX_VALUE, Integer.MAX_VALUE);
        assertTrue(manyWorkers.chunkSize() >= 1 && manyWorkers.maxActive() >= manyWorkers.chunkSize(),
                manyWorkers.toString());
        assertEquals(Integer.MAX_VALUE, manyWorkers.maxActive());
    }

    @Test
    void largeExplicitChunkIsKeptBelowArrayLimits() {
        CallPlan plan = CallPlan.resolve(settings(Integer.MAX_VALUE, 0, 0, 0), 10, 4);
        assertEquals(MAX_CHUNK, plan.chunkSize());
        assertEquals(Integer.MAX_VALUE, plan.maxActive());
    }

    // ---------------------------------------------------------------- ParallelMethod settings

    @Test
    void sizeSettingsMustBePositive() {
        assertFails("chunkSize must be >= 1, was 0", () -> twice.chunkSize(0));
        assertFails("chunkSize must be >= 1, was -7", () -> twice.chunkSize(-7));
        assertFails("splits must be >= 1, was 0", () -> twice.splits(0));
        assertFails("maxTasksActive must be >= 1, was -1", () -> twice.maxTasksActive(-1));
        assertFails("workerLifespan must be >= 1, was 0", () -> twice.workerLifespan(0));
    }

    @Test
    void taskTimeoutMustBePositive() {
        assertFails("taskTimeout must be a positive duration, was PT0S", () -> twice.taskTimeout(Duration.ZERO));
        assertFails("taskTimeout must be a positive duration, was PT-0.005S",
                () -> twice.taskTimeout(Duration.ofMillis(-5)));
        NullPointerException e = assertThrows(NullPointerException.class, () -> twice.taskTimeout(null));
        assertEquals("taskTimeout", e.getMessage());
        assertDoesNotThrow(() -> twice.taskTimeout(Duration.ofNanos(1)));
    }

    @Test
    void lengthMustNotBeNegative() {
        assertFails("length must be >= 0, was -1", () -> twice.length(-1));
        assertDoesNotThrow(() -> twice.length(0));
    }

    @Test
    void settingsReturnANewHandleAndLeaveTheOldOneAlone() {
        String before = twice.toString();
        ParallelMethod<Integer, Integer> chunked = twice.chunkSize(5);

        assertNotSame(twice, chunked);
        assertEquals(before, twice.toString());
        assertTrue(chunked.toString().contains("chunkSize=5"), chunked.toString());
        assertTrue(before.contains("Doubler.twice"), before);
    }

    /** Input that fails the test if the call reads any of it. */
    private static final class Untouchable implements Iterable<Integer> {
        @Override
        public Iterator<Integer> iterator() {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    throw new AssertionError("input was read before the settings were checked");
                }

                @Override
                public Integer next() {
                    throw new AssertionError("input was read before the settings were checked");
                }
            };
        }
    }

    @Test
    void conflictingSettingsFailWhenTheCallStartsBeforeReadingInput() {
        assertFailsMentioning(() -> twice.chunkSize(5).splits(2).map(new Untouchable()), "chunkSize was 5",
                "splits was 2");
        assertFailsMentioning(() -> twice.chunkSize(100).maxTasksActive(50).forEach(new Untouchable()),
                "chunkSize (100)", "maxTasksActive (50)");
        assertFailsMentioning(() -> twice.splits(3).mapUnordered(new Untouchable()), "splits (3)");
        assertFailsMentioning(() -> twice.splits(3).imap(new Untouchable().iterator()), "splits (3)");
        assertFailsMentioning(() -> twice.splits(3).imapUnordered(Stream.iterate(1, n -> n + 1)), "splits (3)");
    }

    @Test
    void splitsWithALengthWorkForUnsizedInput() {
        assertDoesNotThrow(() -> twice.splits(3).length(9).imap(new Untouchable().iterator()).close(),
                "a lazy imap resolves its plan at once but reads nothing until pulled");
    }

    // ---------------------------------------------------------------- PoolOptions

    @Test
    void poolOptionsRejectBadValuesNamingSettingAndValue() {
        assertFails("workers must be >= 1, was -2", () -> PoolOptions.defaults().workers(-2));
        assertFails("workers must be >= 1, was 0", () -> PoolOptions.defaults().workers(0));
        assertFails("workerInitTimeout must be a positive duration, was PT0S",
                () -> PoolOptions.defaults().workerInitTimeout(Duration.ZERO));
        assertFails("workerExitTimeout must be a positive duration, was PT-1S",
                () -> PoolOptions.defaults().workerExitTimeout(Duration.ofSeconds(-1)));
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> PoolOptions.defaults().startMethod(null));
        assertEquals("startMethod", e.getMessage());
    }

    @Test
    void poolOptionsAreImmutable() {
        PoolOptions defaults = PoolOptions.defaults();
        PoolOptions four = defaults.workers(4).keepAlive(false);

        assertEquals(Runtime.getRuntime().availableProcessors(), defaults.workers());
        assertTrue(defaults.keepAlive());
        assertEquals(4, four.workers());
        assertEquals(false, four.keepAlive());
    }

    @Test
    void anUnknownLengthWithoutChunkSizeOrSplitsAdaptsItsChunks() {
        CallPlan plan = plan(-1, 4);
        assertEquals(1, plan.chunkSize(), "adaptive chunks start at one task");
        assertEquals(CallPlan.ADAPTIVE_MAX, plan.adaptiveMax());
        assertEquals(8, plan.maxActiveFor(1), "2 × 4 × 1");
        assertEquals(800, plan.maxActiveFor(100), "the default bound follows the current chunk: 2 × 4 × 100");

        CallPlan bounded = CallPlan.resolve(settings(0, 0, 100, 0), -1, 4);
        assertEquals(100, bounded.adaptiveMax(), "never past a maxTasksActive the user set");
        assertEquals(100, bounded.maxActiveFor(50), "a bound the user set stays put");

        assertEquals(5, CallPlan.resolve(settings(0, 0, 0, 5), -1, 4).adaptiveMax(), "never past the lifespan");
        assertEquals(0, CallPlan.resolve(settings(3, 0, 0, 0), -1, 4).adaptiveMax(), "a chunk size set is fixed");
        assertEquals(0, plan(1000, 4).adaptiveMax(), "a known length gets the fixed default");
        assertEquals(0, CallPlan.resolve(settings(0, 0, 1, 0), -1, 4).adaptiveMax(), "a bound of 1 leaves nothing to adapt");
    }
}
