package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mpire4j.ParallelMethod;
import io.mpire4j.tests.fixtures.Scripted;
import io.mpire4j.tests.fixtures.ScriptedParallel;
import java.util.ArrayList;
import java.util.List;
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
    private List<Integer> consumeSlowly(Stream<Integer> results, CountingInput input) throws InterruptedException {
        List<Integer> out = new ArrayList<>();
        int waited = 0;
        try (results) {
            var it = results.iterator();
            while (it.hasNext()) {
                out.add(it.next());
                input.consumed();
                int read = input.reads();
                for (int x = waited; x < read; x++) {
                    String finished = "finished-" + x;
                    awaitUntil(() -> board().has(finished), finished);
                }
                waited = read;
            }
        }
        return out;
    }

    @Test
    void imapNeverReadsMoreThanMaxTasksActiveAheadOfTheConsumer() {
        try (var pool = ScriptedParallel.create(Scripted.identity(board()), options())) {
            for (boolean ordered : new boolean[] {true, false}) {
                for (String name : board().names("finished-")) {
                    board().remove(name); // the first round's
                }
                CountingInput input = CountingInput.of(200);
                ParallelMethod<Integer, Integer> run = pool.run().maxTasksActive(4).chunkSize(1);
                Stream<Integer> results = ordered ? run.imap((Iterable<Integer>) input)
                        : run.imapUnordered((Iterable<Integer>) input);
                List<Integer> out = promptly(() -> consumeSlowly(results, input));
                assertEquals(IntStream.range(0, 200).boxed().toList(), ordered ? out : out.stream().sorted().toList());
                assertEquals(4, input.maxLead(), "ordered=" + ordered
                        + ": input must be read up to, and never beyond, maxTasksActive ahead");
            }
        }
    }

    @Test
    void defaultMaxTasksActiveIsTwiceWorkersTimesChunkSize() {
        try (var pool = ScriptedParallel.create(Scripted.identity(board()), options())) {
            CountingInput input = CountingInput.of(300);
            Stream<Integer> results = pool.run().chunkSize(3).imap((Iterable<Integer>) input);
            assertEquals(300, promptly(() -> consumeSlowly(results, input)).size());
            assertEquals(2 * workers() * 3, input.maxLead());
        }
    }

    @Test
    void aSlowFirstTaskDoesNotLetOrderedResultsPileUpBeyondMaxTasksActive() {
        // Task 0 returns only after 7 others finished; meanwhile the ordered call must buffer their
        // results and stop reading at 8 tasks.
        Scripted scripted = Scripted.identity(board()).waitingForCount(0, "finished-", 7);
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
