package io.mpire4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.tests.fixtures.NumbersParallel;
import io.mpire4j.tests.fixtures.Scripted;
import io.mpire4j.tests.fixtures.ScriptedParallel;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** imap and imapUnordered read and run nothing before the first pull, and closing them cancels the rest. */
@EveryWorkerKind
class LazinessTest extends PoolContract {

    /** Creates a lazy call over {@code input}, checks nothing happened, then pulls one result. */
    private void assertLazy(Function<ScriptedParallel, Function<CountingInput, Stream<Integer>>> call) {
        Scripted scripted = Scripted.identity(board());
        try (var pool = ScriptedParallel.create(scripted, options())) {
            CountingInput input = CountingInput.endless();
            try (Stream<Integer> results = call.apply(pool).apply(input)) {
                assertEquals(0, input.reads(), "input read before the first pull");
                assertEquals(0, scripted.started(), "task ran before the first pull");
                Iterator<Integer> it = results.iterator();
                assertTrue(promptly(it::hasNext));
                it.next();
                assertTrue(input.reads() >= 1);
                assertTrue(scripted.started() >= 1);
            }
        }
    }

    @Test
    void imapOverAnIteratorDoesNothingBeforeTheFirstPull() {
        assertLazy(pool -> input -> pool.run().imap((Iterator<Integer>) input));
    }

    @Test
    void imapOverAnIterableDoesNothingBeforeTheFirstPull() {
        assertLazy(pool -> input -> pool.run().imap((Iterable<Integer>) input));
    }

    @Test
    void imapOverAStreamDoesNothingBeforeTheFirstPull() {
        assertLazy(pool -> input -> pool.run().imap(Stream.generate(input::next)));
    }

    @Test
    void imapUnorderedDoesNothingBeforeTheFirstPull() {
        assertLazy(pool -> input -> pool.run().imapUnordered((Iterator<Integer>) input));
    }

    @Test
    void closingTheStreamCancelsTheTasksNotYetRun() {
        // Tasks 0-4 return at once; later ones wait at a gate. 20 tasks are read ahead, but only the
        // ones a worker already held when the stream was closed may run: at most one per worker.
        Scripted scripted = Scripted.identity(board()).waiting(5, Integer.MAX_VALUE, "gate");
        AtomicBoolean sourceClosed = new AtomicBoolean();
        try (var pool = ScriptedParallel.create(scripted, options())) {
            CountingInput input = CountingInput.endless();
            Stream<Integer> source = Stream.generate(input::next).onClose(() -> sourceClosed.set(true));
            try (Stream<Integer> results = pool.run().chunkSize(1).maxTasksActive(20).imap(source)) {
                assertEquals(List.of(0, 1, 2, 3, 4), promptly(() -> results.limit(5).toList()));
            }
            assertTrue(sourceClosed.get(), "closing the result stream did not close the input stream");
            int readAtClose = input.reads();
            board().mark("gate");
            pool.stopAndJoin(); // waits for the tasks still running
            assertTrue(readAtClose <= 5 + 20, "read " + readAtClose + " tasks with maxTasksActive 20");
            assertEquals(readAtClose, input.reads(), "input read after the stream was closed");
            assertTrue(scripted.started() <= 5 + workers(),
                    scripted.started() + " tasks ran; queued tasks were not cancelled");
            // the pool is still usable
            assertEquals(List.of(7, 8), pool.run().map(List.of(7, 8)));
        }
    }

    @Test
    void imapWorksWithAnInfiniteStream() {
        try (var pool = NumbersParallel.create(options())) {
            try (Stream<Integer> squares = pool.square().imap(Stream.iterate(0, i -> i + 1))) {
                assertEquals(IntStream.range(0, 100).map(i -> i * i).boxed().toList(),
                        promptly(() -> squares.limit(100).toList()));
            }
            AtomicInteger counter = new AtomicInteger();
            try (Stream<Integer> squares = pool.square().imapUnordered(Stream.generate(counter::getAndIncrement))) {
                assertEquals(50, promptly(() -> squares.limit(50).count()));
            }
        }
    }
}
