package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.ParallelMethod;
import io.mpire4j.tests.fixtures.Scripted;
import io.mpire4j.tests.fixtures.ScriptedParallel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * maxTasksActive bounds input read-ahead: at every moment, tasks read minus results handed to the
 * consumer is at most maxTasksActive, however slow the consumer and however far a slow task holds
 * back ordered results.
 */
@EveryWorkerKind
class BackpressureTest extends PoolContract {

    /**
     * Pulls every result of {@code call} as slowly as possible: after each result it waits until
     * every task read so far has finished, so the workers are idle and would take more input if the
     * pool read it. Returns the results; {@code input} records how far reading got ahead.
     */
    private static List<Integer> consumeSlowly(Stream<Integer> results, CountingInput input, Semaphore finished)
            throws InterruptedException {
        List<Integer> out = new ArrayList<>();
        int waited = 0;
        try (results) {
            var it = results.iterator();
            while (it.hasNext()) {
                out.add(it.next());
                input.consumed();
                int read = input.reads();
                assertTrue(finished.tryAcquire(read - waited, WAIT_SECONDS, TimeUnit.SECONDS));
                waited = read;
            }
        }
        return out;
    }

    private static Scripted releasingEach(Semaphore finished) {
        return new Scripted((workerId, x) -> {
            finished.release();
            return x;
        });
    }

    @Test
    void imapNeverReadsMoreThanMaxTasksActiveAheadOfTheConsumer() {
        Semaphore finished = new Semaphore(0);
        try (var pool = ScriptedParallel.create(releasingEach(finished), options())) {
            for (boolean ordered : new boolean[] {true, false}) {
                CountingInput input = CountingInput.of(200);
                ParallelMethod<Integer, Integer> run = pool.run().maxTasksActive(4).chunkSize(1);
                Stream<Integer> results = ordered ? run.imap((Iterable<Integer>) input)
                        : run.imapUnordered((Iterable<Integer>) input);
                List<Integer> out = promptly(() -> consumeSlowly(results, input, finished));
                assertEquals(IntStream.range(0, 200).boxed().toList(), ordered ? out : out.stream().sorted().toList());
                assertEquals(4, input.maxLead(), "ordered=" + ordered
                        + ": input must be read up to, and never beyond, maxTasksActive ahead");
            }
        }
    }

    @Test
    void defaultMaxTasksActiveIsTwiceWorkersTimesChunkSize() {
        Semaphore finished = new Semaphore(0);
        try (var pool = ScriptedParallel.create(releasingEach(finished), options())) {
            CountingInput input = CountingInput.of(300);
            Stream<Integer> results = pool.run().chunkSize(3).imap((Iterable<Integer>) input);
            assertEquals(300, promptly(() -> consumeSlowly(results, input, finished)).size());
            assertEquals(2 * WORKERS * 3, input.maxLead());
        }
    }

    @Test
    void aSlowFirstTaskDoesNotLetOrderedResultsPileUpBeyondMaxTasksActive() {
        // Task 0 returns only after 7 others finished; meanwhile the ordered call must buffer their
        // results and stop reading at 8 tasks.
        Semaphore others = new Semaphore(0);
        Scripted scripted = new Scripted((workerId, x) -> {
            if (x == 0) {
                assertTrue(others.tryAcquire(7, WAIT_SECONDS, TimeUnit.SECONDS), "7 other tasks never finished");
            } else {
                others.release();
            }
            return x;
        });
        try (var pool = ScriptedParallel.create(scripted, options())) {
            CountingInput input = CountingInput.of(100);
            List<Integer> out = new ArrayList<>();
            promptly(() -> {
                try (Stream<Integer> results = pool.run().chunkSize(1).maxTasksActive(8).imap((Iterable<Integer>) input)) {
                    results.forEach(x -> {
                        out.add(x);
                        input.consumed();
                    });
                }
                return null;
            });
            assertEquals(IntStream.range(0, 100).boxed().toList(), out);
            assertEquals(8, input.maxLead());
        }
    }
}
